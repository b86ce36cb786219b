/**
 * The run-history part of the engine worker's protocol (engine.ts unions these in): the runs stored in the
 * workspace (WorkspaceDb `runs`, written by workspace/runRecorder.ts), and thumbnails of example ids (the
 * misclassified validation images a confusion-matrix cell opens). Plain, structured-cloneable data (thumbnails are
 * Blobs).
 */
import type { ExperimentConfig, ExperimentResult } from '../../core/experiment/types';
import type { CurvePoint, StrategyId } from '../../core/train/types';
import type { ResultsFileProblem } from '../../core/experiment/readResultsFile';
import { isListed, type Message, type MessageList } from './messages';

/** Where a stored run stands (WorkspaceDb `runs` records carry the same, validated against this list). */
export const RUN_STATUSES = ['running', 'done', 'interrupted', 'cancelled', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** One stored run as the history lists it. */
export interface StoredRun {
  id: string;
  status: RunStatus;
  /** The run's ExperimentConfig (null when the stored one is unreadable). */
  config: ExperimentConfig | null;
  /** The stored dataset it ran on (null: the built-in sample); its name when it still exists. */
  datasetId: string | null;
  datasetName: string | null;
  /** ms since the epoch. */
  startedAt: number;
  updatedAt: number;
  /** The result of a 'done' run; null otherwise. */
  result: ExperimentResult | null;
  /** Trials (strategy × seed trainings) finished, of trialCount (running / interrupted / cancelled runs); null if unknown. */
  progress: { trialsDone: number; trialCount: number } | null;
  /**
   * A run without a result (interrupted, cancelled, failed): the curve points of every epoch it finished, per trial,
   * stored as each epoch completed; absent or empty when none.
   */
  partialCurves?: { strategy: StrategyId; seed: number; points: CurvePoint[] }[];
  /**
   * A run without a result: its dataset's classes, stored once read (chance accuracy is 1 / classCount); null or
   * absent when unknown (older records, or interrupted before the dataset was read). A done run's is in its result.
   */
  classCount?: number | null;
  error: string | null;
  /** The file it was read from when it ran elsewhere (the CLI, a PyTorch project) and was dropped in; else null. */
  importedFrom: string | null;
}

export interface ExampleThumbnail {
  id: string;
  /** A small PNG/WebP/JPEG; null when the image is no longer stored (its dataset was deleted or changed). */
  blob: Blob | null;
  /** Where it came from ("seven_3.png", "digits.png (7, #12)"), for its label; null when unknown. */
  source: string | null;
}

export type RunsCommand =
  /** Answered by `runs.listed` (every stored run, newest first; at most RUN_HISTORY_LIMIT). */
  | { type: 'runs.list' }
  /** Deletes stored runs (one transaction each); answered by `runs.deleted`. A running run is not deleted. */
  | { type: 'runs.delete'; runIds: string[] }
  /**
   * Thumbnails of example ids as TrialResult.misclassified names them: `mnist:<class>:<index>` for the built-in
   * sample (cut from its sprite, resolved against `baseUrl`), stored image ids for workspace datasets.
   * Answered by one `examples.fetched`.
   */
  | { type: 'examples.fetch'; requestId: string; ids: string[]; baseUrl: string }
  /**
   * A results file made elsewhere (a CLI `results.json` or `sweep.json`, or `summarize`'s for a PyTorch project):
   * a run is stored in the history, a sweep with the stored sweeps. Answered by `runs.imported` (then `runs.listed`
   * or `sweep.listed`) or by `runs.importFailed`.
   */
  | { type: 'runs.import'; fileName: string; text: string };

export type RunsEvent =
  | { type: 'runs.listed'; runs: StoredRun[] }
  | { type: 'runs.deleted'; runIds: string[] }
  | { type: 'examples.fetched'; requestId: string; thumbnails: ExampleThumbnail[] }
  /** A results file was stored: `id` is the new run's (kind 'run') or sweep's (kind 'sweep'). */
  | { type: 'runs.imported'; fileName: string; kind: 'run' | 'sweep'; id: string }
  /** A results file was not one this version reads; `detail` is the reader's English message (for logs). */
  | { type: 'runs.importFailed'; fileName: string; problem: ResultsFileProblem; detail: string }
  /** A history operation failed (reading IndexedDB); user-facing message. */
  | { type: 'runs.error'; operation: RunsCommand['type']; message: string };

/** The history lists this many runs at most (newest first). */
export const RUN_HISTORY_LIMIT = 200;

const RUNS_COMMANDS = {
  'runs.list': true,
  'runs.delete': true,
  'examples.fetch': true,
  'runs.import': true,
} as const satisfies MessageList<RunsCommand>;

const RUNS_EVENTS = {
  'runs.listed': true,
  'runs.deleted': true,
  'examples.fetched': true,
  'runs.imported': true,
  'runs.importFailed': true,
  'runs.error': true,
} as const satisfies MessageList<RunsEvent>;

export function isRunsCommand<C extends Message>(command: C | RunsCommand): command is RunsCommand {
  return isListed<RunsCommand>(RUNS_COMMANDS, command);
}

export function isRunsEvent<E extends Message>(event: E | RunsEvent): event is RunsEvent {
  return isListed<RunsEvent>(RUNS_EVENTS, event);
}
