/**
 * Scores that read the SOURCE model's own classifier on the target images (so they need a backbone with its source
 * head: MobileNet's 1,000 ImageNet classes, the digits network's five digits). They depend on the whole source
 * model, not on the cut: every cut of one backbone gets the same value. Pure numbers.
 *
 * - LEEP (Nguyen, Tran, Hassner & Archambeau, ICML 2020): with θ(x) the source class probabilities, the empirical
 *   joint P̂(y, z) = (1/N) Σ_{i: yᵢ=y} θ(xᵢ)_z, P̂(y | z) = P̂(y, z) / P̂(z), and
 *   LEEP = (1/N) Σᵢ ln Σ_z P̂(yᵢ | z) θ(xᵢ)_z — the mean log-likelihood of the "expected empirical predictor".
 *   In (−∞, 0]; higher is better. As thuml/LogME `LEEP.py`.
 * - NCE (Tran, Nguyen & Hassner, ICCV 2019, "Transferability and Hardness of Supervised Classification Tasks"):
 *   with z the source model's most likely class, NCE = −H(Y | Z) = Σ_{y,z} P̂(y, z) ln P̂(y | z) over the empirical
 *   joint of hard labels. In [−ln C, 0]; higher is better. As thuml/LogME `NCE.py`, with 0·ln 0 = 0 (the official
 *   code gives NaN when a (y, z) pair never occurs).
 */
import { rowOf, type Matrix } from '../math/linalg';
import { checkLabels } from './labels';

/** LEEP from source probabilities (N × Cs, rows summing to 1) and target labels in [0, numClasses). */
export function leep(sourceProbabilities: Matrix, labels: readonly number[], numClasses: number): number {
  checkLabels(labels, sourceProbabilities.rows, numClasses);
  const n = sourceProbabilities.rows;
  const cs = sourceProbabilities.cols;
  const joint = new Float64Array(numClasses * cs);
  for (let i = 0; i < n; i++) {
    const p = rowOf(sourceProbabilities, i);
    const base = labels[i] * cs;
    for (let z = 0; z < cs; z++) joint[base + z] += p[z] / n;
  }
  const conditional = conditionalOnSource(joint, numClasses, cs);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const p = rowOf(sourceProbabilities, i);
    const base = labels[i] * cs;
    let likelihood = 0;
    for (let z = 0; z < cs; z++) likelihood += conditional[base + z] * p[z];
    total += Math.log(likelihood);
  }
  return total / n;
}

/** NCE from the source model's predicted classes (integers in [0, sourceClasses)) and target labels. */
export function nce(
  sourceLabels: readonly number[],
  sourceClasses: number,
  labels: readonly number[],
  numClasses: number,
): number {
  checkLabels(labels, sourceLabels.length, numClasses);
  checkLabels(sourceLabels, sourceLabels.length, sourceClasses);
  const n = labels.length;
  const joint = new Float64Array(numClasses * sourceClasses);
  labels.forEach((y, i) => (joint[y * sourceClasses + sourceLabels[i]] += 1 / n));
  const conditional = conditionalOnSource(joint, numClasses, sourceClasses);
  let total = 0;
  for (let k = 0; k < joint.length; k++) {
    if (joint[k] > 0) total += joint[k] * Math.log(conditional[k]);
  }
  return total;
}

/** Index of each row's largest value (the source model's predicted class). */
export function argmaxRows(m: Matrix): number[] {
  return Array.from({ length: m.rows }, (_, i) => {
    const r = rowOf(m, i);
    let best = 0;
    for (let j = 1; j < r.length; j++) if (r[j] > r[best]) best = j;
    return best;
  });
}

/** P̂(y | z) = P̂(y, z) / Σ_y P̂(y, z), row-major [y][z]; 0 for a source class no example reaches. */
function conditionalOnSource(joint: Float64Array, numClasses: number, cs: number): Float64Array {
  const marginal = new Float64Array(cs);
  for (let y = 0; y < numClasses; y++) for (let z = 0; z < cs; z++) marginal[z] += joint[y * cs + z];
  return joint.map((value, k) => (marginal[k % cs] > 0 ? value / marginal[k % cs] : 0));
}
