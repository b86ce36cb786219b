import type { Direction, Estimate } from '../math/intervals';

export type { Direction, Estimate };

/**
 * Per-trial learning-curve metrics (definitions in metrics/learningCurve.ts, shown to users through
 * metrics/definitions.ts). Accuracies in [0, 1]; epochs count from epoch 1 (epoch 0 is before any training step).
 */
export interface CurveMetrics {
  /** Validation accuracy after epoch 1. */
  start: number;
  /**
   * Rise per epoch that per-epoch points identify: half of the curve's own gain (plateau − epoch 0) divided by the
   * epochs it took to get there (`epochsToHalf`). 0 when the curve does not rise. Never more than the largest
   * epoch-to-epoch rise of the curve.
   */
  slope: number;
  /** First epoch (≥ 1) at which the curve reached half of its own gain; null when it never rose. */
  epochsToHalf: number | null;
  /** Half the gain within the first epoch: the rate is faster than per-epoch points can measure. */
  fast: boolean;
  /** Mean validation accuracy of the last three epochs (fewer when E < 3). Always defined. */
  plateau: number;
  /** The fitted asymptote `a`, only when identified (`asymptoteReached`); null otherwise. Never clamped. */
  asymptote: number | null;
  /** The fit identifies the asymptote: the curve levelled off within the budget (τ ≤ E/3, R² ≥ 0.8) or is flat. */
  asymptoteReached: boolean;
  /** Mean validation accuracy over epochs 1..E (normalised area under the curve). */
  auc: number;
  /** The least-squares fit acc(t) = a − (a − s)·exp(−(t − 1)/τ) over epochs 1..E, as fitted (not clamped). */
  fit: { a: number; s: number; tau: number; r2: number };
  /** The fit's initial slope (a − s)/τ per epoch, only where τ ≥ 1 epoch and the asymptote is identified. */
  fittedSlope: number | null;
}

/** The summary's per-strategy metrics: a mean with its 95 % interval each (method and units in `Estimate`). */
export interface SummaryMetrics {
  start: Estimate;
  slope: Estimate;
  plateau: Estimate;
  asymptote: AsymptoteEstimate;
  auc: Estimate;
}

export type MetricKey = keyof SummaryMetrics;

/**
 * The asymptote over trials: a value only when every trial identified it (`reached`); otherwise `mean` and `ci95`
 * are null and `lowerBound` (the plateau) is what can be said: the curve had reached at least that.
 */
export interface AsymptoteEstimate extends Omit<Estimate, 'mean'> {
  mean: number | null;
  reached: boolean;
  /** Trials whose fit identified the asymptote, of `trials`. */
  reachedBy: number;
  trials: number;
  /** The plateau estimate, a lower bound where the asymptote was not reached. */
  lowerBound: Estimate;
}

/** A paired gain (strategy − scratch, on the same repeat and seed) with its 95 % interval and its sign. */
export interface GainEstimate extends Estimate {
  direction: Direction;
}

/**
 * Gains over scratch, each the mean of paired differences. `asymptote` compares fitted asymptotes on a pair only
 * where both sides identified theirs and the fitted difference agrees in sign with the plateau difference; every
 * other pair uses the plateau difference. `asymptoteBasis` says which held: on every pair ('asymptote'), on none
 * ('plateau'), or on some ('mixed').
 */
export interface TransferGain {
  start: GainEstimate;
  slope: GainEstimate;
  plateau: GainEstimate;
  asymptote: GainEstimate;
  auc: GainEstimate;
  asymptoteBasis: 'asymptote' | 'plateau' | 'mixed';
  /** Pairs (repeat × seed) the gains are computed from. */
  pairs: number;
}

/**
 * Why a verdict is what it is: 'interval' — the 95 % interval of the paired gain excludes zero; 'includes-zero' —
 * it does not (no clear difference); 'one-trial' — one pair only, no interval can be estimated.
 */
export type VerdictBasis = 'interval' | 'includes-zero' | 'one-trial';

/**
 * The verdict against scratch, read from paired AUC gains ("transfer beat scratch by …" over the whole budget) and
 * paired asymptote gains (negative transfer: worse where the curves end).
 */
export interface Verdict {
  /** 'above': beat scratch (AUC gain's interval above zero); 'below': worse; 'unclear': no clear difference. */
  overall: Direction;
  overallBasis: VerdictBasis;
  /** True only when the asymptote (or plateau) gain's interval lies below zero. */
  negativeTransfer: boolean;
  negativeBasis: VerdictBasis;
}

/** Time to reach a target accuracy defined on scratch's plateau above chance (metrics/compare.ts). */
export interface TimeToAccuracy {
  /** The target accuracy; null when scratch's plateau is not above chance (no target can be set). */
  target: number | null;
  /** Epochs (≥ 1) and seconds over the trials that reached it; null when none did. */
  epochs: Estimate | null;
  seconds: Estimate | null;
  /** How many of the trials reached it, of `trials`. */
  reachedBy: number;
  trials: number;
}

export interface StrategySummary {
  strategy: string;
  /** Trials of this strategy (repeats × seeds). */
  trials: number;
  repeats: number;
  seeds: number;
  metrics: SummaryMetrics;
  /** Every trial reached half of its gain within the first epoch: its slope reads "fast". */
  fast: boolean;
  /** Against scratch, paired; null for scratch itself or when scratch was not run. */
  transferGain: TransferGain | null;
  /** Null for scratch itself or when scratch was not run. */
  verdict: Verdict | null;
  /** Same as verdict.negativeTransfer (kept at the top for readers of schema 1). */
  negativeTransfer: boolean;
  timeToAccuracy: TimeToAccuracy | null;
  /** Seconds of one-off caching (embeddings / boundary activations), mean over trials. */
  cacheSeconds: number;
}

/** What every summary's intervals were computed from, for the sentence that states what they cover. */
export interface SummaryContext {
  /** Validation images per repeat (for Wilson intervals of single accuracies). */
  validationCount: number;
  /** Classes; chance accuracy (time to accuracy's floor) is 1 / numClasses. */
  numClasses: number;
}
