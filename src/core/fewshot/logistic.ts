/**
 * Binary logistic regression with an L2 penalty, for the zero-shot attribute classifiers: p(a = 1 | x) =
 * σ(w·x̃ + b), where x̃ is x standardised with the training mean and spread (so one penalty suits every backbone's
 * feature scale). Fitted by Nesterov-accelerated gradient descent on the mean log-loss + (λ/2)‖w‖² with the step
 * 1/L, L = ¼·λmax(X̃ᵀX̃/n) + λ (estimated by power iteration): deterministic (zero start, no sampling). Pure numbers.
 */

export interface LogisticModel {
  mean: Float64Array;
  scale: Float64Array;
  weights: Float64Array;
  bias: number;
}

export interface LogisticOptions {
  /** L2 penalty on the standardised weights (default 0.01). */
  lambda?: number;
  /** Gradient steps (default 300). */
  iterations?: number;
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Fits p(target = 1 | x). `targets` are 0/1 (or soft values in [0, 1]); vectors all the same length. */
export function fitLogistic(
  vectors: readonly Float32Array[],
  targets: readonly number[],
  options: LogisticOptions = {},
): LogisticModel {
  const n = vectors.length;
  if (n === 0 || n !== targets.length)
    throw new RangeError(`need as many targets as vectors (≥ 1), got ${n} and ${targets.length}`);
  const d = vectors[0].length;
  const lambda = options.lambda ?? 0.01;
  const iterations = options.iterations ?? 300;
  const mean = new Float64Array(d);
  const scale = new Float64Array(d);
  for (const v of vectors) for (let j = 0; j < d; j++) mean[j] += v[j] / n;
  for (const v of vectors) for (let j = 0; j < d; j++) scale[j] += (v[j] - mean[j]) ** 2 / n;
  for (let j = 0; j < d; j++) scale[j] = Math.sqrt(scale[j]) || 1;
  const x = vectors.map((v) => Float64Array.from(v, (value, j) => (value - mean[j]) / scale[j]));

  const step = 1 / (0.25 * largestEigenvalue(x, d) + lambda);
  let w = new Float64Array(d);
  let b = 0;
  let wPrev = new Float64Array(d);
  let bPrev = 0;
  for (let t = 1; t <= iterations; t++) {
    // Look-ahead point y = w + ((t − 1)/(t + 2))(w − wPrev).
    const momentum = (t - 1) / (t + 2);
    const y = Float64Array.from(w, (wj, j) => wj + momentum * (wj - wPrev[j]));
    const yb = b + momentum * (b - bPrev);
    const grad = new Float64Array(d);
    let gradB = 0;
    for (let i = 0; i < n; i++) {
      let z = yb;
      const xi = x[i];
      for (let j = 0; j < d; j++) z += y[j] * xi[j];
      const residual = (sigmoid(z) - targets[i]) / n;
      gradB += residual;
      for (let j = 0; j < d; j++) grad[j] += residual * xi[j];
    }
    wPrev = w;
    bPrev = b;
    w = Float64Array.from(y, (yj, j) => yj - step * (grad[j] + lambda * yj));
    b = yb - step * gradB;
  }
  return { mean, scale, weights: w, bias: b };
}

/** p(target = 1 | vector) under `model`. */
export function predictLogistic(model: LogisticModel, vector: Float32Array): number {
  let z = model.bias;
  for (let j = 0; j < model.weights.length; j++) z += model.weights[j] * ((vector[j] - model.mean[j]) / model.scale[j]);
  return sigmoid(z);
}

/** λmax(XᵀX / n) by 30 power iterations (an upper estimate is all the step size needs; 1.1× margin added). */
function largestEigenvalue(x: readonly Float64Array[], d: number): number {
  const n = x.length;
  let v = new Float64Array(d).fill(1 / Math.sqrt(d));
  let value = 0;
  for (let k = 0; k < 30; k++) {
    const next = new Float64Array(d);
    for (const xi of x) {
      let dot = 0;
      for (let j = 0; j < d; j++) dot += xi[j] * v[j];
      for (let j = 0; j < d; j++) next[j] += (dot * xi[j]) / n;
    }
    value = Math.sqrt(next.reduce((s, e) => s + e * e, 0));
    if (value === 0) return 0;
    v = Float64Array.from(next, (e) => e / value);
  }
  return value * 1.1;
}
