/**
 * Records experiment runs in the workspace (WorkspaceDb `runs`), so a reload can show the last result again and
 * say which run was interrupted: 'running' when a run starts, its progress after every finished trial
 * (strategy × seed training) and every finished epoch's curve point (so an interrupted run keeps its curves), then 'done' (with the ExperimentResult), 'cancelled' or 'failed'. Writes of one run
 * are serialised;
 * a failed write is reported through `onError` and never disturbs the run itself. While a run is recorded as
 * 'running' it holds its run lock (runLocks.ts), so no other worker or tab takes it for interrupted.
 *
 * Results are stored as JSON. Curves hold NaN (the training loss at epoch 0) and fits may give ±Infinity, which
 * JSON cannot hold: `toRunJson` writes them as `{"$number": "NaN"}` and `fromRunJson` turns them back, so a
 * result round-trips exactly.
 */
import type { FinishedTrial } from '../../core/experiment/runExperiment';
import type { CurvePoint, ExperimentEvent, StrategyId, TrialEndOutcome } from '../../core/train/types';
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
  /** Every trial's curve so far (epoch 0 first), in the order the trials started; absent in older records. */
  curves?: PartialCurve[];
  /** Classes of the dataset, once it is read (chance accuracy is 1 / classCount); absent before and in older records. */
  classCount?: number;
  /** The dataset's fingerprint once it is read (core datasetFingerprint; a resume checks it); absent in older records. */
  fingerprint?: string;
}

/** One trial's curve points stored while its run is under way. */
export interface PartialCurve {
  strategy: StrategyId;
  seed: number;
  repeat: number;
  points: CurvePoint[];
  /** Set when the trial finished (trial.end): what a resumed run needs to keep it (FinishedTrial). */
  outcome?: TrialEndOutcome;
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
  | {
      type: 'experiment.event';
      runId: string;
      event:
        | { type: Exclude<ExperimentEvent['type'], 'trial.epoch'> }
        | Extract<ExperimentEvent, { type: 'trial.epoch' | 'trial.end' }>;
    }
  | { type: 'experiment.result'; runId: string; result: unknown }
  | { type: 'experiment.cancelled'; runId: string }
  | { type: 'engine.error'; runId?: string; message: string };

/** The class count a not-done run's stored progress carries, or null (not read yet, or an older record). */
export function classCountOf(payload: unknown): number | null {
  const count = payload && typeof payload === 'object' ? (payload as Partial<RunProgress>).classCount : undefined;
  return typeof count === 'number' && Number.isInteger(count) && count >= 2 ? count : null;
}

/**
 * The trials a not-done run finished, with their outcomes, as runExperiment's `finished` takes them to resume the run
 * (it checks each against the config and trains any that does not fit). Older records (no outcome) give none.
 */
export function finishedTrialsOf(payload: unknown): FinishedTrial[] {
  const curves = payload && typeof payload === 'object' ? (payload as Partial<RunProgress>).curves : undefined;
  if (!Array.isArray(curves)) return [];
  return curves
    .filter((c) => c && c.outcome && Array.isArray(c.outcome.confusion) && Array.isArray(c.points))
    .map((c) => ({ strategy: c.strategy, seed: c.seed, repeat: c.repeat ?? 0, curve: c.points, ...c.outcome! }));
}

/**
 * What resuming a stored run can keep: the trials it finished and its dataset's fingerprint; null for a run that
 * is missing, finished, or still running.
 */
export function storedTrialsOf(
  record: Pick<RunRecord, 'status' | 'result'> | undefined,
): { finished: FinishedTrial[]; fingerprint: string | null } | null {
  if (!record || record.status === 'done' || record.status === 'running') return null;
  const stored = fromRunJson(record.result);
  return { finished: finishedTrialsOf(stored), fingerprint: fingerprintOf(stored) };
}

/** The dataset fingerprint a not-done run's stored progress carries, or null (not read yet, or an older record). */
export function fingerprintOf(payload: unknown): string | null {
  const value = payload && typeof payload === 'object' ? (payload as Partial<RunProgress>).fingerprint : undefined;
  return typeof value === 'string' ? value : null;
}

/** The finished epochs' curves a not-done run's stored progress carries (runRecorder.ts), each with ≥ 1 trained epoch. */
export function partialCurvesOf(payload: unknown): Omit<PartialCurve, 'repeat'>[] {
  const curves = payload && typeof payload === 'object' ? (payload as Partial<RunProgress>).curves : undefined;
  if (!Array.isArray(curves)) return [];
  return curves
    .filter((c) => c && typeof c.strategy === 'string' && typeof c.seed === 'number' && Array.isArray(c.points))
    .filter((c) => c.points.some((p) => p.epoch > 0))
    .map((c) => ({ strategy: c.strategy, seed: c.seed, points: c.points }));
}

export function createRunRecorder(workspace: () => Promise<WorkspaceDb>, onError: (error: unknown) => void = () => {}) {
  const chains = new Map<string, Promise<void>>();
  const progress = new Map<string, RunProgress['progress']>();
  const curves = new Map<string, Map<number, PartialCurve>>();
  const classCounts = new Map<string, { classCount: number; fingerprint?: string }>();
  const payload = (runId: string): RunProgress => ({
    progress: { ...progress.get(runId)! },
    curves: [...(curves.get(runId)?.values() ?? [])].map((c) => ({ ...c, points: [...c.points] })),
    ...classCounts.get(runId),
  });
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
    curves.delete(runId);
    classCounts.delete(runId);
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
      curves.set(run.runId, new Map());
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
    /**
     * Call once the run's dataset is read: its class count (an interrupted run's chance line) and fingerprint (what a
     * resume checks) are stored with the progress.
     */
    classes(runId: string, count: number, fingerprint?: string): void {
      if (!progress.has(runId)) return;
      classCounts.set(runId, { classCount: count, ...(fingerprint ? { fingerprint } : {}) });
      const snapshot = payload(runId);
      void enqueue(runId, (ws) => ws.updateRun(runId, { result: toRunJson(snapshot) }));
    },
    /** Feed every engine event; only events of started runs are recorded. */
    observe(event: RecordedEvent): void {
      if (event.runId === undefined || !progress.has(event.runId)) return;
      const runId = event.runId;
      switch (event.type) {
        case 'experiment.event': {
          const inner = event.event;
          if (inner.type === 'trial.epoch') {
            // Each finished epoch is stored as it completes (a reload mid-run keeps the curves so far).
            const trials = curves.get(runId)!;
            const trial = trials.get(inner.trialIndex) ?? {
              strategy: inner.strategy,
              seed: inner.seed,
              repeat: inner.repeat ?? 0,
              points: [],
            };
            trial.points.push(inner.point);
            trials.set(inner.trialIndex, trial);
          } else if (inner.type === 'trial.end') {
            progress.get(runId)!.runsDone += 1;
            if ('outcome' in inner && inner.outcome) {
              const trial = curves.get(runId)!.get(inner.trialIndex);
              if (trial) trial.outcome = inner.outcome;
            }
          } else return;
          const snapshot = payload(runId);
          void enqueue(runId, (ws) => ws.updateRun(runId, { result: toRunJson(snapshot) }));
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
