import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accuracyResolution, directionOf, repeatInterval, tInterval, tQuantile975, wilsonInterval } from './intervals';

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

  // The zero-width hole (issue #12): two repeats that each gained 3 of 150 validation images gave +0.020 [+0.020,
  // +0.020], read as "excludes zero". Floored at one image, 1/150: 0.02 ± 12.706 · (1/150) / √2 = ± 0.0599
  // (numpy: 0.02 + np.array([-1, 1]) * scipy.stats.t.ppf(0.975, 1) * (1/150) / np.sqrt(2) → [-0.039898, 0.079898]).
  it('identical values on a grid get the grid step as their spread, not a zero-width interval', () => {
    const resolution = accuracyResolution(150);
    const e = repeatInterval(
      [
        { repeat: 0, value: 0.02 },
        { repeat: 1, value: 0.02 },
      ],
      resolution,
    );
    expect(e.ci95![0]).toBeCloseTo(-0.039898, 5);
    expect(e.ci95![1]).toBeCloseTo(0.079898, 5);
    expect(directionOf(e)).toBe('unclear');
    // Without a resolution (continuous values) the old behaviour stays: nothing to floor at.
    expect(tInterval([0.02, 0.02]).ci95).toEqual([0.02, 0.02]);
    // Three equal values: 4.303 · (1/150) / √3 = 0.016561 either side (scipy).
    expect(tInterval([0.02, 0.02, 0.02], 't-repeats', resolution).ci95![1]).toBeCloseTo(0.036561, 5);
    expect(accuracyResolution(0)).toBe(0);
    expect(() => tInterval([1, 2], 't-seeds', -1)).toThrow(RangeError);
  });

  it('the floor changes nothing when the observed spread is at least one step', () => {
    expect(tInterval([0.1, 0.2, 0.4], 't-seeds', 0.01)).toEqual(tInterval([0.1, 0.2, 0.4]));
  });

  // Property (docs/guarantees.md): with a resolution h > 0, no interval from two or more values is narrower than
  // 2·t(0.975, n − 1)·h/√n, so agreeing values can never make a zero-width interval that "excludes zero"; and the
  // interval always contains the mean and is at least as wide as the unfloored one.
  it('with a resolution, every interval has at least the width of one grid step', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 2, maxLength: 8 }),
        fc.integer({ min: 10, max: 1000 }),
        (counts, images) => {
          const h = accuracyResolution(images);
          const values = counts.map((k) => k / images);
          const floored = tInterval(values, 't-repeats', h);
          const plain = tInterval(values, 't-repeats');
          const n = values.length;
          const minHalf = (tQuantile975(n - 1) * h) / Math.sqrt(n);
          const [low, high] = floored.ci95!;
          expect(high - floored.mean).toBeGreaterThanOrEqual(minHalf * (1 - 1e-9));
          expect(floored.mean - low).toBeGreaterThanOrEqual(minHalf * (1 - 1e-9));
          expect(high - low).toBeGreaterThanOrEqual(plain.ci95![1] - plain.ci95![0] - 1e-12);
          // A direction only when the mean is further from zero than the floored half-width.
          if (directionOf(floored) !== 'unclear') expect(Math.abs(floored.mean)).toBeGreaterThan(minHalf * (1 - 1e-9));
        },
      ),
    );
  });
});
