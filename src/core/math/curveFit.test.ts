import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fitSaturatingExponential, TAU_MAX_FACTOR, TAU_MIN } from './curveFit';
import { createRng } from './rng';

const epochs = (n: number) => Array.from({ length: n + 1 }, (_, t) => t);
const model = (a: number, s: number, tau: number) => (t: number) => a - (a - s) * Math.exp(-t / tau);

describe('fitSaturatingExponential', () => {
  it('recovers a, s and τ of a clean exponential', () => {
    const t = epochs(10);
    const y = t.map(model(0.9, 0.1, 2.5));
    const fit = fitSaturatingExponential(t, y);
    expect(fit.a).toBeCloseTo(0.9, 5);
    expect(fit.s).toBeCloseTo(0.1, 5);
    expect(fit.tau).toBeCloseTo(2.5, 4);
    expect(fit.r2).toBeCloseTo(1, 8);
  });

  it('recovers a decreasing curve (a < s) too', () => {
    const t = epochs(8);
    const fit = fitSaturatingExponential(t, t.map(model(0.3, 0.8, 1.5)));
    expect(fit.a).toBeCloseTo(0.3, 5);
    expect(fit.s).toBeCloseTo(0.8, 5);
    expect(fit.tau).toBeCloseTo(1.5, 4);
  });

  it('a flat curve: a = s = the level, r2 = 1', () => {
    const fit = fitSaturatingExponential(epochs(6), new Array(7).fill(0.2));
    expect(fit.a).toBeCloseTo(0.2, 12);
    expect(fit.s).toBeCloseTo(0.2, 12);
    expect(fit.tau).toBe(1);
    expect(fit.r2).toBe(1);
  });

  it('a noisy curve: close to the truth, finite, r2 < 1', () => {
    const rng = createRng(5);
    const t = epochs(20);
    const y = t.map((x) => model(0.8, 0.2, 3)(x) + 0.02 * rng.normal());
    const fit = fitSaturatingExponential(t, y);
    expect(Math.abs(fit.a - 0.8)).toBeLessThan(0.03);
    expect(Math.abs(fit.s - 0.2)).toBeLessThan(0.05);
    expect(Math.abs(fit.tau - 3)).toBeLessThan(1);
    expect(fit.r2).toBeGreaterThan(0.95);
    expect(fit.r2).toBeLessThan(1);
  });

  it('a step (chance at epoch 0, flat from epoch 1) gives τ near its floor', () => {
    const fit = fitSaturatingExponential(epochs(5), [0.1, 0.9, 0.9, 0.9, 0.9, 0.9]);
    // Every τ this small fits to rounding error; the largest of them is reported (the least steep fit).
    expect(fit.tau).toBeGreaterThanOrEqual(TAU_MIN);
    expect(fit.tau).toBeLessThan(0.1);
    expect(fit.a).toBeCloseTo(0.9, 4);
    expect(fit.s).toBeCloseTo(0.1, 4);
  });

  it('a straight line pushes τ to its ceiling and keeps the initial slope', () => {
    const t = epochs(5);
    const fit = fitSaturatingExponential(
      t,
      t.map((x) => 0.1 + 0.05 * x),
    );
    expect(fit.tau).toBeCloseTo(TAU_MAX_FACTOR * 5, 3);
    expect((fit.a - fit.s) / fit.tau).toBeCloseTo(0.05, 2);
  });

  it('one epoch (two points): s = epoch 0, a = epoch 1, τ = 1 so slope = the observed change', () => {
    const fit = fitSaturatingExponential([0, 1], [0.2, 0.6]);
    expect(fit.s).toBe(0.2);
    expect(fit.a).toBe(0.6);
    expect(fit.tau).toBe(1);
    expect(Number.isFinite(fit.r2)).toBe(true);
  });

  it('degenerate input never gives NaN', () => {
    expect(fitSaturatingExponential([], [])).toEqual({ a: 0, s: 0, tau: 1, r2: 0 });
    expect(fitSaturatingExponential([0], [0.4])).toEqual({ a: 0.4, s: 0.4, tau: 1, r2: 1 });
    const withNaN = fitSaturatingExponential([0, 1, 2, 3], [0.1, NaN, 0.5, 0.6]);
    for (const v of Object.values(withNaN)) expect(Number.isFinite(v)).toBe(true);
  });

  it('property: finite output and τ within its range for any accuracies in [0, 1]', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 }), (ys) => {
        const t = ys.map((_, i) => i);
        const fit = fitSaturatingExponential(t, ys);
        for (const v of Object.values(fit)) expect(Number.isFinite(v)).toBe(true);
        expect(fit.r2).toBeLessThanOrEqual(1 + 1e-9);
        if (ys.length > 2) {
          expect(fit.tau).toBeGreaterThanOrEqual(TAU_MIN * (1 - 1e-9));
          expect(fit.tau).toBeLessThanOrEqual(TAU_MAX_FACTOR * (ys.length - 1) * (1 + 1e-9));
        }
      }),
      { numRuns: 200 },
    );
  });
});
