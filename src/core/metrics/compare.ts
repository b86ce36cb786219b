import type { CurvePoint } from '../train/types';
import { accuracyResolution, directionOf, repeatInterval, type Estimate, type GroupedValue } from '../math/intervals';
import { mean } from '../math/stats';
import type {
  AsymptoteEstimate,
  CurveMetrics,
  GainEstimate,
  StrategySummary,
  SummaryContext,
  SummaryMetrics,
  TimeToAccuracy,
  TransferGain,
  Verdict,
  VerdictBasis,
} from './types';

/** One finished trial as the comparison needs it (TrialResult satisfies this). */
export interface StrategyTrial {
  strategy: string;
  /** The repeat (split and training sample) the trial ran on; 0 when there was one. */
  repeat?: number;
  seed: number;
  curve: readonly CurvePoint[];
  metrics: CurveMetrics;
  cacheSeconds: number;
}

/** The baseline every transfer strategy is compared against. */
export const SCRATCH = 'scratch';

/** Time to accuracy targets this fraction of scratch's plateau gain above chance. */
export const TIME_TO_ACCURACY_FRACTION = 0.95;

/** z of a two-sided 95 % normal interval. */
const Z95 = 1.959963984540054;

/**
 * Summarises trials per strategy (in `order` when given, else in order of first appearance).
 *
 * Every metric is a mean with its 95 % interval over the trials: t over per-repeat means when two or more repeats
 * ran (a repeat = a new stratified split and training sample; it covers the split, the sample and the seeds), t over
 * seeds when one did (covers initialisation, shuffling and dropout only). math/intervals.ts says which in `method`.
 *
 * `baseline` is scratch unless said otherwise (domain adaptation compares against 'source-only'); everything said of
 * scratch below is said of the baseline. Against scratch (when it ran), gains are PAIRED: each trial minus scratch's trial on the same repeat and seed
 * (same split, same training sample, same shuffling seed), then the interval of those differences — pairing
 * removes what both share (an easy split, a lucky sample), so the interval is about the difference itself.
 * Verdicts are read off the intervals (math/intervals.ts `directionOf`): "beat scratch" / "worse than scratch" only
 * when the AUC gain's interval excludes zero; negative transfer only when the asymptote gain's interval (plateau
 * where an asymptote is unidentified) lies below zero. Otherwise "no clear difference", with the basis saying why.
 *
 * Time to accuracy: the target is chance + 95 % of scratch's plateau gain above chance, and is set only when that
 * gain exceeds the sampling noise of one accuracy at chance (1.96·√(c(1 − c)/n)); scratch stuck at chance sets no
 * target, so nothing "reaches" it trivially. Searched from epoch 1 in every trial; reachedBy says how many did.
 * Its epochs interval is cut to [1, E] (E the last epoch trained) and its seconds interval at 0, as accuracies are
 * cut to [0, 1]: a t interval over a few units can reach past the bounds, and every value cut off was impossible.
 *
 * Every t interval here floors its standard deviation at one measurement's resolution (math/intervals.ts): one
 * validation image (1/n) for accuracies, their slopes and gains, one epoch for epochs to target — so that repeats
 * that happen to agree exactly give a narrow interval, not a zero-width one that "excludes zero".
 */
export function summarizeStrategies(
  trials: readonly StrategyTrial[],
  context: SummaryContext,
  order?: readonly string[],
  baseline: string = SCRATCH,
): StrategySummary[] {
  const groups = groupByStrategy(trials, order);
  const scratch = groups.get(baseline) ?? null;
  const target = scratch ? timeTarget(scratch, context) : null;
  const resolution = accuracyResolution(context.validationCount);

  return [...groups.entries()].map(([strategy, group]) => {
    const transferGain = scratch && strategy !== baseline ? pairedGains(group, scratch, resolution) : null;
    const verdict = transferGain ? verdictOf(transferGain) : null;
    return {
      strategy,
      trials: group.length,
      repeats: new Set(group.map(repeatOf)).size,
      seeds: new Set(group.map((t) => t.seed)).size,
      metrics: metricsOf(group, resolution),
      fast: group.length > 0 && group.every((t) => t.metrics.fast),
      transferGain,
      verdict,
      negativeTransfer: verdict?.negativeTransfer ?? false,
      timeToAccuracy: scratch ? timeToAccuracy(group, target) : null,
      cacheSeconds: mean(group.map((t) => t.cacheSeconds)),
    };
  });
}

