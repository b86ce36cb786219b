import { describe, expect, it } from 'vitest';
import type { ExperimentConfig, ExperimentResult } from '../core/experiment/types';
import type { CurvePoint } from '../core/train/types';
import type { EngineEvent } from '../worker/protocol';
import { createRun, reduceRun } from './runs';

const config: ExperimentConfig = {
  schemaVersion: 1,
  backbone: 'digits-vgg',
  strategies: ['scratch', 'feature-extraction'],
  seeds: 2,
  epochs: 3,
  batchSize: 16,
  learningRate: 0.001,
  backboneLearningRateScale: 0.1,
  perClass: 10,
  validationFraction: 0.5,
  splitSeed: 1,
  augment: false,
  trainBatchNorm: false,
};

const point = (epoch: number, valAccuracy: number): CurvePoint => ({
  epoch,
  valAccuracy,
  valLoss: 1,
  trainLoss: epoch === 0 ? NaN : 1,
  seconds: epoch,
  examplesSeen: epoch * 10,
});

const fold = (events: EngineEvent[]) => events.reduce(reduceRun, createRun('r1', config, '2026-01-01T00:00:00Z'));

describe('reduceRun', () => {
  it('starts running with the run count from the config', () => {
    const run = createRun('r1', config, 'now');
    expect(run).toMatchObject({ status: 'running', runCount: 4, runsDone: 0, curves: [], result: null });
  });

  it('grows curves point by point and tracks the current run', () => {
    const run = fold([
      { type: 'experiment', runId: 'r1', event: { type: 'phase', phase: 'training', detail: 'scratch' } },
      { type: 'experiment', runId: 'r1', event: { type: 'run-start', runIndex: 0, runCount: 4, strategy: 'scratch', seed: 1 } },
      { type: 'experiment', runId: 'r1', event: { type: 'epoch', runIndex: 0, strategy: 'scratch', seed: 1, point: point(0, 0.2), epochs: 3 } },
      { type: 'experiment', runId: 'r1', event: { type: 'epoch', runIndex: 0, strategy: 'scratch', seed: 1, point: point(1, 0.4), epochs: 3 } },
    ]);
    expect(run.curves).toHaveLength(1);
    expect(run.curves[0]).toEqual({ strategy: 'scratch', seed: 1, points: [point(0, 0.2), point(1, 0.4)] });
    expect(run.current).toEqual({ runIndex: 0, strategy: 'scratch', seed: 1, epoch: 1 });
    expect(run.phase).toBe('training');
  });

  it('does not mutate the previous state (zustand compares by reference)', () => {
    const before = fold([{ type: 'experiment', runId: 'r1', event: { type: 'run-start', runIndex: 0, runCount: 4, strategy: 'scratch', seed: 1 } }]);
    const frozenPoints = before.curves[0].points;
    const after = reduceRun(before, { type: 'experiment', runId: 'r1', event: { type: 'epoch', runIndex: 0, strategy: 'scratch', seed: 1, point: point(0, 0.2), epochs: 3 } });
    expect(frozenPoints).toEqual([]);
    expect(after.curves).not.toBe(before.curves);
  });

  it('counts finished runs, records cache time, and ends with the result', () => {
    const result = { summary: [], runs: [] } as unknown as ExperimentResult;
    const run = fold([
      { type: 'experiment', runId: 'r1', event: { type: 'cache', strategy: 'feature-extraction', seconds: 0.5, examples: 100 } },
      { type: 'experiment', runId: 'r1', event: { type: 'run-end', runIndex: 0, strategy: 'scratch', seed: 1 } },
      { type: 'result', runId: 'r1', result },
    ]);
    expect(run).toMatchObject({ status: 'done', runsDone: 1, cacheSeconds: { 'feature-extraction': 0.5 }, current: null });
    expect(run.result).toBe(result);
  });

  it('ignores events of other runs and backend events', () => {
    const start = createRun('r1', config, 'now');
    expect(reduceRun(start, { type: 'result', runId: 'other', result: {} as ExperimentResult })).toBe(start);
    expect(reduceRun(start, { type: 'backend', backend: 'wasm', preference: 'auto', measurements: [], reason: '', crossOriginIsolated: true, wasmThreads: 2 })).toBe(start);
  });

  it('records errors and cancellation; a late cancel does not undo a finished run', () => {
    expect(fold([{ type: 'error', runId: 'r1', name: 'Error', message: 'model.json: not found' }])).toMatchObject({
      status: 'error',
      error: 'model.json: not found',
    });
    expect(fold([{ type: 'cancelled', runId: 'r1' }]).status).toBe('cancelled');
    const done = fold([{ type: 'result', runId: 'r1', result: {} as ExperimentResult }, { type: 'cancelled', runId: 'r1' }]);
    expect(done.status).toBe('done');
  });
});
