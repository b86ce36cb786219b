/**
 * The run-history part of the engine protocol (protocol.ts unions these in): the runs stored in the workspace
 * (WorkspaceDb `runs`, written by runRecorder.ts), and thumbnails of example ids (the misclassified validation
 * images a confusion-matrix cell opens). Types only; plain, structured-cloneable data (thumbnails are Blobs).
 */
import type { ExperimentConfig, ExperimentResult } from '../core/experiment/types';
import type { RunStatus } from './workspaceSchema';

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
  /** Strategy × seed runs finished, of runCount (running / interrupted / cancelled runs); null when unknown. */
  progress: { runsDone: number; runCount: number } | null;
  error: string | null;
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
   * Thumbnails of example ids as RunResult.misclassified names them: `mnist:<class>:<index>` for the built-in
   * sample (cut from its sprite, resolved against `baseUrl`), stored image ids for workspace datasets.
   * Answered by one `examples.thumbnails`.
   */
  | { type: 'examples.fetch'; requestId: string; ids: string[]; baseUrl: string };

export type RunsEvent =
  | { type: 'runs.listed'; runs: StoredRun[] }
  | { type: 'runs.deleted'; runIds: string[] }
  | { type: 'examples.thumbnails'; requestId: string; thumbnails: ExampleThumbnail[] }
  /** A history operation failed (reading IndexedDB); user-facing message. */
  | { type: 'runs.error'; operation: RunsCommand['type']; message: string };

/** The history lists this many runs at most (newest first). */
export const RUN_HISTORY_LIMIT = 200;

const RUNS_COMMAND_TYPES: ReadonlySet<string> = new Set<RunsCommand['type']>(['runs.list', 'runs.delete', 'examples.fetch']);
const RUNS_EVENT_TYPES: ReadonlySet<string> = new Set<RunsEvent['type']>(['runs.listed', 'runs.deleted', 'examples.thumbnails', 'runs.error']);

export function isRunsCommand<C extends { type: string }>(command: C | RunsCommand): command is RunsCommand {
  return RUNS_COMMAND_TYPES.has(command.type);
}

export function isRunsEvent<E extends { type: string }>(event: E | RunsEvent): event is RunsEvent {
  return RUNS_EVENT_TYPES.has(event.type);
}
