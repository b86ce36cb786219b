/**
 * LogME (You, Liu, Wang & Long, ICML 2021, "LogME: Practical Assessment of Pre-trained Models for Transfer
 * Learning"): the log of the maximum evidence of a Bayesian linear model from the features to each one-hot label
 * column, averaged over classes and divided by the number of examples. Higher = the features explain the labels
 * with a simpler linear model. Pure numbers.
 *
 * Evidence maximisation is the fixed-point iteration of the authors' code (thuml/LogME `LogME._fit_fixed_point`,
 * from "Ranking and Tuning Pre-trained Models", You et al. 2021, arXiv 2110.10545): with f = U·diag(s)·Vᵀ and
 * x = Uᵀy, iterate t = α/β; γ = Σ σ/(σ+t); m² = Σ σx²/(t+σ)²; res² = Σ x²/(1+σ/t)² + (‖y‖² − ‖x‖²);
 * α = γ/(m² + 1e-5); β = (N − γ)/(res² + 1e-5), at most 11 times, stopping when t moves by ≤ 1e-3 relative. The
 * evidence is D/2·ln α + N/2·ln β − ½Σ ln(α + βσ) − β/2·res² − α/2·m² − N/2·ln 2π, divided by N (σ = s²),
 * with the sum over all D directions of the prior (σ = 0 beyond the features' rank), as the paper's version of the
 * code (`_fit_icml`, an SVD of the D×D matrix) has it. The fixed-point version sums over the min(N, D) non-zero σ
 * only while keeping D/2·ln α, which with fewer images than dimensions (200 images, 256–6,272 dimensions here)
 * adds (D − N)/2·ln α and grows with D (139 instead of −0.07 for 100 digits at digits-vgg’s first block): a
 * dimension count, not transferability. The features are used as given (the code neither centres nor scales).
 */
import type { Matrix } from '../math/linalg';
import { checkLabels } from './labels';
import { spectrumOf, type Spectrum } from './spectrum';

const MAX_ITERATIONS = 11;
const EPSILON = 1e-5;

/**
 * LogME of `features` (N × D) for integer `labels` in [0, numClasses); one value, typically in (−2, 2).
 * `spectrum`: the features' SVD when the caller has it. The official code keeps singular values s > 1e-10
 * (absolute); thinSvd's relative cut-off drops rounding noise alike.
 */
export function logMe(
  features: Matrix,
  labels: readonly number[],
  numClasses: number,
  spectrum: Spectrum = spectrumOf(features),
): number {
  checkLabels(labels, features.rows, numClasses);
  const n = features.rows;
  const d = features.cols;
  const { u, s } = spectrum;
  const sigma = Float64Array.from(s, (x) => x * x);
  let total = 0;
  for (let c = 0; c < numClasses; c++) {
    const x2 = u.map((uk) => {
      let p = 0;
      labels.forEach((y, i) => {
        if (y === c) p += uk[i];
      });
      return p * p;
    });
    const y2 = labels.filter((y) => y === c).length;
    const residualX2 = y2 - x2.reduce((a, b) => a + b, 0);
    total += classEvidence(sigma, x2, residualX2, n, d);
  }
  return total / numClasses;
}

/** The maximised evidence / N of one label column (the official fixed-point loop). */
function classEvidence(sigma: Float64Array, x2: number[], residualX2: number, n: number, d: number): number {
  let alpha = 1;
  let beta = 1;
  let m2 = 0;
  let res2 = 0;
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const t = alpha / beta;
    let gamma = 0;
    m2 = 0;
    res2 = residualX2;
    for (let k = 0; k < sigma.length; k++) {
      gamma += sigma[k] / (sigma[k] + t);
      m2 += (sigma[k] * x2[k]) / ((t + sigma[k]) * (t + sigma[k]));
      const shrink = 1 + sigma[k] / t;
      res2 += x2[k] / (shrink * shrink);
    }
    alpha = gamma / (m2 + EPSILON);
    beta = (n - gamma) / (res2 + EPSILON);
    if (Math.abs(alpha / beta - t) / t <= 1e-3) break;
  }
  // The prior spans all d directions; the d − k beyond the features' rank have σ = 0.
  let logDet = Math.max(0, d - sigma.length) * Math.log(alpha);
  for (let k = 0; k < sigma.length; k++) logDet += Math.log(alpha + beta * sigma[k]);
  const evidence =
    (d / 2) * Math.log(alpha) +
    (n / 2) * Math.log(beta) -
    0.5 * logDet -
    (beta / 2) * res2 -
    (alpha / 2) * m2 -
    (n / 2) * Math.log(2 * Math.PI);
  return evidence / n;
}
