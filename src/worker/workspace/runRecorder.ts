/**
 * Records experiment runs in the workspace (WorkspaceDb `runs`), so a reload can show the last result again and
 * say which run was interrupted: 'running' when a run starts, its progress after every finished trial
 * (strategy × seed training), then 'done' (with the ExperimentResult), 'cancelled' or 'failed'. Writes of one run
 * are serialised;
 * a failed write is reported through `onError` and never disturbs the run itself. While a run is recorded as
 * 'running' it holds its run lock (runLocks.ts), so no other worker or tab takes it for interrupted.
 *
 * Results are stored as JSON. Curves hold NaN (the training loss at epoch 0) and fits may give ±Infinity, which
 * JSON cannot hold: `toRunJson` writes them as `{"$number": "NaN"}` and `fromRunJson` turns them back, so a
 * result round-trips exactly.
 */
import type { ExperimentEvent } from '../../core/train/types';
import type { JsonValue, RunRecord } from './schema';
import type { WorkspaceDb } from './db';
import { holdRunLock } from './runLocks';

/** Any value → JSON, non-finite numbers as `{ $number: 'NaN' | 'Infinity' | '-Infinity' }`, undefined dropped. */
export function toRunJson(value: unknown): JsonValue {
  return JSON.parse(
    JSON.stringify(value, (_key, v) => (typeof v === 'number' && !Number.isFinite(v) ? { $number: String(v) } : v)),
  );
}

/** The inverse of toRunJson. */
export function fromRunJson<T = unknown>(value: JsonValue | null | undefined): T {
  if (value === null || value === undefined) return value as T;
  return JSON.parse(JSON.stringify(value), (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && typeof v.$number === 'string'
      ? Number(v.$number)
      : v,
  ) as T;
}

/**
 * Progress stored while a run is under way (RunRecord.result of a 'running' or 'interrupted' run): trials finished
 * and trials in all. Persisted, so the fields keep their first names (`runsDone`, `runCount`); readers map them to
 * `trialsDone` / `trialCount`.
 */
export interface RunProgress {
  progress: { runsDone: number; runCount: number };
}

export interface RunStart {
  runId: string;
  config: unknown;
  datasetId: string | null;
  /** Trials (strategy × seed trainings) in the experiment. */
  trialCount: number;
}

/** The part of the engine's events a recorder reads (structurally the EngineEvent members that matter). */
export type RecordedEvent =
  | { type: 'experiment.event'; runId: string; event: { type: ExperimentEvent['type'] } }
  | { type: 'experiment.result'; runId: string; result: unknown }
  | { type: 'experiment.cancelled'; runId: string }
  | { type: 'engine.error'; runId?: string; message: string };

export function createRunRecorder(workspace: () => Promise<WorkspaceDb>, onError: (error: unknown) => void = () => {}) {
  const chains = new Map<string, Promise<void>>();
  const progress = new Map<string, RunProgress['progress']>();
  const releases = new Map<string, Promise<() => void>>();
  const enqueue = (runId: string, write: (ws: WorkspaceDb) => Promise<unknown>) => {
    const next = (chains.get(runId) ?? Promise.resolve()).then(async () => {
      try {
        await write(await workspace());
      } catch (error) {
        onError(error);
      }
    });
    chains.set(runId, next);
    return next;
  };
  const finish = (runId: string, patch: Partial<RunRecord>) => {
    if (!progress.has(runId)) return;
    progress.delete(runId);
    void enqueue(runId, (ws) => ws.updateRun(runId, patch)).then(async () => {
      chains.delete(runId);
      (await releases.get(runId))?.();
      releases.delete(runId);
    });
  };

  return {
    /** Call when a run starts (before its first event); resolves once the 'running' record is written. */
    start(run: RunStart, now = Date.now()): Promise<void> {
      const state = { runsDone: 0, runCount: run.trialCount };
      progress.set(run.runId, state);
      const lock = holdRunLock(run.runId);
      releases.set(run.runId, lock);
      return enqueue(run.runId, async (ws) => {
        await lock;
        await ws.putRun({
          id: run.runId,
          datasetId: run.datasetId,
          config: toRunJson(run.config),
          status: 'running',
          result: toRunJson({ progress: state }),
          startedAt: now,
          updatedAt: now,
        });
      });
    },
    /** Feed every engine event; only events of started runs are recorded. */
    observe(event: RecordedEvent): void {
      if (event.runId === undefined || !progress.has(event.runId)) return;
      const runId = event.runId;
      switch (event.type) {
        case 'experiment.event': {
          if (event.event.type !== 'trial.end') return;
          const state = progress.get(runId)!;
          state.runsDone += 1;
          const snapshot = { ...state };
          void enqueue(runId, (ws) => ws.updateRun(runId, { result: toRunJson({ progress: snapshot }) }));
          return;
        }
        case 'experiment.result':
          finish(runId, { status: 'done', result: toRunJson(event.result) });
          return;
        case 'experiment.cancelled':
          finish(runId, { status: 'cancelled' });
          return;
        case 'engine.error':
          finish(runId, { status: 'failed', error: event.message });
          return;
      }
    },
    /** Resolves when every write queued so far has been attempted (tests). */
    async settled(): Promise<void> {
      await Promise.all([...chains.values()]);
    },
  };
}
