/**
 * The dataset worker's protocol (datasets/dataset.worker.ts): commands the studio sends to edit datasets stored in
 * the IndexedDB workspace, and the events the worker answers with.
 *
 * Plain, structured-cloneable data: File and Blob objects are cloned by reference (no bytes are copied); a webcam
 * frame (ImageBitmap) is TRANSFERRED (the client passes it in the transfer list). Events carry only what changed:
 * `images.listed` with `replace: false` appends the new images, `images.removed` names the removed ones.
 * Every command ends in at least one event; a failure is one `workspace.error` (never a half-written change).
 */
import type { ImportInterruption } from '../../core/data/importMarker';
import type { ImportNotice } from '../../core/data/importNotices';
import type { ImportProblem } from '../../core/data/importPlan';
import { isListed, type Message, type MessageList } from './messages';

/** A stored dataset as the UI lists it. `counts[i]` = images of class `classNames[i]`. */
export interface DatasetSummary {
  id: string;
  name: string;
  classNames: string[];
  counts: number[];
  createdAt: number;
  /** An import into it stopped by a reload or a closed tab, until the user settles it (`import.keep`/`import.undo`
   * or importing again); null otherwise. */
  interruptedImport?: ImportInterruption | null;
}

/** One stored image, as the thumbnail grid needs it (no pixels). */
export interface ImageEntry {
  id: string;
  classIndex: number;
  /** Where it came from, for labels and messages: "daisy/001.jpg", "webcam 12:03:10.020 · 12:03:11.250" (core/data/webcamBurst.ts). */
  source: string;
  /** A ≤ 96-px WebP/JPEG, shown through an object URL; null when none could be made. */
  thumbnail: Blob | null;
}

/** A dropped or picked file: its path relative to the drop ("flowers/daisy/1.jpg"), and the File itself. */
export interface ImportFileRef {
  path: string;
  file: File;
}

/** A run that was still 'running' when the page went away; reported once, at start-up. */
export interface InterruptedRunNotice {
  id: string;
  startedAt: number;
  /** Last time the run record was written (its last finished trial, i.e. strategy × seed training). */
  updatedAt: number;
  datasetName: string | null;
  strategies: string[];
  seeds: number;
  epochs: number;
  /** Trials (strategy × seed trainings) finished before the interruption, of `trialCount`; null when unknown. */
  trialsDone: number | null;
  trialCount: number | null;
  /** Epochs whose curve points were stored before the interruption (all trials together); absent in old records. */
  epochsKept?: number;
}

/** The selection persisted across reloads: a stored dataset, or the built-in digits sample. */
export type DatasetSelection = { kind: 'sample'; id: 'digits' } | { kind: 'workspace'; datasetId: string };

export type DatasetWorkerCommand =
  /** Once at start-up: marks interrupted runs, then answers `workspace.opened` and the images of every dataset. */
  | { type: 'workspace.open' }
  /** Creates an empty dataset (answers `dataset.updated`). */
  | { type: 'dataset.create'; datasetId: string; name: string; classNames: string[] }
  | { type: 'dataset.rename'; datasetId: string; name: string }
  | { type: 'dataset.delete'; datasetId: string }
  /** Persists which dataset the studio uses (restored by the next `workspace.opened`). */
  | { type: 'dataset.select'; selection: DatasetSelection }
  | { type: 'class.add'; datasetId: string; name: string }
  | { type: 'class.rename'; datasetId: string; classIndex: number; name: string }
  /** Deletes the class and its images; later classes move down by one. */
  | { type: 'class.delete'; datasetId: string; classIndex: number }
  | { type: 'images.delete'; datasetId: string; imageIds: string[] }
  /**
   * Imports dropped/picked files (folders of class folders, zips, loose images) into `datasetId`, creating it
   * as `createName` when it does not exist. Loose images go to `targetClass`. `folders` (paths ending in '/')
   * and `readProblems` come from reading the drop on the main thread. Answered by progress, problems, then one
   * `import.finished`.
   */
  | {
      type: 'import.start';
      importId: string;
      datasetId: string;
      createName?: string;
      files: ImportFileRef[];
      folders: string[];
      readProblems: ImportProblem[];
      targetClass?: string;
    }
  /** Stops an import within a second; what was already saved stays (reported by `import.finished`). */
  | { type: 'import.cancel'; importId: string }
  /** Settles an interrupted import by keeping what it stored (clears its marker; answers `dataset.updated`). */
  | { type: 'import.keep'; datasetId: string }
  /** Settles an interrupted import by removing what it stored and the classes it added that are left empty
   * (answers `images.removed`/`class.removed` and `dataset.updated`, or `dataset.deleted` when it made the dataset). */
  | { type: 'import.undo'; datasetId: string }
  /** One webcam frame for class `classIndex` (transferred); resolves once the frame is encoded and queued. */
  | { type: 'capture.frame'; datasetId: string; classIndex: number; frame: ImageBitmap | ImageData; source: string }
  /** Writes queued frames now (end of a hold); resolves after they are stored. */
  | { type: 'capture.flush' }
  /** Answers `workspace.exported` with the whole workspace as one zip Blob. */
  | { type: 'workspace.export' }
  /** Replaces the workspace with a file made by export (validated fully first; nothing changes on error). */
  | { type: 'workspace.import'; file: Blob; fileName: string }
  /** Deletes every dataset, image, run, model and setting (one transaction). */
  | { type: 'workspace.clear' };

