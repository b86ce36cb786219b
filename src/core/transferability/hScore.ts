/**
 * H-score (Bao, Li, Huang, Zheng, Wang & Chen, ICIP 2019, "An Information-Theoretic Approach to Transferability
 * in Task Transfer Learning"): H(f) = tr(cov(f)⁻¹ · cov(E[f | y])), how much of the features' variance lies
 * between the class means. Higher = more separable. Pure numbers.
 *
 * With fewer images than feature dimensions (200 images, 256–768 dimensions here) cov(f) is singular and the
 * pseudo-inverse H-score is the same constant for every model (C − 1 up to rounding): the regularised form of
 * Ibrahim, Ponomareva & Mazumder (ICLR 2023, "Newer is not always better: rethinking transferability metrics")
 * is used instead: H_α = (1 − α)·tr(cov_α(f)⁻¹ · cov(E[f | y])), cov_α = (1 − α)·S + α·μ·I the Ledoit–Wolf
 * shrinkage of the (1/N) covariance S with μ = tr(S)/D and α from Ledoit & Wolf (2004) as scikit-learn computes
 * it; cov(E[f | y]) with 1/(N − 1) (numpy's np.cov), as in their code.
 *
 * Computed without any D×D matrix: with the centred features X = U·diag(s)·Vᵀ and P the N×N projection onto
 * per-class means, H_α = (1 − α)/(N − 1) · Σ_k s_k² / ((1 − α)s_k²/N + αμ) · ‖P u_k‖².
 */
import { rowOf, type Matrix } from '../math/linalg';
import { checkLabels, indicesByClass, type LabelledScore } from './labels';
import { centredOf, type Spectrum } from './spectrum';

/** The shrinkage-regularised H-score of `features` (N × D) for `labels`; `centred` when the caller has it. */
export const hScore: LabelledScore = (features, labels, numClasses, centred = centredOf(features)) => {
  checkLabels(labels, features.rows, numClasses);
  const n = features.rows;
  if (n < 2) throw new RangeError('H-score needs at least two examples');
  const { alpha, mu } = ledoitWolfShrinkage(centred.x, centred.spectrum);
  const { u, s } = centred.spectrum;
  const groups = indicesByClass(labels, numClasses).filter((g) => g.length > 0);
  let total = 0;
  u.forEach((uk, k) => {
    let projected = 0;
    for (const group of groups) {
      let sum = 0;
      for (const i of group) sum += uk[i];
      projected += (sum * sum) / group.length;
    }
    const s2 = s[k] * s[k];
    total += (s2 / (((1 - alpha) * s2) / n + alpha * mu)) * projected;
  });
  return ((1 - alpha) / (n - 1)) * total;
};

/**
 * Ledoit–Wolf shrinkage of centred data `x` (N × D), as scikit-learn's `ledoit_wolf_shrinkage` (assume_centered):
 * with S = XᵀX/N, μ = tr(S)/D, δ = ‖S − μI‖²_F / D and β = (Σᵢ ‖xᵢ‖⁴ / N − ‖S‖²_F) / (N·D), α = min(β, δ)/δ (0 when
 * β is 0). No D×D matrix: ‖XᵀX‖²_F = Σ s_k⁴ over x's singular values (from `spectrum` when given).
 */
export function ledoitWolfShrinkage(x: Matrix, spectrum?: Spectrum): { alpha: number; mu: number } {
  const n = x.rows;
  const d = x.cols;
  const norms2 = Array.from({ length: n }, (_, i) => {
    const r = rowOf(x, i);
    let s = 0;
    for (let j = 0; j < d; j++) s += r[j] * r[j];
    return s;
  });
  const trace = norms2.reduce((a, b) => a + b, 0) / n;
  const mu = trace / d;
  if (d === 1) return { alpha: 0, mu };
  // ‖XXᵀ‖²_F / N² = ‖S‖²_F.
  const gram2 = spectrum ? spectrum.s.reduce((sum, sk) => sum + sk ** 4, 0) : gramFrobenius2(x);
  const deltaRaw = gram2 / (n * n);
  const fourth = norms2.reduce((a, b) => a + b * b, 0);
  const betaRaw = (fourth / n - deltaRaw) / (d * n);
  const delta = (deltaRaw - 2 * mu * trace + d * mu * mu) / d;
  const beta = Math.min(betaRaw, delta);
  return { alpha: beta === 0 ? 0 : beta / delta, mu };
}

function gramFrobenius2(x: Matrix): number {
  let total = 0;
  for (let i = 0; i < x.rows; i++) {
    const ri = rowOf(x, i);
    for (let j = 0; j <= i; j++) {
      const rj = rowOf(x, j);
      let g = 0;
      for (let k = 0; k < x.cols; k++) g += ri[k] * rj[k];
      total += (i === j ? 1 : 2) * g * g;
    }
  }
  return total;
}
