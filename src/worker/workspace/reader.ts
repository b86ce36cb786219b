/**
 * The engine worker's read side of the workspace: stored datasets loaded as core Datasets for runExperiment
 * (DatasetSource kind 'workspace'), decoded once and kept until the dataset worker says they changed (a
 * BroadcastChannel message naming the dataset, or null for all), and the database for the run recorder.
 * Writes to datasets happen in the dataset worker (datasets/dataset.worker.ts); this side never marks runs interrupted
 * (the dataset worker does, at start-up, for runs nobody holds the lock of).
 */
import { createBrowserDecoder } from '../datasets/browserDecode';
import { DatasetCache } from './datasetLoader';
import { WorkspaceDb } from './db';

/** Where the dataset worker announces changes: `{ datasetId: string | null }`. */
export const WORKSPACE_CHANNEL = 'transfer-studio-workspace';

export interface WorkspaceChange {
  datasetId: string | null;
}

export function createWorkspaceReader(open: () => Promise<WorkspaceDb> = () => WorkspaceDb.open()) {
  const decoder = createBrowserDecoder();
  let db: Promise<WorkspaceDb> | null = null;
  const workspace = () => {
    db ??= open();
    db.catch(() => (db = null));
    return db;
  };
  const cache = new DatasetCache(workspace, decoder);
  if (typeof BroadcastChannel === 'function') {
    new BroadcastChannel(WORKSPACE_CHANNEL).onmessage = ({ data }: MessageEvent<WorkspaceChange>) =>
      cache.invalidate(data?.datasetId ?? undefined);
  }
  return {
    workspace,
    loadDataset: cache.load.bind(cache),
  };
}
