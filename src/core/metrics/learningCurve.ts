import type { CurvePoint } from '../train/types';
import type { CurveMetrics } from './types';
import { fitSaturatingExponential } from '../math/curveFit';
import { mean } from '../math/stats';

/**
 * The per-trial learning-curve metrics (Torrey & Shavlik's three benefits of transfer — higher start, higher slope,
 * higher asymptote — plus plateau and AUC), from validation accuracy per epoch. The words users read for each are
 * in metrics/definitions.ts; this file is what they mean numerically.
 *
 * - start: accuracy after epoch 1. Epoch 0 (before any step) is the zero-initialised head answering one class for
 *   every image — chance on a balanced validation set — so it is never a metric.
 * - plateau: mean accuracy of the last three epochs. Always defined; what was observed where the budget ended.
 * - asymptote: the fitted `a` of acc(t) = a − (a − s)·exp(−(t − 1)/τ) over epochs 1..E, only when the fit
 *   identifies it: τ ≤ E/3 (the curve has covered ≥ 95 % of its rise, 1 − e⁻³, within the budget), the fit explains
 *   the curve (R² ≥ 0.8, or its residuals are within the sampling noise of one accuracy on the validation set — a
 *   curve flat from epoch 1 has nothing left for R² to explain), at least three trained epochs, and a in [0, 1].
 *   Otherwise null ("not reached in E epochs"; the plateau is then a lower bound). An extrapolation is never
 *   clamped into [0, 1] and reported: a still-rising curve fits a = 2.1 or τ at its bound, and that is no value.
 *   A curve flat within sampling noise from epoch 1 (spread and trend within one standard error) has reached its
 *   level: its asymptote is its mean over epochs 1..E (the fit of noise would pick an arbitrary τ).
 * - slope: half of the curve's own gain (plateau − epoch 0) divided by the epochs it took to reach it. Per-epoch
 *   points cannot identify a rate faster than one epoch (a step from 0.2 to 0.8 fits any τ below one epoch equally
 *   well, so (a − s)/τ is arbitrary and was shown as "703 pp/epoch"); the half-rise time is the model-free
 *   counterpart of τ (t½ = τ·ln 2 for the exponential; the "time to half-maximum" of dose–response and
 *   pharmacokinetic curves, e.g. Gabrielsson & Weiner, Pharmacokinetic and Pharmacodynamic Data Analysis, ch. 2).
 *   It needs no fit, and since the curve rose by at least half its gain in `epochsToHalf` epochs, the slope is never
 *   more than the largest epoch-to-epoch rise. When half the gain came within the first epoch, `fast` is true:
 *   the number is then only a lower bound and is shown as "fast".
 * - fittedSlope: (a − s)/τ, only where the asymptote is identified and τ ≥ 1 epoch (resolvable by the points).
 * - auc: mean accuracy over epochs 1..E (the area under the curve normalised to [0, 1]).
 *
 * `validationCount` (images the accuracies are measured on) sets the sampling noise the flat-curve rule uses;
 * without it only R² can identify an asymptote. Points are sorted by epoch; non-finite accuracies are skipped.
 * Curves without trained epochs fall back to their epoch-0 point so start, plateau and auc stay defined.
 */
export function summarizeCurve(curve: readonly CurvePoint[], options: { validationCount?: number } = {}): CurveMetrics {
  const points = curve
    .filter((p) => Number.isFinite(p.epoch) && Number.isFinite(p.valAccuracy))
    .slice()
    .sort((p, q) => p.epoch - q.epoch);
  if (points.length === 0) {
    return {
      start: 0,
      slope: 0,
      epochsToHalf: null,
      fast: false,
      plateau: 0,
      asymptote: null,
      asymptoteReached: false,
      auc: 0,
      fit: { a: 0, s: 0, tau: 1, r2: 0 },
      fittedSlope: null,
    };
  }

  const trained = points.filter((p) => p.epoch >= 1);
  const basis = trained.length > 0 ? trained : points;
  const accuracies = basis.map((p) => p.valAccuracy);
  const plateau = mean(accuracies.slice(-3));
  const fit = fitSaturatingExponential(
    basis.map((p) => p.epoch),
    accuracies,
  );
  const lastEpoch = basis[basis.length - 1].epoch;
  const flat = isFlat(
    basis.map((p) => p.epoch),
    accuracies,
    options.validationCount,
  );
  const asymptoteReached = flat || isIdentified(fit, accuracies, lastEpoch, options.validationCount);
  const asymptote = flat ? mean(accuracies) : fit.a;
  const half = halfRise(points, plateau);

  return {
    start: basis[0].valAccuracy,
    slope: half.slope,
    epochsToHalf: half.epochs,
    fast: half.epochs !== null && half.epochs <= 1,
    plateau,
    asymptote: asymptoteReached ? asymptote : null,
    asymptoteReached,
    auc: mean(accuracies),
    fit,
    fittedSlope: asymptoteReached && !flat && fit.tau >= 1 ? (fit.a - fit.s) / fit.tau : null,
  };
}

