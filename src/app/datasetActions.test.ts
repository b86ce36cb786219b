import { describe, expect, it } from 'vitest';
import type { ExperimentResult } from '../core/experiment/types';
import { restoreRun } from './datasetActions';

describe('restoreRun', () => {
  it('rebuilds a finished run (curves, counts, result) from its stored record', () => {
    const point = { epoch: 0, valAccuracy: 0.5, valLoss: 1, trainLoss: NaN, seconds: 0, examplesSeen: 0 };
    const result = {
      schemaVersion: 2,
      split: null,
      config: { strategies: ['scratch'], seeds: 1, epochs: 1 },
      runs: [{ strategy: 'scratch', seed: 1, curve: [point], cacheSeconds: 0 }],
      summary: [],
      dataset: { name: 'd', classNames: ['a', 'b'], trainCount: 2, validationCount: 2 },
    } as unknown as ExperimentResult;
    const run = restoreRun({ id: 'r1', config: result.config, result, startedAt: 0 });
    expect(run).toMatchObject({
      runId: 'r1',
      status: 'done',
      trialCount: 1,
      trialsDone: 1,
      result,
      curves: [{ strategy: 'scratch', seed: 1, points: [point] }],
    });
    expect(
      restoreRun({ id: 'r2', config: {}, result: { progress: { runsDone: 1, runCount: 4 } }, startedAt: 0 }),
    ).toBeNull();
  });
});
