/**
 * Embedding vectors as plain Float32Arrays (one per image, all the same length): the arithmetic the instant
 * classifiers need. Pure numbers, no tfjs, so adding an example or predicting one frame costs microseconds.
 */

export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export function squaredDistance(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - b[i];
    s += d * d;
  }
  return s;
}

/** A new unit-length copy of `v` (an all-zero vector stays zero: its cosine to anything is 0). */
export function l2Normalised(v: Float32Array): Float32Array {
  const norm = Math.sqrt(dot(v, v));
  const out = new Float32Array(v.length);
  if (norm > 0) for (let i = 0; i < v.length; i++) out[i] = v[i] / norm;
  return out;
}

/**
 * softmax(scale · scores) over the entries where `present[i]` is true; the others get probability 0. Stable
 * (the maximum is subtracted). At least one entry must be present.
 */
export function softmax(scores: readonly number[], scale: number, present: readonly boolean[]): number[] {
  let max = -Infinity;
  for (let i = 0; i < scores.length; i++) if (present[i] && scores[i] > max) max = scores[i];
  const exps = scores.map((s, i) => (present[i] ? Math.exp(scale * (s - max)) : 0));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

/** Index of the largest entry among those present (the first on ties); -1 when none is present. */
export function argmaxPresent(values: readonly number[], present: readonly boolean[]): number {
  let best = -1;
  for (let i = 0; i < values.length; i++) if (present[i] && (best < 0 || values[i] > values[best])) best = i;
  return best;
}
