/**
 * Maximum mean discrepancy with a Gaussian (RBF) kernel (Gretton, Borgwardt, Rasch, Schölkopf & Smola, JMLR 2012):
 * the unbiased estimate MMD²_u = mean_{i≠j} k(xᵢ, xⱼ) + mean_{i≠j} k(yᵢ, yⱼ) − 2·mean k(xᵢ, yⱼ), with
 * k(a, b) = exp(−‖a − b‖² / (2σ²)) and σ the median distance between distinct pooled points (the "median
 * heuristic", Gretton et al. 2012 §8). 0 when both samples come from one distribution (it can dip below 0); larger
 * = further apart. A permutation test (shuffle which rows are "source") gives the p-value of "no shift":
 * (1 + #{permuted ≥ observed}) / (1 + permutations). Pure numbers; the shuffles come from the seed.
 */
import { createRng } from '../math/rng';
import type { PooledGram } from './pooledGram';

export interface MmdResult {
  /** Unbiased MMD² estimate. */
  mmd2: number;
  /** σ of the kernel (median pairwise distance). */
  bandwidth: number;
  /** Permutation-test p-value of "same distribution"; small = a shift the sample size can detect. */
  pValue: number;
  permutations: number;
}

export function mmdRbf(pg: PooledGram, options: { seed: number; permutations?: number }): MmdResult {
  const { g, n, sourceCount } = pg;
  const permutations = options.permutations ?? 200;
  const distances2 = new Float64Array((n * (n - 1)) / 2);
  let p = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) distances2[p++] = Math.max(0, g[i * n + i] + g[j * n + j] - 2 * g[i * n + j]);
  }
  // σ = the median of the pooled pairwise distances (np.median: the mean of the middle two for an even count).
  const sorted = Float64Array.from(distances2).sort();
  const middle = Math.floor(sorted.length / 2);
  const bandwidth =
    sorted.length % 2 === 1
      ? Math.sqrt(sorted[middle])
      : (Math.sqrt(sorted[middle - 1]) + Math.sqrt(sorted[middle])) / 2;
  const scale = bandwidth > 0 ? 1 / (2 * bandwidth * bandwidth) : 1;
  const kernel = new Float64Array(n * n);
  p = 0;
  for (let i = 0; i < n; i++) {
    kernel[i * n + i] = 1;
    for (let j = 0; j < i; j++) {
      const k = Math.exp(-distances2[p++] * scale);
      kernel[i * n + j] = k;
      kernel[j * n + i] = k;
    }
  }
  const isSource = new Uint8Array(n);
  for (let i = 0; i < sourceCount; i++) isSource[i] = 1;
  const observed = unbiasedMmd2(kernel, n, isSource, sourceCount);
  const rng = createRng(options.seed);
  const order = Array.from({ length: n }, (_, i) => i);
  let atLeast = 0;
  for (let t = 0; t < permutations; t++) {
    rng.shuffle(order);
    const permuted = new Uint8Array(n);
    for (let i = 0; i < sourceCount; i++) permuted[order[i]] = 1;
    if (unbiasedMmd2(kernel, n, permuted, sourceCount) >= observed) atLeast++;
  }
  return { mmd2: observed, bandwidth, pValue: (1 + atLeast) / (1 + permutations), permutations };
}

/** MMD²_u of the kernel matrix for the split given by `isSource` (sourceCount ones). */
function unbiasedMmd2(kernel: Float64Array, n: number, isSource: Uint8Array, sourceCount: number): number {
  const m = sourceCount;
  const t = n - m;
  let ss = 0;
  let tt = 0;
  let st = 0;
  for (let i = 0; i < n; i++) {
    const si = isSource[i];
    const base = i * n;
    for (let j = 0; j < i; j++) {
      const k = kernel[base + j];
      if (si === isSource[j]) {
        if (si) ss += k;
        else tt += k;
      } else st += k;
    }
  }
  return (2 * ss) / (m * (m - 1)) + (2 * tt) / (t * (t - 1)) - (2 * st) / (m * t);
}
