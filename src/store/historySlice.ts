/**
 * The run history: every run stored in the workspace (listed by the worker at start-up, worker/protocol/runs.ts)
 * plus the current run as it happens (folded in from the store's `run`), newest first; which runs are chosen for a
 * side-by-side comparison, and which one's details are shown. Plain data only; pure reducers, so the store folds
 * batches of events through them and tests can too.
 */
import type { StateCreator } from 'zustand';
import type { ResultsFileProblem } from '../core/experiment/readResultsFile';
import { isAdaptationStrategy } from '../core/train/types';
import type { RunsEvent, StoredRun } from '../worker/protocol/runs';
import type { RunState } from './runs';

export interface HistoryState {
  /** 'loading' until the worker has listed the stored runs. */
  status: 'loading' | 'ready';
  /** Newest first. */
  runs: StoredRun[];
  /** Run ids chosen for comparison, in the order they were chosen. */
  compare: string[];
  /** The run whose details (curves, per-class results) are shown; null = the newest. */
  focus: string | null;
  /** The last failure reading or deleting stored runs (user-facing). */
  error: string | null;
  /** The last results file dropped in: what became of it (the studio says so, naming the file); null = none. */
  imported: ImportOutcome | null;
}

export type ImportOutcome =
  | { fileName: string; kind: 'run' | 'sweep'; id: string; problem: null }
  | { fileName: string; kind: null; id: null; problem: ResultsFileProblem };

export interface HistorySlice {
  history: HistoryState;
  toggleCompare(runId: string): void;
  clearCompare(): void;
  focusRun(runId: string | null): void;
}

export const initialHistory = (): HistoryState => ({
  status: 'loading',
  runs: [],
  compare: [],
  focus: null,
  error: null,
  imported: null,
});

export const createHistorySlice: StateCreator<HistorySlice, [], [], HistorySlice> = (set) => ({
  history: initialHistory(),
  toggleCompare: (runId) =>
    set((s) => {
      const compare = s.history.compare.includes(runId)
        ? s.history.compare.filter((id) => id !== runId)
        : [...s.history.compare, runId];
      return { history: { ...s.history, compare } };
    }),
  clearCompare: () => set((s) => ({ history: { ...s.history, compare: [] } })),
  focusRun: (runId) => set((s) => ({ history: { ...s.history, focus: runId } })),
});

export function reduceHistory(history: HistoryState, event: RunsEvent): HistoryState {
  switch (event.type) {
    case 'runs.listed': {
      // Keep entries the worker has not stored yet (a run that just started), newest first.
      const listed = new Set(event.runs.map((r) => r.id));
      const pending = history.runs.filter((r) => !listed.has(r.id) && r.status === 'running');
      return { ...history, status: 'ready', runs: sortRuns([...pending, ...event.runs]), error: null };
    }
    case 'runs.deleted': {
      const gone = new Set(event.runIds);
      return {
        ...history,
        runs: history.runs.filter((r) => !gone.has(r.id)),
        compare: history.compare.filter((id) => !gone.has(id)),
        focus: history.focus && gone.has(history.focus) ? null : history.focus,
      };
    }
    case 'runs.error':
      return { ...history, status: 'ready', error: event.message };
    case 'runs.imported':
      return {
        ...history,
        imported: { fileName: event.fileName, kind: event.kind, id: event.id, problem: null },
        // An imported run is shown at once (its curves, summary and intervals).
        focus: event.kind === 'run' ? event.id : history.focus,
      };
    case 'runs.importFailed':
      return { ...history, imported: { fileName: event.fileName, kind: null, id: null, problem: event.problem } };
    case 'examples.fetched':
      return history;
    default:
      return assertNever(event);
  }
}

/** The store's current run as a history entry (its live status, progress and result). */
export function storedFromRun(run: RunState, datasetId: string | null, datasetName: string | null): StoredRun {
  const status = run.status === 'error' ? 'failed' : run.status;
  return {
    id: run.runId,
    status,
    config: run.config,
    datasetId,
    datasetName,
    startedAt: Date.parse(run.requestedAt),
    updatedAt: Date.now(),
    result: run.status === 'done' ? run.result : null,
    progress: run.status === 'done' ? null : { trialsDone: run.trialsDone, trialCount: run.trialCount },
    error: run.error,
    importedFrom: null,
  };
}

/**
 * Puts the current run into the history (new → at the top; known → its status, progress and result updated,
 * keeping the dataset it was recorded with).
 */
export function upsertRun(
  history: HistoryState,
  run: RunState,
  dataset: { id: string | null; name: string | null },
): HistoryState {
  const index = history.runs.findIndex((r) => r.id === run.runId);
  const known = index >= 0 ? history.runs[index] : null;
  const made = storedFromRun(run, known ? known.datasetId : dataset.id, known ? known.datasetName : dataset.name);
  // A run restored at start-up may be an imported one (the newest done run): it keeps where it ran.
  const entry = known?.importedFrom ? { ...made, importedFrom: known.importedFrom } : made;
  if (
    known &&
    known.status === entry.status &&
    known.result === entry.result &&
    sameProgress(known.progress, entry.progress)
  )
    return history;
  const runs = known
    ? history.runs.map((r, i) => (i === index ? { ...entry, updatedAt: Math.max(r.updatedAt, entry.updatedAt) } : r))
    : sortRuns([entry, ...history.runs]);
  return { ...history, runs };
}

/** Why a stored run cannot be resumed or run again now; null when it can. */
export type RestartBlock = 'running' | 'settings' | 'dataset-gone' | 'adaptation' | 'finished';

/**
 * Whether a stored run can be started again (`rerun`: from the start, as a new run) or resumed (`resume`: its
 * finished trials kept): it needs readable settings, its dataset still stored (or the built-in sample), no run
 * under way, and not a domain-adaptation run (those start from the Adaptation step). Only a run that did not finish
 * (interrupted, cancelled, failed) resumes.
 */
export function restartBlock(
  entry: StoredRun,
  mode: 'resume' | 'rerun',
  studio: { running: boolean; datasetIds: readonly string[] },
): RestartBlock | null {
  if (studio.running) return 'running';
  if (mode === 'resume' && (entry.status === 'done' || entry.status === 'running')) return 'finished';
  if (!entry.config || entry.importedFrom) return 'settings';
  if (entry.config.strategies.some(isAdaptationStrategy)) return 'adaptation';
  if (entry.datasetId !== null && !studio.datasetIds.includes(entry.datasetId)) return 'dataset-gone';
  return null;
}

const sameProgress = (a: StoredRun['progress'], b: StoredRun['progress']) =>
  a?.trialsDone === b?.trialsDone && a?.trialCount === b?.trialCount;
const sortRuns = (runs: StoredRun[]) => [...runs].sort((a, b) => b.startedAt - a.startedAt);

function assertNever(value: never): never {
  throw new Error(`unhandled runs event ${JSON.stringify(value)}`);
}
