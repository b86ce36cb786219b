/**
 * What the summary tables and the verdict need besides core's summary: the budget and how the intervals were drawn,
 * read off a finished result. Pure.
 */
import type { ExperimentResult } from '../../core/experiment/types';
import type { Estimate } from '../../core/math/intervals';
import type { StrategySummary } from '../../core/metrics/types';
import { isAdaptationStrategy } from '../../core/train/types';

/**
 * The i18n key naming what gains are paired against: scratch, or source-only when the run is domain adaptation
 * (core's experiment/runAdaptation.ts ADAPTATION_BASELINE).
 */
export function baselineKey(summary: readonly StrategySummary[]): string {
  return summary.some((s) => isAdaptationStrategy(s.strategy))
    ? 'summary.baselineName.source-only'
    : 'summary.baselineName.scratch';
}

export interface SummaryFacts {
  epochs: number;
  seeds: number;
  repeats: number;
  validationCount: number;
  /** Chance accuracy, 1 / classes (the floor time to accuracy's target is set above). */
  chance: number;
}

/** The facts of a finished result the summary's words need. */
export function summaryFacts(result: ExperimentResult): SummaryFacts {
  const classes = result.dataset.classNames.length;
  return {
    epochs: result.config.epochs,
    seeds: result.config.seeds,
    repeats: result.config.repeats ?? 1,
    validationCount: result.dataset.validationCount,
    chance: classes > 0 ? 1 / classes : 0,
  };
}

/** An estimate of a rate per epoch (a fraction) in percentage points per epoch, interval included. */
export function inPoints(e: Pick<Estimate, 'mean' | 'ci95'>): Pick<Estimate, 'mean' | 'ci95'> {
  return { mean: e.mean * 100, ci95: e.ci95 ? [e.ci95[0] * 100, e.ci95[1] * 100] : null };
}
