import { describe, expect, it } from 'vitest';
import type { ExperimentResult, RunResult } from '../../core/experiment/types';
import { bestStrategy, misclassifiedIds, perClassByStrategy, runOf } from './classResults';

const run = (strategy: RunResult['strategy'], seed: number, confusion: number[][], misclassified: RunResult['misclassified'] = []): RunResult =>
  ({ strategy, seed, confusion, misclassified, curve: [], cacheSeconds: 0, metrics: {} }) as unknown as RunResult;
const summary = (strategy: string, auc: number) => ({ strategy, metrics: { auc: { mean: auc, std: 0 } } });
const result = {
  config: { strategies: ['scratch', 'feature-extraction'] },
  dataset: { classNames: ['a', 'b'], trainCount: 4, validationCount: 4 },
  runs: [
    run('scratch', 1, [[2, 0], [1, 1]], [{ id: 'x', label: 1, predicted: 0 }]),
    run('scratch', 2, [[1, 1], [0, 2]], [{ id: 'y', label: 0, predicted: 1 }]),
    run('feature-extraction', 1, [[2, 0], [0, 0]]),
  ],
  summary: [summary('scratch', 0.6), summary('feature-extraction', 0.9)],
} as unknown as ExperimentResult;

describe('per-class results', () => {
  it('averages each class’s accuracy over seeds, null for a class without images', () => {
    expect(perClassByStrategy(result)).toEqual([
      { strategy: 'scratch', accuracies: [0.75, 0.75] },
      { strategy: 'feature-extraction', accuracies: [1, null] },
    ]);
  });

  it('finds runs, the best strategy by AUC and the ids of one confusion cell', () => {
    expect(runOf(result, 'scratch', 2)?.confusion).toEqual([[1, 1], [0, 2]]);
    expect(bestStrategy(result)).toBe('feature-extraction');
    expect(misclassifiedIds(runOf(result, 'scratch', 1)!, 1, 0)).toEqual(['x']);
    expect(misclassifiedIds(runOf(result, 'scratch', 1)!, 0, 1)).toEqual([]);
  });
});
