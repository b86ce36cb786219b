import type { ExampleThumbnail } from '../../worker/protocol/runs';

/** What the runs panel asks of the engine (implemented in src/app/runsActions.ts). */
export interface RunsActions {
  /** Asks the worker for the stored runs again (the store's history is replaced by the answer). */
  refreshRuns(): void;
  /** Deletes stored runs (a running one is kept). */
  deleteRuns(runIds: string[]): void;
  /** Thumbnails of example ids (misclassified validation images), in the order asked; never rejects. */
  fetchExampleThumbnails(ids: string[]): Promise<ExampleThumbnail[]>;
  /** Results files made elsewhere (results.json, sweep.json): each is read and stored, or refused with a notice. */
  importResults(files: readonly File[]): void;
}
