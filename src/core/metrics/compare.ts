import type { CurvePoint } from '../train/types';
import type { CurveMetrics, MeanStd, StrategySummary, TimeToAccuracy } from './types';
import { mean, meanStd } from '../math/stats';

/** One finished trial as the comparison needs it (TrialResult satisfies this). */
export interface StrategyTrial {
  strategy: string;
  seed: number;
  curve: readonly CurvePoint[];
  metrics: CurveMetrics;
  cacheSeconds: number;
}

/** The baseline every transfer strategy is compared against. */
export const SCRATCH = 'scratch';

/**
 * Smallest seed-to-seed spread used for the negative-transfer test. With one seed (std 0), or a few seeds that
 * happen to agree, any dip would otherwise be flagged; two accuracy points is below what a different seed
 * typically moves a small-data trial.
 */
export const MIN_SPREAD = 0.02;

/** Time to accuracy targets this fraction of scratch's mean asymptote (DESIGN.md). */
export const TIME_TO_ACCURACY_FRACTION = 0.95;

const METRIC_KEYS: (keyof CurveMetrics)[] = ['start', 'slope', 'asymptote', 'asymptoteLast3', 'auc', 'fitR2'];

/**
 * Summarises trials per strategy (in order of first appearance): mean ± sample std over seeds of every curve
 * metric, and, when a scratch trial exists:
 * - transferGain: difference of means (strategy − scratch) of start, auc and asymptote; null for scratch.
 * - negativeTransfer: scratch's mean asymptote exceeds the strategy's by more than the spread, where
 *   spread = max(std of scratch's asymptote, std of the strategy's asymptote, MIN_SPREAD), for BOTH estimates
 *   of the asymptote: the fitted `a` and the mean of the last three epochs. A curve still rising at the end of
 *   the budget has a fitted `a` that is an extrapolation (it can reach 1.0 while the curve sits at 0.6); the
 *   last-three mean is what was observed. Flagging only when both agree keeps a slow scratch trial from making a
 *   clear transfer win look like negative transfer. The reason states the numbers.
 * - timeToAccuracy: per seed, the first epoch (and its cumulative seconds) whose validation accuracy reaches
 *   95 % of scratch's reference asymptote, then mean ± std over the seeds that reached it (reachedBy of seeds).
 *   The reference is scratch's mean fitted asymptote, capped at the best accuracy scratch actually reached
 *   (mean over seeds), for the same reason. Computed for scratch too. Null for every strategy when scratch
 *   was not run.
 */
export function summarizeStrategies(trials: readonly StrategyTrial[]): StrategySummary[] {
  const groups = new Map<string, StrategyTrial[]>();
  for (const trial of trials) {
    const group = groups.get(trial.strategy);
    if (group) group.push(trial);
    else groups.set(trial.strategy, [trial]);
  }

  const metricsOf = (group: StrategyTrial[]) =>
    Object.fromEntries(METRIC_KEYS.map((k) => [k, meanStd(group.map((r) => r.metrics[k]))])) as {
      [K in keyof CurveMetrics]: MeanStd;
    };

  const scratchTrials = groups.get(SCRATCH);
  const scratch = scratchTrials ? metricsOf(scratchTrials) : null;
  const target =
    scratch && scratchTrials
      ? TIME_TO_ACCURACY_FRACTION * Math.min(scratch.asymptote.mean, mean(scratchTrials.map(bestAccuracy)))
      : null;

  return [...groups.entries()].map(([strategy, group]) => {
    const metrics = metricsOf(group);
    const summary: StrategySummary = {
      strategy,
      seeds: group.length,
      metrics,
      transferGain: null,
      negativeTransfer: false,
      timeToAccuracy: target === null ? null : timeToAccuracy(group, target),
      cacheSeconds: mean(group.map((r) => r.cacheSeconds)),
    };
    if (scratch && strategy !== SCRATCH) {
      summary.transferGain = {
        start: metrics.start.mean - scratch.start.mean,
        auc: metrics.auc.mean - scratch.auc.mean,
        asymptote: metrics.asymptote.mean - scratch.asymptote.mean,
      };
      const spread = Math.max(scratch.asymptote.std, metrics.asymptote.std, MIN_SPREAD);
      const spreadLast3 = Math.max(scratch.asymptoteLast3.std, metrics.asymptoteLast3.std, MIN_SPREAD);
      const shortfall = scratch.asymptote.mean - metrics.asymptote.mean;
      const shortfallLast3 = scratch.asymptoteLast3.mean - metrics.asymptoteLast3.mean;
      if (shortfall > spread && shortfallLast3 > spreadLast3) {
        summary.negativeTransfer = true;
        summary.negativeTransferReason =
          `asymptote ${formatMeanStd(metrics.asymptote)} is ${fmt(shortfall)} below scratch's ` +
          `${formatMeanStd(scratch.asymptote)}, more than the seed-to-seed spread ${fmt(spread)}; ` +
          `last three epochs ${formatMeanStd(metrics.asymptoteLast3)} against scratch's ` +
          `${formatMeanStd(scratch.asymptoteLast3)}`;
      }
    }
    return summary;
  });
}

/** Best validation accuracy a trial reached after training started (epoch ≥ 1; epoch 0 when that is all). */
function bestAccuracy(trial: StrategyTrial): number {
  const trained = trial.curve.filter((p) => p.epoch >= 1 && Number.isFinite(p.valAccuracy));
  const points = trained.length > 0 ? trained : trial.curve.filter((p) => Number.isFinite(p.valAccuracy));
  return points.length > 0 ? Math.max(...points.map((p) => p.valAccuracy)) : 0;
}

function timeToAccuracy(group: readonly StrategyTrial[], target: number): TimeToAccuracy {
  const epochs: number[] = [];
  const seconds: number[] = [];
  for (const trial of group) {
    const hit = [...trial.curve]
      .sort((p, q) => p.epoch - q.epoch)
      .find((p) => Number.isFinite(p.valAccuracy) && p.valAccuracy >= target);
    if (hit) {
      epochs.push(hit.epoch);
      seconds.push(hit.seconds);
    }
  }
  const reached = epochs.length > 0;
  return {
    target,
    epochs: reached ? meanStd(epochs) : null,
    seconds: reached ? meanStd(seconds) : null,
    reachedBy: epochs.length,
  };
}

const fmt = (x: number) => x.toFixed(3);
const formatMeanStd = (m: MeanStd) => `${fmt(m.mean)} ± ${fmt(m.std)}`;
