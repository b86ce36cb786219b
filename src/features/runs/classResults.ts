/**
 * Per-class numbers from an experiment's result, as the UI shows them. Pure.
 */
import type { Estimate } from '../../core/math/intervals';
import { perClassEstimates } from '../../core/metrics/confusion';
import type { ExperimentResult, TrialResult } from '../../core/experiment/types';

/**
 * Accuracy of each class per strategy over its trials, with its Wilson 95 % interval (core perClassEstimates: pooled
 * diagonal / row sum; the interval of one validation set's images of that class); null where a class had no images.
 */
export function perClassByStrategy(result: ExperimentResult): { strategy: string; accuracies: (Estimate | null)[] }[] {
  const classes = result.dataset.classNames.length;
  return result.config.strategies.map((strategy) => {
    const estimates = perClassEstimates(
      result.runs.filter((trial) => trial.strategy === strategy).map((trial) => trial.confusion),
    );
    return { strategy, accuracies: Array.from({ length: classes }, (_, c) => estimates[c] ?? null) };
  });
}

/** The trial of `strategy` and `seed` (the confusion matrix and misclassified ids are per trial). */
export function trialOf(result: ExperimentResult, strategy: string, seed: number): TrialResult | undefined {
  return result.runs.find((trial) => trial.strategy === strategy && trial.seed === seed);
}

/** The strategy with the highest mean AUC (the one worth looking at first). */
export function bestStrategy(result: ExperimentResult): string | null {
  const best = result.summary.reduce<(typeof result.summary)[number] | null>(
    (a, s) => (a === null || s.metrics.auc.mean > a.metrics.auc.mean ? s : a),
    null,
  );
  return best?.strategy ?? result.config.strategies[0] ?? null;
}

/** Validation example ids of a trial that were of class `truth` and predicted as `predicted`. */
export function misclassifiedIds(trial: TrialResult, truth: number, predicted: number): string[] {
  return trial.misclassified.filter((m) => m.label === truth && m.predicted === predicted).map((m) => m.id);
}
