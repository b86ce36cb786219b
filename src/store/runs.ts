/**
 * The state of the current experiment run and how worker events change it: a pure reducer, so the store just
 * folds batches of events through it (and tests can too). Plain data only.
 */
import type { ExperimentConfig, ExperimentResult } from '../core/experiment/types';
import type { CurvePoint, ExperimentEvent, StrategyId } from '../core/train/types';
import type { EngineEvent } from '../worker/protocol/engine';

export type RunStatus = 'running' | 'done' | 'cancelled' | 'error';
export type Phase = Extract<ExperimentEvent, { type: 'experiment.phase' }>['phase'];

/** One trial's (strategy, seed) curve so far; index = the experiment's trialIndex. */
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
  /** Classes of the dataset the run started on (chance accuracy is 1 / classCount); null when unknown. */
  classCount: number | null;
  phase: Phase | null;
  phaseDetail: string | null;
  /** Download / decode progress of inputs; null when none is under way. */
  progress: { stage: 'model' | 'samples'; loaded: number; total: number } | null;
  /** Trials (strategy × seed trainings) of this run: how many in total, how many finished, which one is training. */
  trialCount: number;
  trialsDone: number;
  current: { trialIndex: number; strategy: StrategyId; seed: number; epoch: number } | null;
  curves: CurveRecord[];
  /** One-off caching per strategy, seconds (the worker reports it as it happens). */
  cacheSeconds: Partial<Record<StrategyId, number>>;
  result: ExperimentResult | null;
  error: string | null;
  /**
   * A resumed run: finished trials its stored record held (`found`), trials kept so far (`kept`: replayed, not
   * trained; core keeps only those that fit the config), and why none were found; null for a run started afresh.
   */
  resumed: { found: number; kept: number; reason: 'kept' | 'none-finished' | 'dataset-changed' } | null;
  /** The stored dataset it runs on, when it is not the studio's selected one (a resumed or rerun run); else absent. */
  dataset?: { id: string | null; name: string | null };
}

export function createRun(
  runId: string,
  config: ExperimentConfig,
  requestedAt: string,
  classCount: number | null = null,
): RunState {
  return {
    runId,
    status: 'running',
    config,
    requestedAt,
    classCount,
    phase: null,
    phaseDetail: null,
    progress: null,
    trialCount: config.strategies.length * config.seeds * (config.repeats ?? 1),
    trialsDone: 0,
    current: null,
    curves: [],
    cacheSeconds: {},
    result: null,
    error: null,
    resumed: null,
  };
}

/** Applies one engine event to the run it belongs to; events of other runs (or none) leave it unchanged. */
export function reduceRun(run: RunState, event: EngineEvent): RunState {
  // Only run events carry a runId (backend, backbone and dataset events do not).
  if (!('runId' in event) || event.runId !== run.runId) return run;
  switch (event.type) {
    case 'experiment.progress':
      return { ...run, progress: { stage: event.stage, loaded: event.loaded, total: event.total } };
    case 'experiment.event':
      return reduceExperimentEvent(run, event.event);
    case 'experiment.resumed':
      return { ...run, resumed: { found: event.kept, kept: 0, reason: event.reason } };
    case 'experiment.result':
      return { ...run, status: 'done', result: event.result, phase: 'done', current: null, progress: null };
    case 'experiment.cancelled':
      return run.status === 'running' ? { ...run, status: 'cancelled', current: null, progress: null } : run;
    case 'engine.error':
      return { ...run, status: 'error', error: event.message, current: null, progress: null };
    default:
      return assertNever(event);
  }
}

function reduceExperimentEvent(run: RunState, event: ExperimentEvent): RunState {
  switch (event.type) {
    case 'experiment.phase':
      return {
        ...run,
        phase: event.phase,
        phaseDetail: event.detail ?? null,
        progress: event.phase === 'training' ? null : run.progress,
      };
    case 'trial.start': {
      const curves = run.curves.slice();
      curves[event.trialIndex] = { strategy: event.strategy, seed: event.seed, points: [] };
      return {
        ...run,
        ...(event.kept && run.resumed ? { resumed: { ...run.resumed, kept: run.resumed.kept + 1 } } : {}),
        trialCount: event.trialCount,
        current: { trialIndex: event.trialIndex, strategy: event.strategy, seed: event.seed, epoch: 0 },
        curves,
      };
    }
    case 'trial.epoch': {
      const curves = run.curves.slice();
      const previous = curves[event.trialIndex] ?? { strategy: event.strategy, seed: event.seed, points: [] };
      curves[event.trialIndex] = { ...previous, points: [...previous.points, event.point] };
      const current = {
        trialIndex: event.trialIndex,
        strategy: event.strategy,
        seed: event.seed,
        epoch: event.point.epoch,
      };
      return { ...run, curves, current };
    }
    case 'strategy.cached':
      return { ...run, cacheSeconds: { ...run.cacheSeconds, [event.strategy]: event.seconds } };
    case 'trial.end':
      return { ...run, trialsDone: run.trialsDone + 1 };
    default:
      return assertNever(event);
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled event ${JSON.stringify(value)}`);
}
