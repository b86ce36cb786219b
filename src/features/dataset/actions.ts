import type { ImportProblem } from '../../core/data/importPlan';
import type { DatasetSelection } from '../../worker/protocol/dataset';
import type { DroppedFile } from './readDataTransfer';

/** What to import: files read from a drop or a picker (see readDataTransfer / readFileList). */
export interface ImportRequest {
  /** The dataset to add to; null = a new dataset named `createName`. */
  datasetId: string | null;
  createName: string;
  files: DroppedFile[];
  /** Folders met while reading the drop ("pets/cats/"), so empty class folders show up. */
  folders: string[];
  /** Files or folders that could not be read on this side. */
  readProblems: ImportProblem[];
  /** The class loose images go to (dropped onto a class). */
  targetClass?: string;
}

/**
 * What the Dataset panel asks of the engine (part of EngineActions; src/app/datasetActions.ts implements it with
 * worker commands). Results arrive as worker events folded into the store's `workspace` slice.
 */
export interface DatasetActions {
  /** Creates an empty dataset and selects it; returns its id. */
  createDataset(name: string, classNames: string[]): string;
  renameDataset(datasetId: string, name: string): void;
  deleteDataset(datasetId: string): void;
  /** Uses `selection` for the next experiment (and remembers it across reloads). */
  selectDataset(selection: DatasetSelection): void;
  addClass(datasetId: string, name: string): void;
  renameClass(datasetId: string, classIndex: number, name: string): void;
  deleteClass(datasetId: string, classIndex: number): void;
  deleteImages(datasetId: string, imageIds: string[]): void;
  /** Starts an import (progress and problems in `workspace.import`); returns the dataset id it imports into. */
  importFiles(request: ImportRequest): string;
  cancelImport(): void;
  /** Settles an import interrupted by a reload: keep what it stored. */
  keepImport(datasetId: string): void;
  /** Settles an import interrupted by a reload: remove what it stored (and the classes it added, left empty). */
  undoImport(datasetId: string): void;
  /** Sends one webcam frame (transferred: `frame` is unusable after); resolves when the worker has queued it. */
  captureFrame(datasetId: string, classIndex: number, frame: ImageBitmap, source: string): Promise<void>;
  /** Writes the queued frames now; resolves when stored. */
  flushCapture(): Promise<void>;
  /** Downloads the whole workspace as one .zip file. */
  exportWorkspace(): void;
  /** Replaces the workspace with a file made by exportWorkspace (nothing changes if it is invalid). */
  importWorkspace(file: File): void;
  /** Deletes every dataset, run and model in this browser. */
  clearWorkspace(): void;
}
