import { describe, expect, it } from 'vitest';
import type { ExperimentConfig, ExperimentResult } from '../core/experiment/types';
import type { CurvePoint } from '../core/train/types';
import type { EngineEvent } from '../worker/protocol/engine';
import { createRun, reduceRun } from './runs';
import { backendSelected } from '../testing/engineEvents';

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
  it('a resumed run counts the trainings it kept (replayed, marked kept) apart from those it trains', () => {
    const start = (trialIndex: number, kept?: true): EngineEvent => ({
      type: 'experiment.event',
      runId: 'r1',
      event: { type: 'trial.start', trialIndex, trialCount: 4, strategy: 'scratch', seed: trialIndex + 1, kept },
    });
    const run = fold([
      { type: 'experiment.resumed', runId: 'r1', kept: 2, reason: 'kept' },
      start(0, true),
      start(1, true),
      start(2),
    ]);
    expect(run.resumed).toEqual({ found: 2, kept: 2, reason: 'kept' });
    expect(fold([start(0)]).resumed).toBeNull();
  });

  it('starts running with the trial count from the config', () => {
    const run = createRun('r1', config, 'now');
    expect(run).toMatchObject({ status: 'running', trialCount: 4, trialsDone: 0, curves: [], result: null });
  });

  it('grows curves point by point and tracks the current trial', () => {
    const run = fold([
      {
        type: 'experiment.event',
        runId: 'r1',
        event: { type: 'experiment.phase', phase: 'training', detail: 'scratch' },
      },
      {
        type: 'experiment.event',
        runId: 'r1',
        event: { type: 'trial.start', trialIndex: 0, trialCount: 4, strategy: 'scratch', seed: 1 },
      },
      {
        type: 'experiment.event',
        runId: 'r1',
        event: { type: 'trial.epoch', trialIndex: 0, strategy: 'scratch', seed: 1, point: point(0, 0.2), epochs: 3 },
      },
      {
        type: 'experiment.event',
        runId: 'r1',
        event: { type: 'trial.epoch', trialIndex: 0, strategy: 'scratch', seed: 1, point: point(1, 0.4), epochs: 3 },
      },
    ]);
    expect(run.curves).toHaveLength(1);
    expect(run.curves[0]).toEqual({ strategy: 'scratch', seed: 1, points: [point(0, 0.2), point(1, 0.4)] });
    expect(run.current).toEqual({ trialIndex: 0, strategy: 'scratch', seed: 1, epoch: 1 });
    expect(run.phase).toBe('training');
  });

  it('does not mutate the previous state (zustand compares by reference)', () => {
    const before = fold([
      {
        type: 'experiment.event',
        runId: 'r1',
        event: { type: 'trial.start', trialIndex: 0, trialCount: 4, strategy: 'scratch', seed: 1 },
      },
    ]);
    const frozenPoints = before.curves[0].points;
    const after = reduceRun(before, {
      type: 'experiment.event',
      runId: 'r1',
      event: { type: 'trial.epoch', trialIndex: 0, strategy: 'scratch', seed: 1, point: point(0, 0.2), epochs: 3 },
    });
    expect(frozenPoints).toEqual([]);
    expect(after.curves).not.toBe(before.curves);
  });

  it('counts finished trials, records cache time, and ends with the result', () => {
    const result = { summary: [], runs: [] } as unknown as ExperimentResult;
    const run = fold([
      {
        type: 'experiment.event',
        runId: 'r1',
        event: { type: 'strategy.cached', strategy: 'feature-extraction', seconds: 0.5, examples: 100 },
      },
      {
        type: 'experiment.event',
        runId: 'r1',
        event: { type: 'trial.end', trialIndex: 0, strategy: 'scratch', seed: 1 },
      },
      { type: 'experiment.result', runId: 'r1', result },
    ]);
    expect(run).toMatchObject({
      status: 'done',
      trialsDone: 1,
      cacheSeconds: { 'feature-extraction': 0.5 },
      current: null,
    });
    expect(run.result).toBe(result);
  });

  it('ignores events of other runs and backend events', () => {
    const start = createRun('r1', config, 'now');
    expect(reduceRun(start, { type: 'experiment.result', runId: 'other', result: {} as ExperimentResult })).toBe(start);
    expect(reduceRun(start, backendSelected())).toBe(start);
  });

  it('records errors and cancellation; a late cancel does not undo a finished run', () => {
    expect(
      fold([{ type: 'engine.error', runId: 'r1', name: 'Error', message: 'model.json: not found' }]),
    ).toMatchObject({
      status: 'error',
      error: 'model.json: not found',
    });
    expect(fold([{ type: 'experiment.cancelled', runId: 'r1' }]).status).toBe('cancelled');
    const done = fold([
      { type: 'experiment.result', runId: 'r1', result: {} as ExperimentResult },
      { type: 'experiment.cancelled', runId: 'r1' },
    ]);
    expect(done.status).toBe('done');
  });
});
