import { describe, expect, it } from 'vitest';
import { mean, meanStd, std } from './stats';

describe('stats', () => {
  it('mean and sample std by hand', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sum of squares 32, sample variance 32/7.
    const xs = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(xs)).toBe(5);
    expect(std(xs)).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(meanStd(xs)).toEqual({ mean: 5, std: std(xs) });
  });

  it('std is 0 for fewer than two values; mean of nothing is 0', () => {
    expect(std([])).toBe(0);
    expect(std([0.7])).toBe(0);
    expect(mean([])).toBe(0);
    expect(meanStd([0.7])).toEqual({ mean: 0.7, std: 0 });
  });
});
