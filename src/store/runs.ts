/**
 * The state of the current experiment run and how worker events change it: a pure reducer, so the store just
 * folds batches of events through it (and tests can too). Plain data only.
 */
import type { ExperimentConfig, ExperimentResult } from '../core/experiment/types';
import type { CurvePoint, ExperimentEvent, StrategyId } from '../core/train/types';
import type { EngineEvent } from '../worker/protocol';

export type RunStatus = 'running' | 'done' | 'cancelled' | 'error';
export type Phase = Extract<ExperimentEvent, { type: 'phase' }>['phase'];

/** One (strategy, seed) training run's curve so far; index = the experiment's runIndex. */
export interface CurveRecord {
  strategy: StrategyId;
  seed: number;
  points: CurvePoint[];
}

export interface RunState {
  runId: string;
  status: RunStatus;
  config: ExperimentConfig;
  /** ISO time the studio asked for the run. */
  requestedAt: string;
  phase: Phase | null;
  phaseDetail: string | null;
  /** Download / decode progress of inputs; null when none is under way. */
  progress: { stage: 'model' | 'samples'; loaded: number; total: number } | null;
  /** Strategy × seed runs: how many in total, how many finished, which one is training. */
  runCount: number;
  runsDone: number;
  current: { runIndex: number; strategy: StrategyId; seed: number; epoch: number } | null;
  curves: CurveRecord[];
  /** One-off caching per strategy, seconds (the worker reports it as it happens). */
  cacheSeconds: Partial<Record<StrategyId, number>>;
  result: ExperimentResult | null;
  error: string | null;
}

export function createRun(runId: string, config: ExperimentConfig, requestedAt: string): RunState {
  return {
    runId,
    status: 'running',
    config,
    requestedAt,
    phase: null,
    phaseDetail: null,
    progress: null,
    runCount: config.strategies.length * config.seeds,
    runsDone: 0,
    current: null,
    curves: [],
    cacheSeconds: {},
    result: null,
    error: null,
  };
}

/** Applies one engine event to the run it belongs to; events of other runs (or none) leave it unchanged. */
export function reduceRun(run: RunState, event: EngineEvent): RunState {
  // Only run events carry a runId (backend, backbone and dataset events do not).
  if (!('runId' in event) || event.runId !== run.runId) return run;
  switch (event.type) {
    case 'progress':
      return { ...run, progress: { stage: event.stage, loaded: event.loaded, total: event.total } };
    case 'experiment':
      return reduceExperimentEvent(run, event.event);
    case 'result':
      return { ...run, status: 'done', result: event.result, phase: 'done', current: null, progress: null };
    case 'cancelled':
      return run.status === 'running' ? { ...run, status: 'cancelled', current: null, progress: null } : run;
    case 'error':
      return { ...run, status: 'error', error: event.message, current: null, progress: null };
    default:
      return assertNever(event);
  }
}

function reduceExperimentEvent(run: RunState, event: ExperimentEvent): RunState {
  switch (event.type) {
    case 'phase':
      return { ...run, phase: event.phase, phaseDetail: event.detail ?? null, progress: event.phase === 'training' ? null : run.progress };
    case 'run-start': {
      const curves = run.curves.slice();
      curves[event.runIndex] = { strategy: event.strategy, seed: event.seed, points: [] };
      return {
        ...run,
        runCount: event.runCount,
        current: { runIndex: event.runIndex, strategy: event.strategy, seed: event.seed, epoch: 0 },
        curves,
      };
    }
    case 'epoch': {
      const curves = run.curves.slice();
      const previous = curves[event.runIndex] ?? { strategy: event.strategy, seed: event.seed, points: [] };
      curves[event.runIndex] = { ...previous, points: [...previous.points, event.point] };
      const current = { runIndex: event.runIndex, strategy: event.strategy, seed: event.seed, epoch: event.point.epoch };
      return { ...run, curves, current };
    }
    case 'cache':
      return { ...run, cacheSeconds: { ...run.cacheSeconds, [event.strategy]: event.seconds } };
    case 'run-end':
      return { ...run, runsDone: run.runsDone + 1 };
    default:
      return assertNever(event);
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled event ${JSON.stringify(value)}`);
}