const repeatOf = (trial: StrategyTrial): number => trial.repeat ?? 0;

function groupByStrategy(trials: readonly StrategyTrial[], order?: readonly string[]): Map<string, StrategyTrial[]> {
  const groups = new Map<string, StrategyTrial[]>();
  for (const name of order ?? []) if (trials.some((t) => t.strategy === name)) groups.set(name, []);
  for (const trial of trials) {
    const group = groups.get(trial.strategy);
    if (group) group.push(trial);
    else groups.set(trial.strategy, [trial]);
  }
  return groups;
}

const estimateOf = (
  group: readonly StrategyTrial[],
  value: (t: StrategyTrial) => number,
  resolution: number,
): Estimate =>
  repeatInterval(
    group.map((t): GroupedValue => ({ repeat: repeatOf(t), value: value(t) })),
    resolution,
  );

/**
 * An accuracy's interval intersected with [0, 1]: a t interval over two or three units can reach past 100 %, and an
 * accuracy cannot. Intersecting with the parameter space keeps the coverage (every value cut off was impossible).
 */
const withinUnit = (e: Estimate): Estimate => within(e, 0, 1);

/** An estimate's interval intersected with [low, high] (the quantity's range). */
const within = (e: Estimate, low: number, high: number): Estimate =>
  e.ci95 ? { ...e, ci95: [Math.max(low, e.ci95[0]), Math.min(high, e.ci95[1])] } : e;

/**
 * Accuracies (start, plateau, asymptote, AUC) with intervals within [0, 1]; slope is a rate and is left as it is.
 * `resolution`: one validation image (the floor of every spread, math/intervals.ts).
 */
function metricsOf(group: readonly StrategyTrial[], resolution: number): SummaryMetrics {
  const plateau = withinUnit(estimateOf(group, (t) => t.metrics.plateau, resolution));
  const reachedBy = group.filter((t) => t.metrics.asymptote !== null).length;
  const reached = group.length > 0 && reachedBy === group.length;
  const fitted = reached ? withinUnit(estimateOf(group, (t) => t.metrics.asymptote ?? NaN, resolution)) : null;
  const asymptote: AsymptoteEstimate = {
    mean: fitted ? fitted.mean : null,
    ci95: fitted ? fitted.ci95 : null,
    n: fitted ? fitted.n : 0,
    method: fitted ? fitted.method : 'none',
    reached,
    reachedBy,
    trials: group.length,
    lowerBound: plateau,
  };
  return {
    start: withinUnit(estimateOf(group, (t) => t.metrics.start, resolution)),
    slope: estimateOf(group, (t) => t.metrics.slope, resolution),
    plateau,
    asymptote,
    auc: withinUnit(estimateOf(group, (t) => t.metrics.auc, resolution)),
  };
}

