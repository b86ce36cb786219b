/**
 * Reading and editing stored datasets beyond what WorkspaceDb offers: the index the UI lists (summaries and
 * thumbnail entries, without pixels), sortable image ids, and deleting a class (its images go, later classes
 * move down) in ONE transaction. Runs in the worker.
 */
import { interruptionOf, isMarkedImage } from '../../core/data/importMarker';
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

/**
 * The dataset as the UI lists it. A stored import marker is an interrupted import unless `importRunning` (the
 * marker's import is still under way in this worker).
 */
export function summarize(dataset: DatasetRecord, counts: readonly number[], importRunning = false): DatasetSummary {
  const shown = dataset.classNames.map((_, i) => counts[i] ?? 0);
  return {
    id: dataset.id,
    name: dataset.name,
    classNames: [...dataset.classNames],
    counts: shown,
    createdAt: dataset.createdAt,
    interruptedImport: dataset.importing && !importRunning ? interruptionOf(dataset.importing, shown) : null,
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
    throw failedEdit(tx, error, `deleting class ${classIndex}`);
  }
}

/** Aborts `tx` and turns `error` into the error to throw: a WorkspaceError as it is, a full disk, or `what` failed. */
function failedEdit(tx: { abort(): void; error: DOMException | null }, error: unknown, what: string): Error {
  try {
    tx.abort();
  } catch {
    // already finished
  }
  if (error instanceof WorkspaceError) return error;
  if (QUOTA.has(String((error as { name?: unknown })?.name)) || QUOTA.has(String(tx.error?.name)))
    return new StorageFullError(what, { cause: error });
  return new WorkspaceError(`${what} failed (${String(error)}); nothing was changed`, { cause: error });
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

/**
 * Removes what an interrupted import stored (its marker's image-id range), then the classes it added that are
 * left empty (later classes move down), and clears the marker — one transaction. When the import created the
 * dataset and nothing else is left in it, the dataset goes too (returns null). Returns the updated record.
 */
export async function undoImport(ws: WorkspaceDb, datasetId: string): Promise<DatasetRecord | null> {
  const tx = ws.db.transaction(['datasets', 'images'], 'readwrite');
  tx.done.catch(() => undefined);
  try {
    const dataset = (await tx.objectStore('datasets').get(datasetId)) as DatasetRecord | undefined;
    if (!dataset) throw new WorkspaceError(`dataset ${datasetId} does not exist; nothing was changed`);
    const marker = dataset.importing;
    const { importing: _cleared, ...rest } = dataset;
    if (!marker) return dataset;
    const counts = new Array<number>(dataset.classNames.length).fill(0);
    const index = tx.objectStore('images').index('datasetId');
    let cursor = await index.openCursor(datasetId);
    while (cursor) {
      const image = cursor.value as ImageRecord;
      if (isMarkedImage(marker, image.id)) await cursor.delete();
      else counts[image.classIndex] += 1;
      cursor = await cursor.continue();
    }
    const kept = dataset.classNames.map((_, i) => i < marker.classesBefore || counts[i] > 0);
    if (marker.createdDataset && counts.every((n) => n === 0)) {
      await tx.objectStore('datasets').delete(datasetId);
      await tx.done;
      return null;
    }
    const newIndex: number[] = [];
    kept.reduce((n, keep, i) => ((newIndex[i] = keep ? n : -1), keep ? n + 1 : n), 0);
    if (kept.some((k) => !k)) {
      cursor = await index.openCursor(datasetId);
      while (cursor) {
        const image = cursor.value as ImageRecord;
        if (newIndex[image.classIndex] !== image.classIndex)
          await cursor.update({ ...image, classIndex: newIndex[image.classIndex] });
        cursor = await cursor.continue();
      }
    }
    const next: DatasetRecord = { ...rest, classNames: dataset.classNames.filter((_, i) => kept[i]) };
    await tx.objectStore('datasets').put(next);
    await tx.done;
    return next;
  } catch (error) {
    throw failedEdit(tx, error, 'removing what the interrupted import stored');
  }
}
