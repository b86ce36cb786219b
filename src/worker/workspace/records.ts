/**
 * Reading and editing stored datasets beyond what WorkspaceDb offers: the index the UI lists (summaries and
 * thumbnail entries, without pixels), sortable image ids, and deleting a class (its images go, later classes
 * move down) in ONE transaction. Runs in the worker.
 */
import type { DatasetSummary, ImageEntry } from '../protocol/dataset';
import { StorageFullError, type WorkspaceDb, WorkspaceError } from './db';
import type { DatasetRecord, ImageRecord, RunRecord } from './schema';

let sequence = 0;

/**
 * A new image id that sorts after every id made before it (also across reloads: time first), so a dataset's
 * images, read in key order, come back in the order they were added.
 */
export function newImageId(nowMs = Date.now()): string {
  sequence = (sequence + 1) % 36 ** 4;
  const random = Math.floor(Math.random() * 36 ** 4);
  return `i${nowMs.toString(36).padStart(9, '0')}${sequence.toString(36).padStart(4, '0')}${random.toString(36).padStart(4, '0')}`;
}

export function toEntry(image: Pick<ImageRecord, 'id' | 'classIndex' | 'source' | 'thumbnail'>): ImageEntry {
  return { id: image.id, classIndex: image.classIndex, source: image.source, thumbnail: image.thumbnail };
}

export function summarize(dataset: DatasetRecord, counts: readonly number[]): DatasetSummary {
  return {
    id: dataset.id,
    name: dataset.name,
    classNames: [...dataset.classNames],
    counts: dataset.classNames.map((_, i) => counts[i] ?? 0),
    createdAt: dataset.createdAt,
  };
}

export interface WorkspaceIndex {
  /** Oldest first. */
  datasets: DatasetRecord[];
  /** Per dataset id, its images in key (= insertion) order. */
  images: Map<string, ImageEntry[]>;
}

/**
 * Every dataset and the thumbnail entries of every image, in one read-only transaction (a consistent view).
 * Cost: IndexedDB materialises each record with its pixels, so this reads the whole workspace once (about
 * 0.1 s per 1,000 small images); only ids, labels and thumbnail Blob handles are kept.
 */
export async function readWorkspaceIndex(ws: WorkspaceDb): Promise<WorkspaceIndex> {
  const tx = ws.db.transaction(['datasets', 'images'], 'readonly');
  const datasets = ((await tx.objectStore('datasets').getAll()) as DatasetRecord[]).sort(
    (a, b) => a.createdAt - b.createdAt,
  );
  const images = new Map<string, ImageEntry[]>(datasets.map((d) => [d.id, []]));
  let cursor = await tx.objectStore('images').openCursor();
  while (cursor) {
    const image = cursor.value as ImageRecord;
    images.get(image.datasetId)?.push(toEntry(image));
    cursor = await cursor.continue();
  }
  await tx.done;
  return { datasets, images };
}

/** counts[i] = entries of class i, for `classCount` classes. */
export function countByClass(entries: readonly { classIndex: number }[], classCount: number): number[] {
  const counts = new Array<number>(classCount).fill(0);
  for (const e of entries) if (e.classIndex < classCount) counts[e.classIndex] += 1;
  return counts;
}

const QUOTA = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);

/**
 * Deletes class `classIndex` of a dataset with all its images and renumbers the later classes' images, in one
 * read-write transaction: on any failure nothing changes. Returns the updated dataset record.
 */
export async function deleteClass(ws: WorkspaceDb, datasetId: string, classIndex: number): Promise<DatasetRecord> {
  const tx = ws.db.transaction(['datasets', 'images'], 'readwrite');
  tx.done.catch(() => undefined);
  try {
    const dataset = (await tx.objectStore('datasets').get(datasetId)) as DatasetRecord | undefined;
    if (!dataset) throw new WorkspaceError(`dataset ${datasetId} does not exist; nothing was changed`);
    if (!(classIndex >= 0 && classIndex < dataset.classNames.length)) {
      throw new WorkspaceError(`dataset “${dataset.name}” has no class ${classIndex}; nothing was changed`);
    }
    let cursor = await tx.objectStore('images').index('datasetId').openCursor(datasetId);
    while (cursor) {
      const image = cursor.value as ImageRecord;
      if (image.classIndex === classIndex) await cursor.delete();
      else if (image.classIndex > classIndex) await cursor.update({ ...image, classIndex: image.classIndex - 1 });
      cursor = await cursor.continue();
    }
    const next: DatasetRecord = { ...dataset, classNames: dataset.classNames.filter((_, i) => i !== classIndex) };
    await tx.objectStore('datasets').put(next);
    await tx.done;
    return next;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // already finished
    }
    if (error instanceof WorkspaceError) throw error;
    const what = `deleting class ${classIndex}`;
    if (QUOTA.has(String((error as { name?: unknown })?.name)) || QUOTA.has(String(tx.error?.name)))
      throw new StorageFullError(what, { cause: error });
    throw new WorkspaceError(`${what} failed (${String(error)}); nothing was changed`, { cause: error });
  }
}

/**
 * Runs left 'running' by a page that is gone become 'interrupted' (one transaction); returns them. Runs whose
 * lock is held (`alive`, see runLocks.ts) are running in another worker or tab and stay as they are; with
 * `alive` null every 'running' run is marked (WorkspaceDb.markInterruptedRuns).
 */
export async function markInterrupted(
  ws: WorkspaceDb,
  alive: ReadonlySet<string> | null,
  now = Date.now(),
): Promise<RunRecord[]> {
  if (alive === null) return ws.markInterruptedRuns(now);
  const tx = ws.db.transaction('runs', 'readwrite');
  const changed: RunRecord[] = [];
  let cursor = await tx.store.index('status').openCursor('running');
  while (cursor) {
    const run = cursor.value as RunRecord;
    if (!alive.has(run.id)) {
      const next: RunRecord = { ...run, status: 'interrupted', updatedAt: now };
      await cursor.update(next);
      changed.push(next);
    }
    cursor = await cursor.continue();
  }
  await tx.done;
  return changed;
}