export type DatasetWorkerEvent =
  | {
      type: 'workspace.opened';
      datasets: DatasetSummary[];
      selection: DatasetSelection | null;
      /** Runs that were interrupted by the reload or crash that preceded this start-up. */
      interruptedRuns: InterruptedRunNotice[];
      /** The most recent finished run's record (config + result as JSON), to show its curves again. */
      lastRun: { id: string; config: unknown; result: unknown; startedAt: number } | null;
    }
  /** A dataset was created or changed (name, classes, counts). */
  | { type: 'dataset.updated'; dataset: DatasetSummary }
  | { type: 'dataset.deleted'; datasetId: string }
  /** Images of a dataset: the whole list (`replace`) or newly added ones. */
  | { type: 'images.listed'; datasetId: string; images: ImageEntry[]; replace: boolean }
  | { type: 'images.removed'; datasetId: string; imageIds: string[] }
  /** A class was deleted with its images; classes after it moved down by one. */
  | { type: 'class.removed'; datasetId: string; classIndex: number }
  | {
      type: 'import.progress';
      importId: string;
      datasetId: string;
      stage: 'reading' | 'decoding';
      done: number;
      total: number;
    }
  /** Files left out so far (appended), each naming the file and the reason. */
  | { type: 'import.problems'; importId: string; problems: ImportProblem[] }
  | {
      type: 'import.finished';
      importId: string;
      datasetId: string;
      /** blocked: over a limit, nothing imported; failed: stopped by an error (e.g. storage full) after `imported`. */
      status: 'done' | 'cancelled' | 'blocked' | 'failed';
      imported: number;
      planned: number;
      /** Warnings about the drop, as codes the studio translates. */
      warnings: ImportNotice[];
      /** Why it was blocked, as a code (`message` says it in English). */
      blockedBy: ImportNotice | null;
      message: string | null;
      seconds: number;
    }
  | { type: 'workspace.exported'; blob: Blob; fileName: string }
  | { type: 'workspace.imported'; datasets: number; images: number; runs: number }
  | { type: 'workspace.cleared' }
  /** A dataset/workspace operation failed; nothing of it was written. `storageFull`: the browser's quota. */
  | { type: 'workspace.error'; operation: DatasetWorkerCommand['type']; message: string; storageFull: boolean }
  /** The dataset worker itself failed (could not start, or died); user-facing message. */
  | { type: 'datasetWorker.error'; name: string; message: string };

const DATASET_WORKER_COMMANDS = {
  'workspace.open': true,
  'dataset.create': true,
  'dataset.rename': true,
  'dataset.delete': true,
  'dataset.select': true,
  'class.add': true,
  'class.rename': true,
  'class.delete': true,
  'images.delete': true,
  'import.start': true,
  'import.cancel': true,
  'import.keep': true,
  'import.undo': true,
  'capture.frame': true,
  'capture.flush': true,
  'workspace.export': true,
  'workspace.import': true,
  'workspace.clear': true,
} as const satisfies MessageList<DatasetWorkerCommand>;

const DATASET_WORKER_EVENTS = {
  'workspace.opened': true,
  'dataset.updated': true,
  'dataset.deleted': true,
  'images.listed': true,
  'images.removed': true,
  'class.removed': true,
  'import.progress': true,
  'import.problems': true,
  'import.finished': true,
  'workspace.exported': true,
  'workspace.imported': true,
  'workspace.cleared': true,
  'workspace.error': true,
  'datasetWorker.error': true,
} as const satisfies MessageList<DatasetWorkerEvent>;

/** Narrows any message to the dataset worker's commands (the worker refuses the others). */
export function isDatasetWorkerCommand<C extends Message>(
  command: C | DatasetWorkerCommand,
): command is DatasetWorkerCommand {
  return isListed<DatasetWorkerCommand>(DATASET_WORKER_COMMANDS, command);
}

/** Narrows any event to the dataset worker's (the store folds those into its workspace slice). */
export function isDatasetWorkerEvent<E extends Message>(event: E | DatasetWorkerEvent): event is DatasetWorkerEvent {
  return isListed<DatasetWorkerEvent>(DATASET_WORKER_EVENTS, event);
}
