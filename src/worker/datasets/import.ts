/**
 * The import pipeline, in the worker: dropped files (folders of class folders, zips, loose images) → stored
 * images. The order the import modules prescribe:
 *   1. top-level zips are listed safely (listZip: zip-slip, bombs, nesting, non-images → problems);
 *   2. planImport turns every path into a class (or a problem) BEFORE any byte is decoded; a plan over a limit
 *      imports nothing;
 *   3. each file is checked and decoded (decodeImageForImport: magic bytes, header size, truncation, ≤ 512 px,
 *      thumbnail), a few at a time;
 *   4. decoded images are written in batches, ONE transaction per batch (WorkspaceDb.addImages), so a full disk
 *      loses at most the batch in hand and never leaves half a batch.
 * Before the first image, the dataset record gets an import marker (core/data/importMarker.ts), cleared when the
 * import ends in any way this worker sees; a marker found after a reload is an interrupted import. An image whose
 * decoded pixels (`pixelHash`, the hash the duplicate-aware split uses) the dataset already held when the import
 * began is skipped and counted (notice `alreadyStored`): dropping the same folder again adds only what is missing.
 * Every file that cannot be imported becomes one problem naming it ("photos.zip › cats/1.jpg") and the reason;
 * the rest is imported. Cancellation is checked before every file, so it takes effect within one decode
 * (tens of milliseconds); images saved before it stay, and the finish event says how many.
 */
import { pixelHash } from '../../core/data/duplicates';
import { IMAGE_MIME } from '../../core/data/imageHeader';
import { resumeMarker, startMarker } from '../../core/data/importMarker';
import {
  extensionOf,
  planImport,
  type ImportEntry,
  type ImportPlan,
  type ImportProblem,
} from '../../core/data/importPlan';
import type { ImportNotice } from '../../core/data/importNotices';
import { otherReason, truncateEcho, type ImportReason } from '../../core/data/importReasons';
import { DEFAULT_LIMITS, type ImportLimits } from '../../core/data/limits';
import { DatasetError } from '../../core/data/types';
import { listZip, zipEntryLabel } from '../../core/data/zipImport';
import type { ImportedImage } from './browserDecode';
import type { DatasetWorkerCommand, DatasetWorkerEvent } from '../protocol/dataset';
import { newImageId } from '../workspace/records';
import { choosePixelPayload, type DatasetRecord, type ImageRecord } from '../workspace/schema';

export type ImportCommand = Extract<DatasetWorkerCommand, { type: 'import.start' }>;

export interface ImportDeps {
  /** The dataset as stored now (undefined: create it as `command.createName`). */
  existing: DatasetRecord | undefined;
  existingImageCount: number;
  /** Images per class of `existing` now (missing classes: 0). */
  existingCounts?: readonly number[];
  /** The pixel hashes of the images `existing` holds (an empty set for a new dataset). */
  knownHashes?: () => Promise<ReadonlySet<string>>;
  /** Removes the import marker from the stored dataset (read-modify-write: class edits made meanwhile stay). */
  clearMarker?: (datasetId: string) => Promise<void>;
  /** decodeImageForImport in the browser; a stub in tests. */
  decode(bytes: Uint8Array, label: string, limits: ImportLimits): Promise<ImportedImage>;
  /** Writes the dataset record (new classes) without images. */
  saveDataset(dataset: DatasetRecord): Promise<void>;
  /** Writes one batch of images in one transaction; throws StorageFullError / WorkspaceError. */
  addImages(datasetId: string, images: ImageRecord[]): Promise<void>;
  emit(event: DatasetWorkerEvent): void;
  signal: AbortSignal;
  limits?: ImportLimits;
  /** Images per transaction. */
  batchSize?: number;
  /** Files decoded at the same time (createImageBitmap decodes off the worker's thread). */
  concurrency?: number;
  now?: () => number;
}

/** One file to import: where planImport sees it, how problems name it, how to read it. */
interface Source {
  label: string;
  size: number;
  read(): Promise<Uint8Array>;
}

const describe = (error: unknown) => (error instanceof Error && error.message ? error.message : String(error));

/** A DatasetError's reason code; any other failure as `other`, its message without the "file: " prefix. */
function reasonOf(error: unknown, label: string): ImportReason {
  if (error instanceof DatasetError && error.reason) return error.reason;
  const message = describe(error);
  const prefix = `${label}: `;
  return otherReason(message.startsWith(prefix) ? message.slice(prefix.length) : message);
}

const baseName = (path: string) => path.replace(/\\/g, '/').split('/').filter(Boolean).pop() ?? path;

