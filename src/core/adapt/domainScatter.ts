/**
 * The picture of a domain shift: source and target embeddings projected on their first two principal components
 * (PCA of the pooled, centred rows), before and after CORAL alignment (adapt/coralAlign.ts re-colours the source with
 * the target's covariance; the PCA is refitted on the aligned pool). Plain arrays, so the studio draws them without
 * tensors. Pure numbers.
 *
 * Points are an evenly spaced subsample of each domain (at most `maxPerDomain`, default 150): deterministic, no RNG.
 * `centroidGap` is the distance between the two domains' mean embeddings divided by the pooled root-mean-square
 * spread around the pooled mean, in the full embedding space (not the 2-D picture): 0 when the means coincide.
 * It describes the embeddings used; it is no estimate of a population value and carries no interval. After CORAL
 * the source mean is moved onto the target mean, so `after.centroidGap` is 0 by construction: the "after" picture
 * is read for whether the classes of the two domains line up, not for the gap.
 */
import { centerColumns, columnMeans, dot, rowOf, stackRows, thinSvd, type Matrix } from '../math/linalg';
import { coralAlign } from './coralAlign';

export interface ScatterPoint {
  domain: 'source' | 'target';
  /** Class index (the target's class list). */
  label: number;
  x: number;
  y: number;
}

export interface ScatterView {
  points: ScatterPoint[];
  /** Share of the pooled variance along PC1 and PC2, each in [0, 1]. */
  explained: [number, number];
  /** Distance between the domain means over the pooled RMS spread (full embedding space). */
  centroidGap: number;
}

export interface DomainScatter {
  before: ScatterView;
  /** After CORAL alignment of the source to the target. */
  after: ScatterView;
  /** Rows each domain contributed to the PCA (all of them; the points are a subsample). */
  sourceCount: number;
  targetCount: number;
}

export const SCATTER_MAX_PER_DOMAIN = 150;

/** Evenly spaced indices 0 … n−1, at most `max` of them. */
export function evenlySpaced(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: max }, (_, k) => Math.floor((k * n) / max));
}

export function domainScatter(
  source: Matrix,
  sourceLabels: readonly number[],
  target: Matrix,
  targetLabels: readonly number[],
  maxPerDomain = SCATTER_MAX_PER_DOMAIN,
): DomainScatter {
  if (source.rows !== sourceLabels.length || target.rows !== targetLabels.length) {
    throw new RangeError('domainScatter: one label per row');
  }
  const picks = { source: evenlySpaced(source.rows, maxPerDomain), target: evenlySpaced(target.rows, maxPerDomain) };
  const view = (src: Matrix): ScatterView => {
    const pooled = stackRows(src, target);
    const mean = columnMeans(pooled);
    const centred = centerColumns(pooled, mean);
    const { s, v } = thinSvd(centred);
    const total = s.reduce((a, x) => a + x * x, 0);
    const axes = [0, 1].map((k) => v[k] ?? new Float64Array(pooled.cols));
    const explained: [number, number] = [0, 1].map((k) => (total > 0 ? (s[k] ?? 0) ** 2 / total : 0)) as [
      number,
      number,
    ];
    const project = (row: number, domain: 'source' | 'target', label: number): ScatterPoint => {
      const r = rowOf(centred, row);
      return { domain, label, x: dot(r, axes[0]), y: dot(r, axes[1]) };
    };
    const points = [
      ...picks.source.map((i) => project(i, 'source', sourceLabels[i])),
      ...picks.target.map((i) => project(src.rows + i, 'target', targetLabels[i])),
    ];
    const gap = distance(columnMeans(src), columnMeans(target));
    const spread = Math.sqrt(total / Math.max(1, pooled.rows));
    return { points, explained, centroidGap: spread > 0 ? gap / spread : 0 };
  };
  return {
    before: view(source),
    after: view(coralAlign(source, target)),
    sourceCount: source.rows,
    targetCount: target.rows,
  };
}

function distance(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let j = 0; j < a.length; j++) sum += (a[j] - b[j]) ** 2;
  return Math.sqrt(sum);
}
