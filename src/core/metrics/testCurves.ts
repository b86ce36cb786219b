import type { CurvePoint } from '../train/types';
import { directionOf, type Estimate } from '../math/intervals';
import type { GainEstimate, StrategySummary } from './types';

/** Test helper: a curve from accuracies per epoch (index = epoch), one second per epoch. */
export function curveOf(accuracies: readonly number[], secondsPerEpoch = 1): CurvePoint[] {
  return accuracies.map((valAccuracy, epoch) => ({
    epoch,
    valAccuracy,
    valLoss: 1 - valAccuracy,
    trainLoss: epoch === 0 ? NaN : 1 - valAccuracy,
    seconds: epoch * secondsPerEpoch,
    examplesSeen: epoch * 100,
  }));
}

/** Test helper: an estimate of `mean` with a symmetric 95 % interval of half-width `half` (none when null). */
export function estimateOf(mean: number, half: number | null = 0.01, method: Estimate['method'] = 't-seeds'): Estimate {
  return { mean, ci95: half === null ? null : [mean - half, mean + half], n: half === null ? 1 : 3, method };
}

/** Test helper: a gain estimate with its direction read off the interval, as core does. */
export function gainOf(mean: number, half: number | null = 0.01): GainEstimate {
  const e = estimateOf(mean, half);
  return { ...e, direction: directionOf(e) };
}

/** Test helper: a StrategySummary with plausible numbers; `patch` overrides any field. */
export function summaryOf(
  strategy: string,
  values: { start?: number; slope?: number; plateau?: number; asymptote?: number | null; auc?: number } = {},
  patch: Partial<StrategySummary> = {},
): StrategySummary {
  const plateau = estimateOf(values.plateau ?? 0.8);
  const asymptote = values.asymptote === undefined ? 0.82 : values.asymptote;
  return {
    strategy,
    trials: 3,
    repeats: 1,
    seeds: 3,
    metrics: {
      start: estimateOf(values.start ?? 0.5),
      slope: estimateOf(values.slope ?? 0.1),
      plateau,
      asymptote: {
        ...estimateOf(asymptote ?? 0, asymptote === null ? null : 0.01),
        mean: asymptote,
        ci95: asymptote === null ? null : [asymptote - 0.01, asymptote + 0.01],
        reached: asymptote !== null,
        reachedBy: asymptote === null ? 0 : 3,
        trials: 3,
        lowerBound: plateau,
      },
      auc: estimateOf(values.auc ?? 0.7),
    },
    fast: false,
    transferGain: null,
    verdict: null,
    negativeTransfer: false,
    timeToAccuracy: null,
    cacheSeconds: 0,
    ...patch,
  };
}