/** Pairs on (repeat, seed); trials without a scratch partner are left out of the gains. */
function pairedGains(
  group: readonly StrategyTrial[],
  scratch: readonly StrategyTrial[],
  resolution: number,
): TransferGain | null {
  const partner = new Map(scratch.map((t) => [`${repeatOf(t)}/${t.seed}`, t]));
  const pairs = group.flatMap((t) => {
    const s = partner.get(`${repeatOf(t)}/${t.seed}`);
    return s ? [{ repeat: repeatOf(t), own: t.metrics, base: s.metrics }] : [];
  });
  if (pairs.length === 0) return null;
  // A difference of two accuracies lies in [−1, 1]; its interval is cut there as accuracies' are cut to [0, 1] (zero
  // is inside, so the cut never changes a direction). A slope difference is a rate and is left as it is.
  const gain = (d: (own: CurveMetrics, base: CurveMetrics) => number, range = [-1, 1]): GainEstimate => {
    const estimate = within(
      repeatInterval(
        pairs.map((p) => ({ repeat: p.repeat, value: d(p.own, p.base) })),
        resolution,
      ),
      range[0],
      range[1],
    );
    return { ...estimate, direction: directionOf(estimate) };
  };
  let fittedPairs = 0;
  const asymptoteGain = (own: CurveMetrics, base: CurveMetrics): number => {
    const plateauGain = own.plateau - base.plateau;
    if (own.asymptote === null || base.asymptote === null) return plateauGain;
    const fittedGain = own.asymptote - base.asymptote;
    // Fitted levels that contradict what the last epochs showed cannot overturn it: the plateau decides.
    if (Math.sign(fittedGain) * Math.sign(plateauGain) < 0) return plateauGain;
    fittedPairs++;
    return fittedGain;
  };
  const asymptote = gain(asymptoteGain);
  return {
    start: gain((o, b) => o.start - b.start),
    slope: gain((o, b) => o.slope - b.slope, [-Infinity, Infinity]),
    plateau: gain((o, b) => o.plateau - b.plateau),
    asymptote,
    auc: gain((o, b) => o.auc - b.auc),
    asymptoteBasis: fittedPairs === pairs.length ? 'asymptote' : fittedPairs === 0 ? 'plateau' : 'mixed',
    pairs: pairs.length,
  };
}

function basisOf(gain: GainEstimate): VerdictBasis {
  if (!gain.ci95) return 'one-trial';
  return gain.direction === 'unclear' ? 'includes-zero' : 'interval';
}

function verdictOf(gain: TransferGain): Verdict {
  return {
    overall: gain.auc.direction,
    overallBasis: basisOf(gain.auc),
    negativeTransfer: gain.asymptote.direction === 'below',
    negativeBasis: basisOf(gain.asymptote),
  };
}

/** chance + 95 % of scratch's plateau gain above chance; null when that gain is within one accuracy's noise. */
function timeTarget(scratch: readonly StrategyTrial[], context: SummaryContext): number | null {
  const plateau = mean(scratch.map((t) => t.metrics.plateau));
  const { validationCount } = context;
  const chance = context.numClasses > 0 ? 1 / context.numClasses : 0;
  const noise = validationCount > 0 ? Z95 * Math.sqrt((chance * (1 - chance)) / validationCount) : 0;
  if (!(plateau - chance > noise)) return null;
  return chance + TIME_TO_ACCURACY_FRACTION * (plateau - chance);
}

/** One epoch: the resolution of an epoch count (the floor of its interval's spread). */
const EPOCH_RESOLUTION = 1;

function timeToAccuracy(group: readonly StrategyTrial[], target: number | null): TimeToAccuracy {
  const epochs: GroupedValue[] = [];
  const seconds: GroupedValue[] = [];
  // The budget E: the last epoch any trial of the group trained (the quantity lies in [1, E]).
  const lastEpoch = Math.max(1, ...group.flatMap((t) => t.curve.map((p) => p.epoch)));
  if (target !== null) {
    for (const trial of group) {
      const hit = [...trial.curve]
        .sort((p, q) => p.epoch - q.epoch)
        .find((p) => p.epoch >= 1 && Number.isFinite(p.valAccuracy) && p.valAccuracy >= target);
      if (hit) {
        epochs.push({ repeat: repeatOf(trial), value: hit.epoch });
        seconds.push({ repeat: repeatOf(trial), value: hit.seconds });
      }
    }
  }
  return {
    target,
    epochs: epochs.length > 0 ? within(repeatInterval(epochs, EPOCH_RESOLUTION), 1, lastEpoch) : null,
    seconds: seconds.length > 0 ? within(repeatInterval(seconds), 0, Infinity) : null,
    reachedBy: epochs.length,
    trials: group.length,
  };
}
