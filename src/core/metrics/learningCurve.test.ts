import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { summarizeCurve } from './learningCurve';
import { curveOf } from './testCurves';
import { createRng } from '../math/rng';

const exp = (a: number, s: number, tau: number, epochs: number) =>
  Array.from({ length: epochs + 1 }, (_, t) => a - (a - s) * Math.exp(-t / tau));

describe('summarizeCurve', () => {
  it('a clean exponential: slope (a − s)/τ, asymptote a, start/auc/last3 by hand', () => {
    const acc = exp(0.9, 0.1, 2, 10);
    const m = summarizeCurve(curveOf(acc));
    expect(m.start).toBeCloseTo(acc[1], 12);
    expect(m.slope).toBeCloseTo((0.9 - 0.1) / 2, 4);
    expect(m.asymptote).toBeCloseTo(0.9, 5);
    expect(m.asymptoteLast3).toBeCloseTo((acc[8] + acc[9] + acc[10]) / 3, 12);
    expect(m.auc).toBeCloseTo(acc.slice(1).reduce((p, v) => p + v, 0) / 10, 12);
    expect(m.fitR2).toBeCloseTo(1, 8);
  });

  it('a curve that never improves: slope 0, asymptote = the level', () => {
    const m = summarizeCurve(curveOf([0.25, 0.25, 0.25, 0.25, 0.25]));
    expect(m.slope).toBe(0);
    expect(m.asymptote).toBeCloseTo(0.25, 12);
    expect(m.start).toBe(0.25);
    expect(m.auc).toBe(0.25);
    expect(m.asymptoteLast3).toBe(0.25);
    expect(m.fitR2).toBe(1);
  });

  it('a noisy curve: metrics near the truth', () => {
    const rng = createRng(9);
    const acc = exp(0.85, 0.2, 3, 15).map((v) => Math.min(1, Math.max(0, v + 0.02 * rng.normal())));
    const m = summarizeCurve(curveOf(acc));
    expect(Math.abs(m.asymptote - 0.85)).toBeLessThan(0.03);
    expect(Math.abs(m.slope - 0.65 / 3)).toBeLessThan(0.08);
    expect(m.fitR2).toBeGreaterThan(0.9);
  });

  it('a one-epoch curve: start = last3 = auc = epoch 1, slope = the observed change', () => {
    const m = summarizeCurve(curveOf([0.2, 0.6]));
    expect(m.start).toBe(0.6);
    expect(m.asymptoteLast3).toBe(0.6);
    expect(m.auc).toBe(0.6);
    expect(m.asymptote).toBe(0.6);
    expect(m.slope).toBeCloseTo(0.4, 12);
  });

  it('clamps an extrapolated asymptote to 1 and sorts points by epoch', () => {
    const acc = [0.1, 0.3, 0.5, 0.7, 0.9];
    const m = summarizeCurve(curveOf(acc).reverse());
    expect(m.asymptote).toBe(1);
    expect(m.start).toBe(0.3);
    expect(m.slope).toBeGreaterThan(0.15);
  });

  it('an empty curve or only epoch 0 stays defined', () => {
    expect(summarizeCurve([])).toEqual({ start: 0, slope: 0, asymptote: 0, asymptoteLast3: 0, auc: 0, fitR2: 0 });
    const m = summarizeCurve(curveOf([0.3]));
    expect(m.start).toBe(0.3);
    expect(m.auc).toBe(0.3);
  });

  it('property: accuracies in [0, 1] give start/asymptote/last3/auc in [0, 1] and every metric finite', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 40 }), (acc) => {
        const m = summarizeCurve(curveOf(acc));
        for (const v of Object.values(m)) expect(Number.isFinite(v)).toBe(true);
        for (const v of [m.start, m.asymptote, m.asymptoteLast3, m.auc]) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });
});
