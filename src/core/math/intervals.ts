/**
 * 95 % confidence intervals for the numbers the studio and the CLI show. Pure numbers: no tfjs.
 *
 * Three kinds, each named in the result's `method` so a reader can be told what the interval covers:
 * - 't-repeats': Student t interval over per-repeat means. A repeat is a new stratified split and a new training
 *   sample; the seeds inside one repeat share its split, so they are not independent units. Averaging the seeds
 *   within a repeat first and taking t with (repeats − 1) degrees of freedom is the cluster-level interval: it
 *   covers the split and sample, the initialisation, shuffling and dropout (the usual "random effects" reading of
 *   repeated k-fold results, e.g. Bouckaert & Frank 2004 on why trials sharing data are not independent).
 * - 't-seeds': only one repeat ran, so the interval is t over seeds and covers initialisation, shuffling and
 *   dropout only; the split and the training sample were fixed. Callers must say so where it is shown.
 * - 't-episodes': t over few-shot episodes (core/fewshot/episodes.ts), each a fresh draw of classes, support and
 *   query images from one embedded dataset. It covers that sampling only: the dataset and backbone are fixed.
 * - 'wilson': a single accuracy k / n on n validation images (Wilson 1927; Brown, Cai & DasGupta 2001 recommend it
 *   over the normal approximation for small n and proportions near 0 or 1).
 * - 'none': fewer than two units, no interval can be estimated (`ci95` is null).
 *
 * The spread of a t interval is floored at the values' resolution (`resolution`, in the values' units): values that
 * live on a grid — an accuracy on n validation images is k/n, an epoch count an integer — can all come out equal,
 * and then the sample standard deviation is 0 and the interval has zero width, which reads as "excludes zero" for
 * any non-zero mean (seen: a paired gain +0.020 [+0.020, +0.020] from two repeats that each gained 3 of 150 images).
 * Equal values on a grid of step h say only that the spread is below what the grid resolves, not that it is 0, so
 * the standard deviation used is max(s, h): with it, n equal values give mean ± t(0.975, n − 1)·h/√n. One step is
 * conservative: rounding to a grid of step h alone has standard deviation h/√12 (Sheppard's correction, Sheppard
 * 1898), and means of several accuracies (plateau, AUC, seeds within a repeat) sit on a finer grid than one
 * accuracy's 1/n. Callers pass the resolution of one measurement: 1/validationCount for accuracies and their
 * differences (metrics/compare.ts), 1 for epoch counts; 0 (the default) for continuous values such as seconds.
 * The floor changes nothing when the observed spread is at least one step, which is the usual case. A t interval
 * from two units is otherwise kept: it has its nominal coverage (1 degree of freedom makes it wide, t = 12.7).
 *
 * The t quantile comes from stdlib (`@stdlib/stats-base-dists-t-quantile`) rather than a hand-written
 * approximation.
 */
import tQuantileOf from '@stdlib/stats-base-dists-t-quantile';

export type IntervalMethod = 't-repeats' | 't-seeds' | 't-episodes' | 'wilson' | 'none';

/** A mean with its 95 % interval. `ci95` is null when it cannot be estimated (fewer than two units). */
export interface Estimate {
  mean: number;
  ci95: [number, number] | null;
  /** Number of independent units the interval is computed from (repeats, seeds or validation images). */
  n: number;
  method: IntervalMethod;
}

/** One observation and the repeat (split) it belongs to. */
export interface GroupedValue {
  repeat: number;
  value: number;
}

/** The two-sided 95 % Student t quantile t(0.975, df); df ≥ 1. */
export function tQuantile975(df: number): number {
  if (!(df >= 1)) throw new RangeError(`t quantile needs df ≥ 1, got ${df}`);
  return tQuantileOf(0.975, df);
}

/**
 * Mean and t interval treating every value as an independent unit; the standard deviation is floored at
 * `resolution` (≥ 0, the values' grid step; see the top of this file).
 */
export function tInterval(values: readonly number[], method: IntervalMethod = 't-seeds', resolution = 0): Estimate {
  if (!(resolution >= 0)) throw new RangeError(`resolution must be ≥ 0, got ${resolution}`);
  const finite = values.filter(Number.isFinite);
  const n = finite.length;
  if (n === 0) return { mean: NaN, ci95: null, n: 0, method: 'none' };
  const m = finite.reduce((s, v) => s + v, 0) / n;
  if (n < 2) return { mean: m, ci95: null, n, method: 'none' };
  const variance = finite.reduce((s, v) => s + (v - m) * (v - m), 0) / (n - 1);
  const half = tQuantile975(n - 1) * Math.sqrt(Math.max(variance, resolution * resolution) / n);
  return { mean: m, ci95: [m - half, m + half], n, method };
}

/**
 * Mean over all values and the interval that matches how they were drawn: with two or more repeats, t over the
 * per-repeat means ('t-repeats'); with one repeat, t over the values ('t-seeds'). The reported mean is the mean
 * of the per-repeat means (equal to the plain mean when every repeat has the same number of seeds). `resolution`:
 * the grid step of one value, the floor of the standard deviation (see the top of this file).
 */
export function repeatInterval(values: readonly GroupedValue[], resolution = 0): Estimate {
  const byRepeat = new Map<number, number[]>();
  for (const { repeat, value } of values) {
    if (!Number.isFinite(value)) continue;
    const list = byRepeat.get(repeat);
    if (list) list.push(value);
    else byRepeat.set(repeat, [value]);
  }
  if (byRepeat.size >= 2) {
    const means = [...byRepeat.values()].map((list) => list.reduce((s, v) => s + v, 0) / list.length);
    return tInterval(means, 't-repeats', resolution);
  }
  const only = [...byRepeat.values()][0] ?? [];
  return tInterval(only, 't-seeds', resolution);
}

/** The resolution of an accuracy measured on `validationCount` images: one image, 1/n (0 when n is unknown). */
export const accuracyResolution = (validationCount: number): number =>
  validationCount > 0 && Number.isFinite(validationCount) ? 1 / validationCount : 0;

/** Wilson score interval for `successes` of `n` (z = 1.96). n = 0 gives no interval. */
export function wilsonInterval(successes: number, n: number): Estimate {
  if (!(n > 0)) return { mean: NaN, ci95: null, n: 0, method: 'none' };
  const p = successes / n;
  const z = 1.959963984540054;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { mean: p, ci95: [Math.max(0, centre - half), Math.min(1, centre + half)], n, method: 'wilson' };
}

/** Which side of zero an interval lies on; 'unclear' when it contains zero or there is none. */
export type Direction = 'above' | 'below' | 'unclear';

export function directionOf(estimate: Estimate): Direction {
  if (!estimate.ci95) return 'unclear';
  if (estimate.ci95[0] > 0) return 'above';
  if (estimate.ci95[1] < 0) return 'below';
  return 'unclear';
}
