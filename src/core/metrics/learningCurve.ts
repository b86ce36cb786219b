import type { CurvePoint } from '../train/types';
import type { CurveMetrics } from './types';
import { fitSaturatingExponential } from '../math/curveFit';
import { mean } from '../math/stats';

/**
 * The per-trial learning-curve metrics of DESIGN.md (Torrey & Shavlik's three benefits of transfer — higher
 * start, higher slope, higher asymptote — plus AUC), from validation accuracy per epoch.
 *
 * - start: accuracy at epoch 1 (after the first epoch; epoch 0 is before any training step).
 * - slope: (a − s)/τ per epoch from the least-squares fit of acc(t) = a − (a − s)·exp(−t/τ) over all points,
 *   epoch 0 included (math/curveFit.ts). Not clamped: negative when the curve falls, large for a step.
 * - asymptote: the fitted a clamped to [0, 1] (a still-rising curve extrapolates beyond 1).
 * - asymptoteLast3: mean accuracy of the last three trained epochs (fewer if E < 3).
 * - auc: mean accuracy over epochs 1..E, i.e. the area under the curve normalised to [0, 1].
 * - fitR2: the fit's coefficient of determination.
 *
 * Curves without trained epochs (only epoch 0) fall back to epoch 0 for start/last3/auc so the numbers stay
 * defined. Points are sorted by epoch; non-finite accuracies are skipped. All outputs are finite.
 */
export function summarizeCurve(curve: readonly CurvePoint[]): CurveMetrics {
  const points = curve
    .filter((p) => Number.isFinite(p.epoch) && Number.isFinite(p.valAccuracy))
    .slice()
    .sort((p, q) => p.epoch - q.epoch);
  if (points.length === 0) {
    return { start: 0, slope: 0, asymptote: 0, asymptoteLast3: 0, auc: 0, fitR2: 0 };
  }

  const trained = points.filter((p) => p.epoch >= 1);
  const basis = trained.length > 0 ? trained : points;
  const accuracies = basis.map((p) => p.valAccuracy);

  const first = trained.find((p) => p.epoch === 1) ?? basis[0];
  const fit = fitSaturatingExponential(
    points.map((p) => p.epoch),
    points.map((p) => p.valAccuracy),
  );

  return {
    start: clamp01(first.valAccuracy),
    slope: (fit.a - fit.s) / fit.tau,
    asymptote: clamp01(fit.a),
    asymptoteLast3: clamp01(mean(accuracies.slice(-3))),
    auc: clamp01(mean(accuracies)),
    fitR2: fit.r2,
  };
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}
