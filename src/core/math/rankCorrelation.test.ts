import { describe, expect, it } from 'vitest';
import { kendallTau, weightedTau } from './rankCorrelation';
import reference from '../transferability/reference.json';

describe('rank correlations', () => {
  it('agree with scipy.stats.kendalltau / weightedtau, ties included (scripts/reference/transferability.py)', () => {
    const { x, y } = reference.rank;
    expect(kendallTau(x, y)).toBeCloseTo(reference.rank.kendall, 12);
    expect(weightedTau(x, y)).toBeCloseTo(reference.rank.weighted, 12);
    expect(weightedTau([1, 2, 3, 4, 5, 6], [2, 1, 4, 3, 6, 5])).toBeCloseTo(reference.rank.weightedNoTies, 12);
  });

  it('are 1 for the same order and −1 for the reverse', () => {
    expect(kendallTau([1, 2, 3, 4], [10, 20, 30, 40])).toBe(1);
    expect(kendallTau([1, 2, 3, 4], [4, 3, 2, 1])).toBe(-1);
    expect(weightedTau([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1, 12);
    expect(weightedTau([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
  });

  it('weighted τ punishes a swap at the top more than one at the bottom', () => {
    const truth = [5, 4, 3, 2, 1];
    expect(weightedTau([4, 5, 3, 2, 1], truth)).toBeLessThan(weightedTau([5, 4, 3, 1, 2], truth));
    expect(kendallTau([4, 5, 3, 2, 1], truth)).toBe(kendallTau([5, 4, 3, 1, 2], truth));
  });

  it('is NaN for a constant variable and rejects unequal lengths', () => {
    expect(kendallTau([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(() => kendallTau([1], [1, 2])).toThrow(RangeError);
  });
});
