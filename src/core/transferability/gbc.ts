/**
 * GBC, the Gaussian Bhattacharyya Coefficient (Pándy, Agostinelli, Uijlings, Ferrari & Mensink, CVPR 2022,
 * "Transferability Estimation using Bhattacharyya Class Separability"): each class is a Gaussian in the features'
 * first 64 principal components, and GBC = −Σ_{c ≠ c'} exp(−D_B(c, c')), minus the total pairwise overlap of
 * the classes. In [−C(C − 1), 0]; closer to 0 = better separated. Pure numbers.
 *
 * As the authors' code (google-research `stable_transfer/transferability/gbc.py`, defaults of its config: PCA to
 * 64 dimensions, 'spherical' Gaussians): per class the mean and the population variance (ddof 0) of each
 * component, floored at 1e-4, averaged into one variance σ; D_B = Σ_j (μ₁ⱼ − μ₂ⱼ)² / (8σ̄) + ½(ln σ̄ − ½ ln σ₁ −
 * ½ ln σ₂) with σ̄ = (σ₁ + σ₂)/2. Note: that code takes the log-determinant term once, where the closed form for
 * spherical Gaussians in d dimensions has it d times; we follow the code, whose numbers the paper reports.
 * PCA keeps min(64, rank) components (scikit-learn's PCA would refuse more components than min(N, D)).
 */
import { checkLabels, indicesByClass, type LabelledScore } from './labels';
import { centredOf } from './spectrum';

/** Principal components GBC keeps (the paper's setting). */
export const GBC_COMPONENTS = 64;
const MIN_VARIANCE = 1e-4;

/** GBC of `features` (N × D) for `labels`; `centred` when the caller has it. */
export const gbc: LabelledScore = (features, labels, numClasses, centred = centredOf(features)) => {
  checkLabels(labels, features.rows, numClasses);
  const { u, s } = centred.spectrum;
  const components = Math.min(GBC_COMPONENTS, s.length);
  // PCA scores: row i, component k = u_k[i]·s_k (signs do not matter to distances).
  const score = (i: number, k: number) => u[k][i] * s[k];
  const classes = indicesByClass(labels, numClasses).filter((g) => g.length > 0);
  const stats = classes.map((group) => {
    const mean = new Float64Array(components);
    let variance = 0;
    for (let k = 0; k < components; k++) {
      let m = 0;
      for (const i of group) m += score(i, k);
      m /= group.length;
      let v = 0;
      for (const i of group) v += (score(i, k) - m) ** 2;
      mean[k] = m;
      variance += Math.max(v / group.length, MIN_VARIANCE);
    }
    return { mean, variance: components > 0 ? variance / components : MIN_VARIANCE };
  });
  let overlap = 0;
  for (let a = 0; a < stats.length; a++) {
    for (let b = 0; b < stats.length; b++) {
      if (a !== b) overlap += Math.exp(-bhattacharyyaDistance(stats[a], stats[b]));
    }
  }
  return -overlap;
};

function bhattacharyyaDistance(
  p: { mean: Float64Array; variance: number },
  q: { mean: Float64Array; variance: number },
): number {
  const average = (p.variance + q.variance) / 2;
  let squared = 0;
  for (let k = 0; k < p.mean.length; k++) squared += (p.mean[k] - q.mean[k]) ** 2;
  const logTerm = Math.log(average) - 0.5 * Math.log(p.variance) - 0.5 * Math.log(q.variance);
  return squared / average / 8 + 0.5 * logTerm;
}
