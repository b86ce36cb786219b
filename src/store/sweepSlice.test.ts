import { describe, expect, it } from 'vitest';
import type { SweepResult } from '../core/sweep/types';
import { create } from 'zustand';
import { summarizeCurve } from '../core/metrics/learningCurve';
import {
  createSweepSlice,
  initialSweeps,
  reduceSweep,
  sweepSecondsLeft,
  type SweepSlice,
  type SweepState,
} from './sweepSlice';
import type { SweepEngineEvent } from '../worker/protocol/sweep';

const estimate = (mean: number) => ({
  mean,
  ci95: [mean - 0.1, mean + 0.1] as [number, number],
  n: 2,
  method: 't-repeats' as const,
});
const metrics = {
  start: estimate(0.5),
  slope: estimate(0.1),
  plateau: estimate(0.8),
  asymptote: { ...estimate(0.8), reached: true, reachedBy: 2, trials: 2, lowerBound: estimate(0.8) },
  auc: estimate(0.7),
};
const config = {
  schemaVersion: 1 as const,
  backbone: 'digits-vgg',
  depths: [0],
  scratch: true,
  perClass: [10],
  seeds: 1,
  repeats: 2,
  epochs: 2,
  batchSize: 16,
  learningRate: 0.001,
  backboneLearningRateScale: 0.1,
  validationFraction: 0.5,
  splitSeed: 1,
  trainBatchNorm: false,
  series: [{ id: 'transfer', upper: 'pretrained' as const }],
};

function started(): SweepState {
  const state = initialSweeps();
  return {
    ...state,
    current: {
      id: 's1',
      preset: 'depth',
      config,
      startedAt: new Date(0).toISOString(),
      startedMs: 0,
      status: 'running',
      cells: [],
      trialCount: 0,
      epochs: 2,
      epochsDone: 0,
      trialsDone: 0,
      trials: [],
      live: [],
      metrics: [],
      result: null,
      error: null,
      endedMs: null,
    },
  };
}

const point = (epoch: number) => ({
  epoch,
  valAccuracy: 0.5,
  valLoss: 1,
  trainLoss: 1,
  seconds: epoch,
  examplesSeen: 0,
});
const wrap = (event: Extract<SweepEngineEvent, { type: 'sweep.event' }>['event']): SweepEngineEvent => ({
  type: 'sweep.event',
  sweepId: 's1',
  event,
});

describe('reduceSweep', () => {
  it('folds the plan, epochs, trials and cells of the current sweep, and the time left from the pace', () => {
    let state = started();
    const key = { strategy: 'feature-extraction', series: 'transfer', depth: 0, perClass: 10 };
    state = reduceSweep(state, wrap({ type: 'sweep.planned', cells: [key], trialCount: 2, epochs: 2 }), 0);
    state = reduceSweep(
      state,
      wrap({ type: 'trial.start', cell: 0, trialIndex: 0, trialCount: 2, repeat: 1, seed: 1 }),
      0,
    );
    for (const epoch of [0, 1])
      state = reduceSweep(
        state,
        wrap({ type: 'trial.epoch', cell: 0, trialIndex: 0, point: point(epoch), epochs: 2 }),
        0,
      );
    expect(state.current!.live[0]!.curve).toHaveLength(2);
    expect(state.current!.epochsDone).toBe(1);
    // 1 of 4 epochs in 10 s: 30 s left.
    expect(sweepSecondsLeft(state.current!, 10_000)).toBeCloseTo(30, 6);
    const trial = {
      repeat: 0,
      seed: 1,
      curve: [point(0), point(1), point(2)],
      metrics: summarizeCurve([point(0), point(1), point(2)]),
    };
    state = reduceSweep(state, wrap({ type: 'trial.end', cell: 0, trialIndex: 0, trial }), 0);
    state = reduceSweep(state, wrap({ type: 'cell.end', cell: 0, metrics }), 0);
    expect(state.current!.live[0]).toBeNull();
    expect(state.current!.trials[0]).toEqual([trial]);
    expect(state.current!.metrics[0]).toEqual(metrics);
    // Another sweep's events are ignored.
    expect(reduceSweep(state, { type: 'sweep.cancelled', sweepId: 'other' }, 0)).toBe(state);
    state = reduceSweep(state, { type: 'sweep.cancelled', sweepId: 's1' }, 5);
    expect(state.current).toMatchObject({ status: 'cancelled', endedMs: 5 });
  });

  it('lists stored sweeps as history, keeping the shown one out', () => {
    const result = {
      schemaVersion: 1,
      kind: 'sweep',
      config,
      cells: [{ strategy: 'scratch', perClass: 10, trials: [], metrics, gain: null, negativeTransfer: false }],
      cache: { trials: 2 },
      seconds: 3,
    } as unknown as SweepResult;
    const state = reduceSweep(
      started(),
      {
        type: 'sweep.listed',
        sweeps: [
          { id: 's1', label: 'depth', startedAt: 1, result },
          { id: 's0', label: 'selffer', startedAt: 0, result },
          { id: 'x', label: 'sweep.json', startedAt: 0, result },
        ],
      },
      0,
    );
    // An imported sweep.json (labelled with its file name) is read as the preset its grid matches.
    expect(state.history.map((r) => [r.id, r.preset, r.status])).toEqual([
      ['s0', 'selffer', 'done'],
      ['x', 'depth', 'done'],
    ]);
    expect(state.history[0].metrics).toEqual([metrics]);
  });

  it('shows a stored sweep after a reload (nothing shown yet)', () => {
    const store = create<SweepSlice>()((...a) => createSweepSlice(...a));
    const stored = reduceSweep(started(), { type: 'sweep.listed', sweeps: [] }, 0).current!;
    store.setState({ sweeps: { ...initialSweeps(), history: [{ ...stored, status: 'done' }] } });
    store.getState().showSweep('s1');
    expect(store.getState().sweeps.current?.id).toBe('s1');
    expect(store.getState().sweeps.history).toEqual([]);
  });
});
