import { describe, expect, it } from 'vitest';
import { accuracy, accuracyFromConfusion, confusionMatrix, perClassAccuracy } from './confusion';

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

  it('rejects mismatched lengths and out-of-range classes', () => {
    expect(() => confusionMatrix([0], [0, 1], 2)).toThrow(RangeError);
    expect(() => confusionMatrix([0, 2], [0, 1], 2)).toThrow(/example 1/);
    expect(() => accuracy([0], [])).toThrow(RangeError);
  });
});
