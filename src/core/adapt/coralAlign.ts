/**
 * CORAL, CORrelation ALignment (Sun, Feng & Saenko, AAAI 2016, "Return of Frustratingly Easy Domain Adaptation"),
 * closed form on embeddings: whiten the source features with (C_S + λ_S·I)^(−1/2), re-colour them with
 * (C_T + λ_T·I)^(1/2), so a classifier trained on the transformed source sees the target's covariance. Pure numbers.
 *
 * The paper adds the identity ("eye") to features normalised to unit variance; for raw embeddings the same
 * regularisation is λ = tr(C)/d, the mean variance (so it is scale-free). Each domain is centred on its own mean and
 * the result moved to the target's mean: the transformed source matches the target's first and second moments.
 * Cost: two d×d eigen-decompositions (d = 576 for digits-vgg's cut: well under a second).
 */
import { centerColumns, columnMeans, innerGram, matrix, rowOf, type Matrix } from '../math/linalg';
import { symmetricEigen } from '../math/symmetricEigen';

export function coralAlign(source: Matrix, target: Matrix): Matrix {
  if (source.cols !== target.cols) throw new RangeError(`CORAL: ${source.cols} vs ${target.cols} features`);
  if (source.rows < 2 || target.rows < 2) throw new RangeError('CORAL needs at least two rows per domain');
  const d = source.cols;
  const xs = centerColumns(source);
  const targetMean = columnMeans(target);
  const whiten = covariancePower(xs, -0.5);
  const recolour = covariancePower(centerColumns(target, targetMean), 0.5);
  // A = C_S^(−1/2)·C_T^(1/2) (d×d), then each row x ↦ x·A + μ_T.
  const a = multiply(whiten, recolour, d);
  const out = matrix(source.rows, d);
  for (let i = 0; i < source.rows; i++) {
    const x = rowOf(xs, i);
    const y = rowOf(out, i);
    y.set(targetMean);
    for (let k = 0; k < d; k++) {
      const xk = x[k];
      if (xk === 0) continue;
      const ak = a.subarray(k * d, (k + 1) * d);
      for (let j = 0; j < d; j++) y[j] += xk * ak[j];
    }
  }
  return out;
}

/** (C + λI)^p of the unbiased covariance C of centred rows, λ = tr(C)/d; row-major d×d. */
export function covariancePower(centred: Matrix, p: number): Float64Array {
  const d = centred.cols;
  const c = innerGram(centred).data.map((v) => v / (centred.rows - 1));
  let trace = 0;
  for (let j = 0; j < d; j++) trace += c[j * d + j];
  const lambda = trace / d || 1;
  for (let j = 0; j < d; j++) c[j * d + j] += lambda;
  const { values, vectors } = symmetricEigen(c, d);
  const out = new Float64Array(d * d);
  values.forEach((value, k) => {
    const w = Math.max(value, lambda * 1e-12) ** p;
    const v = vectors[k];
    for (let i = 0; i < d; i++) {
      const wi = w * v[i];
      if (wi === 0) continue;
      const row = out.subarray(i * d, (i + 1) * d);
      for (let j = 0; j < d; j++) row[j] += wi * v[j];
    }
  });
  return out;
}

function multiply(a: Float64Array, b: Float64Array, d: number): Float64Array {
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    const row = out.subarray(i * d, (i + 1) * d);
    for (let k = 0; k < d; k++) {
      const aik = a[i * d + k];
      if (aik === 0) continue;
      const bk = b.subarray(k * d, (k + 1) * d);
      for (let j = 0; j < d; j++) row[j] += aik * bk[j];
    }
  }
  return out;
}
