import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../math/intervals';
import { accuracy, accuracyFromConfusion, confusionMatrix, perClassAccuracy, perClassEstimates } from './confusion';

describe('confusion', () => {
  const labels = [0, 0, 0, 1, 1, 2];
  const predictions = [0, 0, 1, 1, 2, 2];

  it('counts rows = truth, columns = prediction', () => {
    expect(confusionMatrix(labels, predictions, 4)).toEqual([
      [2, 1, 0, 0],
      [0, 1, 1, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 0],
    ]);
  });

  it('accuracy and per-class accuracy (null for a class without examples)', () => {
    const m = confusionMatrix(labels, predictions, 4);
    expect(accuracyFromConfusion(m)).toBeCloseTo(4 / 6, 12);
    expect(accuracy(labels, predictions)).toBeCloseTo(4 / 6, 12);
    expect(perClassAccuracy(m)).toEqual([2 / 3, 0.5, 1, null]);
    expect(accuracy([], [])).toBe(0);
    expect(accuracyFromConfusion([])).toBe(0);
  });

  it('per-class estimates: pooled accuracy, Wilson interval of one validation set (seeds do not narrow it)', () => {
    const seed1 = [
      [8, 2],
      [0, 0],
    ];
    const seed2 = [
      [6, 4],
      [0, 0],
    ];
    const [first, second] = perClassEstimates([seed1, seed2]);
    expect(first!.mean).toBeCloseTo(0.7, 12);
    expect(first!.method).toBe('wilson');
    expect(first!.n).toBe(10);
    // Two seeds scoring the same 10 images: the interval of 7 of 10, not of 14 of 20.
    expect(first!.ci95).toEqual(wilsonInterval(7, 10).ci95);
    expect(second).toBeNull();
    const one = perClassEstimates([seed1])[0]!;
    expect(one.ci95).toEqual(wilsonInterval(8, 10).ci95);
    expect(one.ci95![0]).toBeLessThan(0.8);
    expect(one.ci95![1]).toBeGreaterThan(0.8);
    expect(perClassEstimates([])).toEqual([]);
  });

  it('rejects mismatched lengths and out-of-range classes', () => {
    expect(() => confusionMatrix([0], [0, 1], 2)).toThrow(RangeError);
    expect(() => confusionMatrix([0, 2], [0, 1], 2)).toThrow(/example 1/);
    expect(() => accuracy([0], [])).toThrow(RangeError);
  });
});
