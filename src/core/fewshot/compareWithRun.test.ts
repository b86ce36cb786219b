import { describe, expect, it } from 'vitest';
import type { ExperimentResult, TrialResult } from '../experiment/types';
import { compareWithRun, trainedHeadScore } from './compareWithRun';

/** A result with one feature-extraction trial whose confusion and misclassified ids are given. */
function resultWith(confusion: number[][], misclassified: TrialResult['misclassified']): ExperimentResult {
  const trial = { strategy: 'feature-extraction', repeat: 0, seed: 1, confusion, misclassified } as TrialResult;
  const scratch = {
    ...trial,
    strategy: 'scratch',
    confusion: [
      [0, 2],
      [2, 0],
    ],
  } as TrialResult;
  return { runs: [scratch, trial] } as unknown as ExperimentResult;
}

const v = (...values: number[]) => Float32Array.from(values);
// Class 0 near (1, 0), class 1 near (0, 1); example 5 (class 1) sits on class 0's side.
const examples = {
  vectors: [v(1, 0), v(0, 1), v(0.9, 0.1), v(0.1, 0.9), v(1, 0.2), v(0.8, 0.1)],
  labels: [0, 1, 0, 1, 0, 1],
  ids: ['a', 'b', 'c', 'd', 'e', 'f'],
};
const split = { train: [0, 1, 2, 3], validation: [4, 5] };

describe('compareWithRun', () => {
  it('scores the trained head from its confusion matrix, feature extraction first', () => {
    const score = trainedHeadScore(
      resultWith(
        [
          [1, 0],
          [0, 1],
        ],
        [],
      ),
    );
    expect(score.strategy).toBe('feature-extraction');
    expect(score.correct).toBe(2);
    expect(score.accuracy.n).toBe(2);
    expect(score.accuracy.ci95).not.toBeNull();
  });

  it('scores prototypes and kNN on the same held-out images, paired with the trained head', () => {
    // The trained head got 'e' wrong and 'f' right; the instant methods get 'e' right and 'f' wrong.
    const comparison = compareWithRun(
      resultWith(
        [
          [0, 1],
          [0, 1],
        ],
        [{ id: 'e', label: 0, predicted: 1 }],
      ),
      examples,
      split,
    );
    expect(comparison.heldOutCount).toBe(2);
    expect(comparison.trainCount).toBe(4);
    for (const row of comparison.instant) {
      expect(row.correct).toBe(1);
      expect(row.onlyInstant).toBe(1);
      expect(row.onlyTrained).toBe(1);
      expect(row.better).toBe('none');
      expect(row.accuracy.method).toBe('wilson');
    }
    expect(comparison.instant.map((r) => r.method)).toEqual(['prototype-cosine', 'knn']);
  });

  it('refuses a split that is not the one the run scored, or one with nothing held out', () => {
    const result = resultWith(
      [
        [1, 0],
        [0, 1],
      ],
      [],
    );
    expect(() => compareWithRun(result, examples, { train: [0, 1, 2, 3, 4], validation: [5] })).toThrow(/not the same/);
    expect(() => compareWithRun(result, examples, { train: [0, 1, 2, 3, 4, 5], validation: [] })).toThrow(
      /held out no/,
    );
  });
});
