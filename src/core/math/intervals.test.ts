import { describe, expect, it } from 'vitest';
import { directionOf, repeatInterval, tInterval, tQuantile975, wilsonInterval } from './intervals';

// Reference values: t quantiles from printed tables (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2);
// the interval of [0.1, 0.2, 0.4] and Wilson 7/10 computed independently with numpy
// (mean ± t·s/√n; Wilson's centre ± half-width formula), written down here.
describe('intervals', () => {
  it('t quantiles match the table', () => {
    expect(tQuantile975(1)).toBeCloseTo(12.706, 3);
    expect(tQuantile975(2)).toBeCloseTo(4.303, 3);
    expect(tQuantile975(8)).toBeCloseTo(2.306, 3);
    expect(tQuantile975(1000)).toBeCloseTo(1.962, 3);
    expect(() => tQuantile975(0)).toThrow(RangeError);
  });

  it('t interval of three values matches numpy', () => {
    const e = tInterval([0.1, 0.2, 0.4]);
    expect(e.mean).toBeCloseTo(0.233333, 6);
    expect(e.ci95![0]).toBeCloseTo(-0.146125, 5);
    expect(e.ci95![1]).toBeCloseTo(0.612792, 5);
    expect(e.n).toBe(3);
  });

  it('one value has no interval', () => {
    expect(tInterval([0.5])).toEqual({ mean: 0.5, ci95: null, n: 1, method: 'none' });
    expect(directionOf(tInterval([0.5]))).toBe('unclear');
  });

  it('repeats are the unit when there are two or more', () => {
    const values = [
      { repeat: 0, value: 0.1 },
      { repeat: 0, value: 0.3 },
      { repeat: 1, value: 0.5 },
      { repeat: 1, value: 0.7 },
    ];
    const e = repeatInterval(values);
    expect(e.method).toBe('t-repeats');
    expect(e.n).toBe(2);
    expect(e.mean).toBeCloseTo(0.4, 10);
    // per-repeat means 0.2 and 0.6: s = 0.2828, half = 12.706 · 0.2828 / √2 = 2.541
    expect(e.ci95![1] - e.mean).toBeCloseTo(2.5412, 3);
  });

  it('one repeat falls back to seeds and says so', () => {
    const e = repeatInterval([
      { repeat: 0, value: 0.1 },
      { repeat: 0, value: 0.2 },
      { repeat: 0, value: 0.4 },
    ]);
    expect(e.method).toBe('t-seeds');
    expect(e.ci95![0]).toBeCloseTo(-0.146125, 5);
  });

  it('Wilson interval of 7/10 matches the published value', () => {
    const e = wilsonInterval(7, 10);
    expect(e.ci95![0]).toBeCloseTo(0.3968, 4);
    expect(e.ci95![1]).toBeCloseTo(0.8922, 4);
    expect(wilsonInterval(10, 10).ci95![1]).toBeCloseTo(1, 12);
    expect(wilsonInterval(0, 0).ci95).toBeNull();
  });

  it('direction needs the whole interval on one side', () => {
    expect(directionOf({ mean: 1, ci95: [0.1, 2], n: 3, method: 't-repeats' })).toBe('above');
    expect(directionOf({ mean: -1, ci95: [-2, -0.1], n: 3, method: 't-repeats' })).toBe('below');
    expect(directionOf({ mean: 1, ci95: [-0.1, 2], n: 3, method: 't-repeats' })).toBe('unclear');
  });
});