/** Runs one import to its end (done / cancelled / blocked / failed); never throws. */
export async function runImport(command: ImportCommand, deps: ImportDeps): Promise<void> {
  const now = deps.now ?? (() => performance.now());
  const limits = deps.limits ?? DEFAULT_LIMITS;
  const started = now();
  const { importId, datasetId } = command;
  const warnings: ImportNotice[] = [];
  let imported = 0;
  let planned = 0;
  let marked: string | null = null;
  let blockedBy: ImportNotice | null = null;
  const finish = (status: 'done' | 'cancelled' | 'blocked' | 'failed', message: string | null) =>
    deps.emit({
      type: 'import.finished',
      importId,
      datasetId,
      status,
      imported,
      planned,
      warnings,
      blockedBy,
      message,
      seconds: (now() - started) / 1000,
    });
  const report = (problems: ImportProblem[]) => {
    if (problems.length > 0) deps.emit({ type: 'import.problems', importId, problems });
  };

  try {
    report(command.readProblems);
    deps.emit({ type: 'import.progress', importId, datasetId, stage: 'reading', done: 0, total: command.files.length });
    const {
      entries,
      sources,
      problems: zipProblems,
      notices: zipNotices,
    } = await expandZips(command, limits, deps.signal);
    report(zipProblems);
    warnings.push(...zipNotices);
    if (deps.signal.aborted) return finish('cancelled', null);

    const existingNames = deps.existing?.classNames ?? [];
    const plan = planImport(entries, limits, {
      existingClassNames: existingNames,
      targetClass: command.targetClass,
      existingImageCount: deps.existingImageCount,
    });
    report(plan.problems.map((p) => ({ file: sources.get(p.file)?.label ?? p.file, reason: p.reason })));
    warnings.push(...plan.notices);
    blockedBy = plan.blockedBy;
    if (plan.blocked) return finish('blocked', plan.blocked);

    const { dataset, jobs } = assignClasses(plan, deps.existing, command);
    planned = jobs.length;
    if (!dataset) return finish('done', null);
    const ids = jobs.map(() => newImageId());
    const existingClasses = deps.existing?.classNames.length ?? 0;
    let marker = startMarker({
      importId,
      classIndices: jobs.map((j) => j.classIndex),
      classCount: dataset.classNames.length,
      countsBefore: Array.from({ length: existingClasses }, (_, i) => deps.existingCounts?.[i] ?? 0),
      createdDataset: !deps.existing,
      imageIds: ids,
      startedAt: Date.now(),
    });
    if (deps.existing?.importing) marker = resumeMarker(deps.existing.importing, marker);
    const known = deps.existing && deps.knownHashes ? await deps.knownHashes() : new Set<string>();
    await deps.saveDataset({ ...dataset, importing: marker });
    marked = dataset.id;

    const stored = await decodeAndStore(
      jobs.map((j, i) => ({ source: sources.get(j.path)!, classIndex: j.classIndex, id: ids[i] })),
      dataset.id,
      { ...deps, limits, now },
      { report, warn: (w) => warnings.push(w), importId, known },
    );
    imported = stored.imported;
    if (stored.skipped > 0) warnings.push({ code: 'alreadyStored', skipped: stored.skipped, count: jobs.length });
    await unmark();
    return finish(deps.signal.aborted ? 'cancelled' : 'done', null);
  } catch (error) {
    await unmark().catch(() => undefined);
    if (error instanceof StoppedByStorage) {
      imported = error.imported;
      return finish('failed', describe(error.failure));
    }
    return finish('failed', describe(error));
  }

  async function unmark() {
    if (marked === null) return;
    const id = marked;
    marked = null;
    await deps.clearMarker?.(id);
  }
}

/** Top-level zips become their entries; other files stay as they are. */
async function expandZips(command: ImportCommand, limits: ImportLimits, signal: AbortSignal) {
  const entries: ImportEntry[] = command.folders.map((path) => ({ path, size: 0 }));
  const sources = new Map<string, Source>();
  const problems: ImportProblem[] = [];
  const notices: ImportNotice[] = [];
  for (const { path, file } of command.files) {
    if (signal.aborted) break;
    const topLevel = !path.replace(/\\/g, '/').includes('/');
    if (topLevel && extensionOf(path) === 'zip') {
      const zipName = baseName(path);
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await file.arrayBuffer());
      } catch (error) {
        problems.push({ file: zipName, reason: { code: 'readFailed', detail: truncateEcho(describe(error)) } });
        continue;
      }
      const listing = listZip(bytes, zipName, limits);
      problems.push(...listing.problems);
      notices.push(...listing.notices);
      for (const folder of listing.folders) entries.push({ path: folder, size: 0 });
      for (const entry of listing.files) {
        entries.push({ path: entry.path, size: entry.bytes.byteLength });
        const data = entry.bytes;
        sources.set(entry.path, {
          label: zipEntryLabel(zipName, entry.path),
          size: data.byteLength,
          read: async () => data,
        });
      }
    } else {
      entries.push({ path, size: file.size });
      sources.set(path, { label: path, size: file.size, read: async () => new Uint8Array(await file.arrayBuffer()) });
    }
  }
  return { entries, sources, problems, notices };
}

