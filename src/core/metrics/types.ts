import type { MeanStd } from '../math/stats';

/** Per-trial learning-curve metrics (definitions in DESIGN.md and metrics/learningCurve.ts). Accuracies in [0, 1]. */
export interface CurveMetrics {
  /** Validation accuracy after epoch 1. */
  start: number;
  /** (a - s) / tau from the fit acc(t) = a - (a - s) exp(-t / tau), per epoch. */
  slope: number;
  /** Fitted a. */
  asymptote: number;
  /** Mean validation accuracy of the last three epochs. */
  asymptoteLast3: number;
  /** Mean validation accuracy over epochs 1..E (normalised area under the curve). */
  auc: number;
  /** Coefficient of determination of the fit, in (-inf, 1]. */
  fitR2: number;
}

export type { MeanStd };

/** Time to reach 95 % of scratch's asymptote; null when never reached. */
export interface TimeToAccuracy {
  target: number;
  epochs: MeanStd | null;
  seconds: MeanStd | null;
  /** How many of the seeds reached it. */
  reachedBy: number;
}

export interface StrategySummary {
  strategy: string;
  seeds: number;
  metrics: { [K in keyof CurveMetrics]: MeanStd };
  /** Against scratch; null for scratch itself or when scratch was not run. */
  transferGain: { start: number; auc: number; asymptote: number } | null;
  negativeTransfer: boolean;
  /** Human-readable reason when negativeTransfer is true, with the numbers. */
  negativeTransferReason?: string;
  timeToAccuracy: TimeToAccuracy | null;
  /** Seconds of one-off caching (embeddings / boundary activations), mean over seeds. */
  cacheSeconds: number;
}
