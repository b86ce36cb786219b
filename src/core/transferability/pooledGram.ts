/**
 * One Gram matrix for two samples (source rows then target rows), from which every domain-shift distance is read:
 * squared distances for MMD, centred blocks for the CORAL distance, and centred train/test kernels for the
 * proxy A-distance's linear classifier. So 300 + 300 embeddings of 768 numbers cost one 600×600 Gram (1.4·10⁸
 * multiply-adds) instead of one per distance. Pure numbers.
 */
import { gram, stackRows, type Matrix } from '../math/linalg';

export interface PooledGram {
  /** (ns + nt)², row-major: G[i][j] = zᵢ·zⱼ over the pooled rows z = [source; target]. */
  g: Float64Array;
  /** Pooled row count ns + nt. */
  n: number;
  sourceCount: number;
  targetCount: number;
  /** Feature dimension D. */
  dimensions: number;
}

export function pooledGram(source: Matrix, target: Matrix): PooledGram {
  if (source.rows < 2 || target.rows < 2) {
    throw new RangeError(`a domain comparison needs ≥ 2 examples per side, got ${source.rows} and ${target.rows}`);
  }
  const pooled = stackRows(source, target);
  return {
    g: gram(pooled).data,
    n: pooled.rows,
    sourceCount: source.rows,
    targetCount: target.rows,
    dimensions: source.cols,
  };
}

/** Indices of the source rows (0..ns−1) and of the target rows (ns..n−1) in the pooled Gram. */
export function sides(pg: PooledGram): { source: number[]; target: number[] } {
  return {
    source: Array.from({ length: pg.sourceCount }, (_, i) => i),
    target: Array.from({ length: pg.targetCount }, (_, i) => pg.sourceCount + i),
  };
}

/**
 * The block (x_a − μ_A)·(x_b − μ_B) for a in `rows`, b in `cols`, where μ_A is the mean of the rows listed in
 * `rowCentre` and μ_B of those in `colCentre`: G_ab − mean_{a'} G_{a'b} − mean_{b'} G_{ab'} + mean G_{a'b'}.
 * Returns rows.length × cols.length, row-major.
 */
export function centredBlock(
  pg: PooledGram,
  rows: readonly number[],
  cols: readonly number[],
  rowCentre: readonly number[],
  colCentre: readonly number[],
): Float64Array {
  const { g, n } = pg;
  // mean over a' ∈ rowCentre of G[a'][b], for each b in cols; and over b' ∈ colCentre of G[a][b'], each a in rows.
  const colMeans = cols.map((b) => rowCentre.reduce((s, a) => s + g[a * n + b], 0) / rowCentre.length);
  const rowMeans = rows.map((a) => colCentre.reduce((s, b) => s + g[a * n + b], 0) / colCentre.length);
  let both = 0;
  for (const a of rowCentre) for (const b of colCentre) both += g[a * n + b];
  both /= rowCentre.length * colCentre.length;
  const out = new Float64Array(rows.length * cols.length);
  rows.forEach((a, i) => {
    cols.forEach((b, j) => {
      out[i * cols.length + j] = g[a * n + b] - colMeans[j] - rowMeans[i] + both;
    });
  });
  return out;
}