/** The dataset record after the import's new classes are appended, and each planned file's class index. */
function assignClasses(plan: ImportPlan, existing: DatasetRecord | undefined, command: ImportCommand) {
  const classNames = [...(existing?.classNames ?? [])];
  const jobs: { path: string; classIndex: number }[] = [];
  for (const planned of plan.classes) {
    let index = planned.existingIndex;
    if (index === null) {
      index = classNames.length;
      classNames.push(planned.name);
    }
    for (const file of planned.files) jobs.push({ path: file.path, classIndex: index });
  }
  if (!existing && plan.classes.length === 0) return { dataset: null, jobs };
  const changed = !existing || classNames.length !== existing.classNames.length;
  const dataset: DatasetRecord =
    existing && !changed
      ? existing
      : {
          ...existing,
          id: command.datasetId,
          name: existing?.name ?? command.createName ?? 'Dataset',
          classNames,
          createdAt: existing?.createdAt ?? Date.now(),
        };
  return { dataset, jobs };
}

class StoppedByStorage extends Error {
  constructor(
    readonly imported: number,
    readonly failure: unknown,
  ) {
    super('stopped by a failed write');
  }
}

interface Job {
  source: Source;
  classIndex: number;
  /** Made in plan order, so the stored (key) order is the plan's name order whatever order decodes finish in. */
  id: string;
}

/**
 * Decodes `jobs` a few at a time and stores them in batches, skipping images whose pixel hash is in `out.known`;
 * returns how many were stored and skipped.
 */
async function decodeAndStore(
  jobs: Job[],
  datasetId: string,
  deps: ImportDeps & { limits: ImportLimits; now: () => number },
  out: {
    report: (p: ImportProblem[]) => void;
    warn: (w: ImportNotice) => void;
    importId: string;
    known: ReadonlySet<string>;
  },
): Promise<{ imported: number; skipped: number }> {
  const batchSize = deps.batchSize ?? 24;
  const concurrency = deps.concurrency ?? 3;
  let next = 0;
  let done = 0;
  let stored = 0;
  let skipped = 0;
  let pending: ImageRecord[] = [];
  let writing: Promise<void> = Promise.resolve();
  let storageFailure: unknown = null;
  let lastProgress = 0;

  const progress = (force = false) => {
    const t = deps.now();
    if (!force && t - lastProgress < 100) return;
    lastProgress = t;
    deps.emit({
      type: 'import.progress',
      importId: out.importId,
      datasetId,
      stage: 'decoding',
      done,
      total: jobs.length,
    });
  };
  const flush = () => {
    if (pending.length === 0) return writing;
    const batch = pending;
    pending = [];
    writing = writing.then(async () => {
      if (storageFailure) return;
      try {
        await deps.addImages(datasetId, batch);
        stored += batch.length;
      } catch (error) {
        storageFailure = error;
      }
    });
    return writing;
  };

  const lane = async () => {
    while (next < jobs.length && !deps.signal.aborted && !storageFailure) {
      const job = jobs[next];
      next += 1;
      const { label } = job.source;
      try {
        const bytes = await job.source.read();
        const decoded = await deps.decode(bytes, label, deps.limits);
        decoded.notices.forEach(out.warn);
        const hash = pixelHash(decoded.image);
        if (out.known.has(hash)) {
          skipped += 1;
          done += 1;
          progress();
          continue;
        }
        pending.push({
          id: job.id,
          datasetId,
          classIndex: job.classIndex,
          source: label,
          width: decoded.image.width,
          height: decoded.image.height,
          pixels: choosePixelPayload(bytes, IMAGE_MIME[decoded.format], decoded.image),
          thumbnail: decoded.thumbnail,
          pixelHash: hash,
        });
        if (pending.length >= batchSize) await flush();
      } catch (error) {
        out.report([{ file: label, reason: reasonOf(error, label) }]);
      }
      done += 1;
      progress();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, jobs.length)) }, lane));
  await flush();
  progress(true);
  if (storageFailure) throw new StoppedByStorage(stored, storageFailure);
  return { imported: stored, skipped };
}
