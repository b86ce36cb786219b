import { describe, expect, it } from 'vitest';
import { fromRows } from '../math/linalg';
import { createRng } from '../math/rng';
import { domainScatter, evenlySpaced } from './domainScatter';

/** PCA scatter of two domains, before and after CORAL, on small hand-made data. */
describe('domainScatter', () => {
  it('projects on the principal axes of the pooled rows (worked example)', () => {
    // All four points lie on the line y = x in 3-D (z = 0): PC1 carries all the variance, along (1, 1, 0)/√2.
    const source = fromRows([
      [0, 0, 0],
      [1, 1, 0],
    ]);
    const target = fromRows([
      [2, 2, 0],
      [3, 3, 0],
    ]);
    const { before } = domainScatter(source, [0, 1], target, [0, 1]);
    expect(before.explained[0]).toBeCloseTo(1, 10);
    expect(before.explained[1]).toBeCloseTo(0, 10);
    // Pooled mean (1.5, 1.5, 0): projections ±(1.5·√2) and ±(0.5·√2) up to the axis' sign.
    const xs = before.points.map((p) => Math.abs(p.x));
    [1.5, 0.5, 0.5, 1.5].forEach((v, i) => expect(xs[i]).toBeCloseTo(v * Math.SQRT2, 10));
    expect(before.points.map((p) => p.domain)).toEqual(['source', 'source', 'target', 'target']);
    // Means (0.5, 0.5, 0) and (2.5, 2.5, 0): gap 2√2; RMS spread √((4.5 + 0.5 + 0.5 + 4.5)/4) = √2.5.
    expect(before.centroidGap).toBeCloseTo((2 * Math.SQRT2) / Math.sqrt(2.5), 10);
  });

  it('shifted blobs: a large gap before, none after CORAL; points subsampled evenly', () => {
    const rng = createRng(7);
    const blob = (n: number, shift: number, scale: number) =>
      fromRows(
        Array.from({ length: n }, () => [0, 0, 0, 0].map((_, j) => (rng.next() - 0.5) * scale + (j === 0 ? shift : 0))),
      );
    const source = blob(40, 0, 1);
    const target = blob(30, 5, 2);
    const labels = (n: number) => Array.from({ length: n }, (_, i) => i % 3);
    const scatter = domainScatter(source, labels(40), target, labels(30), 20);
    expect(scatter.before.centroidGap).toBeGreaterThan(1);
    expect(scatter.after.centroidGap).toBeLessThan(1e-9);
    expect(scatter.before.points).toHaveLength(40);
    expect(scatter.before.points.filter((p) => p.domain === 'target')).toHaveLength(20);
    expect(scatter.sourceCount).toBe(40);
    for (const view of [scatter.before, scatter.after])
      for (const p of view.points) expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
  });

  it('evenlySpaced keeps all rows up to the cap, then spreads the cap over them', () => {
    expect(evenlySpaced(3, 5)).toEqual([0, 1, 2]);
    expect(evenlySpaced(10, 4)).toEqual([0, 2, 5, 7]);
  });
});
