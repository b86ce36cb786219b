/**
 * Which strategy of a run "won", for choices that need one strategy (the Predict page's classifier): the highest
 * mean plateau accuracy over its trials (SummaryMetrics.plateau: the last three epochs' validation accuracy, what a
 * classifier trained the same way can be expected to reach), the first in the summary's order on a tie. Strategies
 * that train no classifier of their own (domain adaptation's) and non-finite plateaus are skipped. null when none
 * qualifies. This picks a default; it is not a verdict (a winner by a margin inside the intervals is still the pick).
 */
import type { StrategySummary } from './types';

const CLASSIFIER_STRATEGY = /^(scratch|feature-extraction|fine-tune:[1-9][0-9]{0,5})$/;

/** A strategy a classifier can be trained with on its own (train/trainClassifier.ts): not domain adaptation's. */
export function isClassifierStrategy(strategy: string): boolean {
  return CLASSIFIER_STRATEGY.test(strategy);
}

export function winningStrategy(summary: readonly Pick<StrategySummary, 'strategy' | 'metrics'>[]): string | null {
  let best: { strategy: string; plateau: number } | null = null;
  for (const s of summary) {
    const plateau = s.metrics.plateau.mean;
    if (!isClassifierStrategy(s.strategy) || !Number.isFinite(plateau)) continue;
    if (!best || plateau > best.plateau) best = { strategy: s.strategy, plateau };
  }
  return best?.strategy ?? null;
}