/** τ at most this fraction of the budget: the curve covered ≥ 1 − e⁻³ ≈ 95 % of its rise within it. */
export const TAU_MAX_FRACTION = 1 / 3;
/** The fit explains the curve: R² at least this. */
export const MIN_R2 = 0.8;

/**
 * Whether the fit identifies the asymptote (see summarizeCurve). The noise rule: residuals' RMS within one
 * standard error of an accuracy p̄ on n images, √(p̄(1 − p̄)/n) — the fit then explains all but sampling noise.
 */
function isIdentified(
  fit: { a: number; s: number; tau: number; r2: number },
  accuracies: readonly number[],
  lastEpoch: number,
  validationCount: number | undefined,
): boolean {
  if (accuracies.length < 3) return false;
  if (!(fit.a >= 0 && fit.a <= 1)) return false;
  if (!(fit.tau <= TAU_MAX_FRACTION * lastEpoch)) return false;
  if (fit.r2 >= MIN_R2) return true;
  if (validationCount === undefined || !(validationCount > 0)) return false;
  const p = mean(accuracies);
  const noise = Math.sqrt((p * (1 - p)) / validationCount);
  const sst = accuracies.reduce((s, v) => s + (v - p) * (v - p), 0);
  const rms = Math.sqrt(((1 - fit.r2) * sst) / accuracies.length);
  return rms <= noise;
}

/**
 * A curve flat within sampling noise from epoch 1 on: its spread about its mean and its linear trend over the budget
 * are both within one standard error of an accuracy on the validation set. Its level (the mean of epochs 1..E) is
 * its asymptote: the exponential fit of such a curve fits noise, with any τ. Needs the validation size and ≥ 3 epochs.
 */
function isFlat(
  epochs: readonly number[],
  accuracies: readonly number[],
  validationCount: number | undefined,
): boolean {
  const n = accuracies.length;
  if (n < 3 || validationCount === undefined || !(validationCount > 0)) return false;
  const p = mean(accuracies);
  const noise = Math.sqrt((p * (1 - p)) / validationCount);
  const t = mean(epochs);
  let stt = 0;
  let sty = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    stt += (epochs[i] - t) * (epochs[i] - t);
    sty += (epochs[i] - t) * (accuracies[i] - p);
    syy += (accuracies[i] - p) * (accuracies[i] - p);
  }
  const trend = stt > 0 ? (sty / stt) * (epochs[n - 1] - epochs[0]) : 0;
  return Math.sqrt(syy / n) <= noise && Math.abs(trend) <= noise;
}

/**
 * Half-rise: from the first point (epoch 0 when present), the first later epoch whose accuracy reaches
 * first + (plateau − first)/2, and the rise per epoch that implies. No rise (plateau ≤ first): slope 0, epochs null.
 */
function halfRise(points: readonly CurvePoint[], plateau: number): { slope: number; epochs: number | null } {
  const first = points[0];
  const gain = plateau - first.valAccuracy;
  if (!(gain > 1e-9) || points.length < 2) return { slope: 0, epochs: null };
  const threshold = first.valAccuracy + gain / 2;
  // The plateau is the mean of the last three points, so at least one of them reaches the threshold.
  const hit = points.find((p) => p.epoch > first.epoch && p.valAccuracy >= threshold) ?? points[points.length - 1];
  const epochs = hit.epoch - first.epoch;
  if (!(epochs > 0)) return { slope: 0, epochs: null };
  return { slope: gain / 2 / epochs, epochs };
}

/** Largest rise per epoch between consecutive points (epoch 0 included); 0 for a curve that never rises. */
export function largestRise(curve: readonly CurvePoint[]): number {
  const points = curve
    .filter((p) => Number.isFinite(p.epoch) && Number.isFinite(p.valAccuracy))
    .slice()
    .sort((p, q) => p.epoch - q.epoch);
  let best = 0;
  for (let i = 1; i < points.length; i++) {
    const span = points[i].epoch - points[i - 1].epoch;
    if (span > 0) best = Math.max(best, (points[i].valAccuracy - points[i - 1].valAccuracy) / span);
  }
  return best;
}
