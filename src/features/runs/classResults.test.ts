import { describe, expect, it } from 'vitest';
import type { ExperimentResult, TrialResult } from '../../core/experiment/types';
import { wilsonInterval } from '../../core/math/intervals';
import { bestStrategy, misclassifiedIds, perClassByStrategy, trialOf } from './classResults';

const trial = (
  strategy: TrialResult['strategy'],
  seed: number,
  confusion: number[][],
  misclassified: TrialResult['misclassified'] = [],
): TrialResult =>
  ({ strategy, seed, confusion, misclassified, curve: [], cacheSeconds: 0, metrics: {} }) as unknown as TrialResult;
const summary = (strategy: string, auc: number) => ({ strategy, metrics: { auc: { mean: auc, std: 0 } } });
const result = {
  config: { strategies: ['scratch', 'feature-extraction'] },
  dataset: { classNames: ['a', 'b'], trainCount: 4, validationCount: 4 },
  runs: [
    trial(
      'scratch',
      1,
      [
        [2, 0],
        [1, 1],
      ],
      [{ id: 'x', label: 1, predicted: 0 }],
    ),
    trial(
      'scratch',
      2,
      [
        [1, 1],
        [0, 2],
      ],
      [{ id: 'y', label: 0, predicted: 1 }],
    ),
    trial('feature-extraction', 1, [
      [2, 0],
      [0, 0],
    ]),
  ],
  summary: [summary('scratch', 0.6), summary('feature-extraction', 0.9)],
} as unknown as ExperimentResult;

describe('per-class results', () => {
  it('pools each class’s accuracy over seeds with a Wilson interval, null for a class without images', () => {
    const rows = perClassByStrategy(result);
    expect(rows.map((r) => r.strategy)).toEqual(['scratch', 'feature-extraction']);
    expect(rows[0].accuracies.map((a) => a?.mean)).toEqual([0.75, 0.75]);
    // Two seeds on the same 2 images per class: the interval of 1.5 of 2, never of 3 of 4.
    expect(rows[0].accuracies[0]).toMatchObject({ method: 'wilson', n: 2 });
    expect(rows[0].accuracies[0]!.ci95).toEqual(wilsonInterval(1.5, 2).ci95);
    expect(rows[1].accuracies[0]!.mean).toBe(1);
    expect(rows[1].accuracies[1]).toBeNull();
  });

  it('finds trials, the best strategy by AUC and the ids of one confusion cell', () => {
    expect(trialOf(result, 'scratch', 2)?.confusion).toEqual([
      [1, 1],
      [0, 2],
    ]);
    expect(bestStrategy(result)).toBe('feature-extraction');
    expect(misclassifiedIds(trialOf(result, 'scratch', 1)!, 1, 0)).toEqual(['x']);
    expect(misclassifiedIds(trialOf(result, 'scratch', 1)!, 0, 1)).toEqual([]);
  });
});
