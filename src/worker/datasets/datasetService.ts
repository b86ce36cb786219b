/**
 * The dataset worker's handler of its commands (protocol/dataset.ts): the IndexedDB workspace (WorkspaceDb) opened
 * once, runs left 'running' by a reload marked 'interrupted' before anything else touches it, imports, class and
 * image edits, webcam frames, workspace export/import, and stored datasets loaded for runExperiment.
 *
 * Consistency: every write goes through `withLock(datasetId)`, so edits of one dataset never interleave (an
 * import's batches, webcam batches, a class deletion). Class edits are refused while an import into the same
 * dataset runs (its class indices were fixed when it started). Every command ends with events; a failure is one
 * `workspace.error` whose message says what was not saved (StorageFullError: `storageFull: true`).
 */
import { pixelHash } from '../../core/data/duplicates';
import { classKey } from '../../core/data/importPlan';
import type { ImportLimits } from '../../core/data/limits';
import { createBrowserDecoder, decodeImageForImport } from './browserDecode';
import type {
  DatasetWorkerCommand,
  DatasetWorkerEvent,
  DatasetSelection,
  DatasetSummary,
  ImageEntry,
  InterruptedRunNotice,
} from '../protocol/dataset';
import { runImport } from './import';
import {
  countByClass,
  deleteClass,
  markInterrupted,
  readWorkspaceIndex,
  summarize,
  toEntry,
  undoImport,
} from '../workspace/records';
import { heldImportIds, holdImportLock, settledHeldRunIds } from '../workspace/runLocks';
import { fromRunJson, partialCurvesOf, type RunProgress } from '../workspace/runRecorder';
import { createFrameQueue, frameToRecord } from './webcamFrames';
import { exportWorkspace, importWorkspace } from '../workspace/archive';
import { DatasetCache } from '../workspace/datasetLoader';
import { StorageFullError, WorkspaceDb, WorkspaceError } from '../workspace/db';
import type { DatasetRecord, ImageRecord, RunRecord } from '../workspace/schema';

const SELECTION_KEY = 'studio.datasetSelection';

export interface DatasetServiceOptions {
  emit(event: DatasetWorkerEvent): void;
  /** Opens the workspace; tests pass one with a fresh name. */
  openWorkspace?: () => Promise<WorkspaceDb>;
  /** decodeImageForImport by default. */
  decode?: typeof decodeImageForImport;
  /** DEFAULT_LIMITS by default. */
  limits?: ImportLimits;
  /** Imports alive in any tab (Web Locks, runLocks.ts) by default; tests pass their own. */
  heldImportIds?: () => Promise<Set<string> | null>;
  /** Told after every write: the dataset that changed, or null for the whole workspace (import, clear). */
  onChange?: (datasetId: string | null) => void;
}

export function createDatasetService(options: DatasetServiceOptions) {
  const { emit } = options;
  const decode = options.decode ?? decodeImageForImport;
  const decoder = createBrowserDecoder();
  /** Datasets with their live counts, kept in step with every write. */
  const summaries = new Map<string, DatasetSummary>();
  const imports = new Map<string, { controller: AbortController; datasetId: string }>();
  const locks = new Map<string, Promise<unknown>>();

  let ready: Promise<{ ws: WorkspaceDb; interrupted: RunRecord[] }> | null = null;
  /** Imports running in other tabs when this one opened (their markers are not interruptions). */
  let importsElsewhere = new Set<string>();
  /** The workspace, opened once; runs interrupted by the previous page are marked before first use. */
  const open = () => {
    ready ??= (async () => {
      const ws = await (options.openWorkspace ?? (() => WorkspaceDb.open()))();
      const [runsAlive, importsAlive] = await Promise.all([
        settledHeldRunIds(),
        settledHeldRunIds(undefined, undefined, options.heldImportIds ?? heldImportIds),
      ]);
      importsElsewhere = importsAlive ?? new Set();
      return { ws, interrupted: await markInterrupted(ws, runsAlive) };
    })();
    ready.catch(() => (ready = null));
    return ready;
  };
  const workspace = async () => (await open()).ws;
  const cache = new DatasetCache(workspace, decoder);

  function withLock<T>(datasetId: string, body: () => Promise<T>): Promise<T> {
    const previous = locks.get(datasetId) ?? Promise.resolve();
    const next = previous.then(body, body);
    const settled = next.catch(() => undefined);
    locks.set(datasetId, settled);
    void settled.then(() => {
      if (locks.get(datasetId) === settled) locks.delete(datasetId);
    });
    return next;
  }

  const notify = (datasetId: string | null) => {
    cache.invalidate(datasetId ?? undefined);
    options.onChange?.(datasetId);
  };
  const importRunning = (datasetId: string) => [...imports.values()].some((i) => i.datasetId === datasetId);
  /** True when the dataset's import marker belongs to an import alive here or in another tab. */
  const markerAlive = (dataset: DatasetRecord) =>
    importRunning(dataset.id) || (!!dataset.importing && importsElsewhere.has(dataset.importing.importId));
  const changed = (dataset: DatasetRecord, counts?: number[]) => {
    const previous = summaries.get(dataset.id);
    const summary = summarize(dataset, counts ?? previous?.counts ?? [], markerAlive(dataset));
    summaries.set(dataset.id, summary);
    notify(dataset.id);
    emit({ type: 'dataset.updated', dataset: summary });
  };

  const requireDataset = async (ws: WorkspaceDb, datasetId: string): Promise<DatasetRecord> => {
    const dataset = await ws.getDataset(datasetId);
    if (!dataset)
      throw new WorkspaceError(
        'This dataset no longer exists (it was deleted, perhaps in another tab): reload the page',
      );
    return dataset;
  };

  const refuseWhileImporting = (datasetId: string) => {
    if (importRunning(datasetId)) {
      throw new WorkspaceError('An import into this dataset is under way: wait for it to finish or cancel it first');
    }
  };

  /** A class name that is not empty and not already used (compared as import merges folders). */
  const checkClassName = (dataset: DatasetRecord, name: string, except?: number): string => {
    const clean = name.normalize('NFC').trim();
    if (!clean) throw new WorkspaceError('A class needs a name');
    const clash = dataset.classNames.findIndex((n, i) => i !== except && classKey(n) === classKey(clean));
    if (clash >= 0)
      throw new WorkspaceError(
        `There is already a class “${dataset.classNames[clash]}” in this dataset: choose another name`,
      );
    return clean;
  };

  /** Stores images (one transaction) and tells the UI; used by imports and webcam batches. */
  const addImages = (datasetId: string, images: ImageRecord[]) =>
    withLock(datasetId, async () => {
      const ws = await workspace();
      await ws.addImages(datasetId, images);
      const summary = summaries.get(datasetId);
      const dataset = await requireDataset(ws, datasetId);
      const counts = summary ? [...summary.counts] : [];
      for (const image of images) counts[image.classIndex] = (counts[image.classIndex] ?? 0) + 1;
      const sorted = [...images].sort((a, b) => (a.id < b.id ? -1 : 1));
      emit({ type: 'images.listed', datasetId, images: sorted.map(toEntry), replace: false });
      changed(dataset, counts);
    });

  const frames = createFrameQueue(async (datasetId, images) => {
    try {
      await addImages(datasetId, images);
    } catch (error) {
      report('capture.frame', error);
    }
  });

  const report = (operation: DatasetWorkerCommand['type'], error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    emit({ type: 'workspace.error', operation, message, storageFull: error instanceof StorageFullError });
  };

  /** workspace.opened (datasets, selection, interrupted runs, last finished run), then every dataset's images. */
  async function announce(interrupted: RunRecord[]): Promise<void> {
    const ws = await workspace();
    const index = await readWorkspaceIndex(ws);
    summaries.clear();
    for (const d of index.datasets)
      summaries.set(
        d.id,
        summarize(d, countByClass(index.images.get(d.id) ?? [], d.classNames.length), markerAlive(d)),
      );
    const names = new Map(index.datasets.map((d) => [d.id, d.name]));
    const runs = await ws.listRuns();
    const lastDone = runs.filter((r) => r.status === 'done' && r.result).sort((a, b) => b.updatedAt - a.updatedAt)[0];
    const selection = ((await ws.getSetting(SELECTION_KEY)) ?? null) as DatasetSelection | null;
    emit({
      type: 'workspace.opened',
      datasets: [...summaries.values()],
      selection,
      interruptedRuns: interrupted.map((r) => toNotice(r, names)),
      lastRun: lastDone
        ? {
            id: lastDone.id,
            config: fromRunJson(lastDone.config),
            result: fromRunJson(lastDone.result),
            startedAt: lastDone.startedAt,
          }
        : null,
    });
    for (const d of index.datasets)
      emit({ type: 'images.listed', datasetId: d.id, images: index.images.get(d.id) ?? [], replace: true });
  }

  async function dispatch(command: DatasetWorkerCommand): Promise<void> {
    switch (command.type) {
      case 'workspace.open': {
        const { interrupted } = await open();
        await announce(interrupted);
        return;
      }
      case 'dataset.create': {
        const ws = await workspace();
        const dataset: DatasetRecord = {
          id: command.datasetId,
          name: command.name.trim() || 'Dataset',
          classNames: command.classNames,
          createdAt: Date.now(),
        };
        await withLock(dataset.id, () => ws.saveDataset(dataset));
        changed(
          dataset,
          dataset.classNames.map(() => 0),
        );
        emit({ type: 'images.listed', datasetId: dataset.id, images: [], replace: true });
        return;
      }
      case 'dataset.rename':
        await withLock(command.datasetId, async () => {
          const ws = await workspace();
          const dataset = { ...(await requireDataset(ws, command.datasetId)), name: command.name.trim() || 'Dataset' };
          await ws.saveDataset(dataset);
          changed(dataset);
        });
        return;
      case 'dataset.delete':
        refuseWhileImporting(command.datasetId);
        await frames.flush();
        await withLock(command.datasetId, async () => {
          await (await workspace()).deleteDataset(command.datasetId);
          summaries.delete(command.datasetId);
          notify(command.datasetId);
          emit({ type: 'dataset.deleted', datasetId: command.datasetId });
        });
        return;
      case 'dataset.select':
        await (await workspace()).putSetting(SELECTION_KEY, command.selection);
        return;
      case 'class.add':
        await withLock(command.datasetId, async () => {
          const ws = await workspace();
          const dataset = await requireDataset(ws, command.datasetId);
          const next = { ...dataset, classNames: [...dataset.classNames, checkClassName(dataset, command.name)] };
          await ws.saveDataset(next);
          changed(next, [...(summaries.get(dataset.id)?.counts ?? []), 0]);
        });
        return;
      case 'class.rename':
        refuseWhileImporting(command.datasetId);
        await withLock(command.datasetId, async () => {
          const ws = await workspace();
          const dataset = await requireDataset(ws, command.datasetId);
          const classNames = [...dataset.classNames];
          classNames[command.classIndex] = checkClassName(dataset, command.name, command.classIndex);
          const next = { ...dataset, classNames };
          await ws.saveDataset(next);
          changed(next);
        });
        return;
      case 'class.delete':
        refuseWhileImporting(command.datasetId);
        await frames.flush();
        await withLock(command.datasetId, async () => {
          const next = await deleteClass(await workspace(), command.datasetId, command.classIndex);
          const counts = (summaries.get(command.datasetId)?.counts ?? []).filter((_, i) => i !== command.classIndex);
          emit({ type: 'class.removed', datasetId: command.datasetId, classIndex: command.classIndex });
          changed(next, counts);
        });
        return;
      case 'images.delete':
        await frames.flush();
        await withLock(command.datasetId, async () => {
          const ws = await workspace();
          const dataset = await requireDataset(ws, command.datasetId);
          const found = (await Promise.all(command.imageIds.map((id) => ws.db.get('images', id)))) as (
            ImageRecord | undefined
          )[];
          const present = found.filter((r): r is ImageRecord => r?.datasetId === command.datasetId);
          await ws.deleteImages(present.map((r) => r.id));
          const counts = [...(summaries.get(dataset.id)?.counts ?? [])];
          for (const r of present) counts[r.classIndex] = Math.max(0, (counts[r.classIndex] ?? 1) - 1);
          emit({ type: 'images.removed', datasetId: dataset.id, imageIds: present.map((r) => r.id) });
          changed(dataset, counts);
        });
        return;
      case 'import.start':
        await startImport(command);
        return;
      case 'import.cancel':
        imports.get(command.importId)?.controller.abort();
        return;
      case 'import.keep':
        refuseWhileImporting(command.datasetId);
        await withLock(command.datasetId, async () => changed(await clearMarker(command.datasetId)));
        return;
      case 'import.undo':
        refuseWhileImporting(command.datasetId);
        await frames.flush();
        await withLock(command.datasetId, () => undo(command.datasetId));
        return;
      case 'capture.frame': {
        const summary = summaries.get(command.datasetId);
        if (!summary) throw new WorkspaceError('Choose or create a dataset before capturing');
        if (!(command.classIndex >= 0 && command.classIndex < summary.classNames.length))
          throw new WorkspaceError('Choose a class to capture into');
        frames.add(await frameToRecord(command.frame, command.datasetId, command.classIndex, command.source));
        return;
      }
      case 'capture.flush':
        await frames.flush();
        return;
      case 'workspace.export': {
        await frames.flush();
        const blob = await exportWorkspace(await workspace());
        emit({
          type: 'workspace.exported',
          blob,
          fileName: `transfer-studio-workspace-${new Date().toISOString().slice(0, 10)}.zip`,
        });
        return;
      }
      case 'workspace.import': {
        if (imports.size > 0)
          throw new WorkspaceError('An import is under way: wait for it to finish or cancel it first');
        await frames.flush();
        const summary = await importWorkspace(await workspace(), command.file, {
          fileName: command.fileName,
          mode: 'replace',
        });
        notify(null);
        emit({ type: 'workspace.imported', datasets: summary.datasets, images: summary.images, runs: summary.runs });
        await announce([]);
        return;
      }
      case 'workspace.clear': {
        if (imports.size > 0)
          throw new WorkspaceError('An import is under way: wait for it to finish or cancel it first');
        await frames.flush();
        await (
          await workspace()
        ).writeAll(
          { datasets: [], images: [], runs: [], models: [], settings: [] },
          'replace',
          'clearing the workspace',
        );
        notify(null);
        emit({ type: 'workspace.cleared' });
        await announce([]);
        return;
      }
      default:
        assertNever(command);
    }
  }

  /** Removes the import marker of a stored dataset (read-modify-write); returns the record as stored. */
  async function clearMarker(datasetId: string): Promise<DatasetRecord> {
    const ws = await workspace();
    const { importing, ...dataset } = await requireDataset(ws, datasetId);
    if (importing) await ws.saveDataset(dataset);
    return dataset;
  }

  /** import.undo: what the interrupted import stored goes, then the UI is told what changed. */
  async function undo(datasetId: string): Promise<void> {
    const ws = await workspace();
    await requireDataset(ws, datasetId);
    const after = await undoImport(ws, datasetId);
    notify(datasetId);
    if (!after) {
      summaries.delete(datasetId);
      emit({ type: 'dataset.deleted', datasetId });
      return;
    }
    const entries: ImageEntry[] = [];
    await ws.forEachImage(datasetId, (image) => entries.push(toEntry(image)));
    entries.sort((x, y) => (x.id < y.id ? -1 : 1));
    changed(after, countByClass(entries, after.classNames.length));
    emit({ type: 'images.listed', datasetId, images: entries, replace: true });
  }

  /** Pixel hashes of a stored dataset's images; older records without one are decoded and hashed. */
  async function knownHashes(datasetId: string): Promise<Set<string>> {
    const ws = await workspace();
    const hashes = new Set<string>();
    const unhashed: ImageRecord[] = [];
    await ws.forEachImage(datasetId, (image) => {
      if (image.pixelHash) hashes.add(image.pixelHash);
      else unhashed.push(image);
    });
    for (const { pixels, source } of unhashed) {
      try {
        const image =
          pixels.kind === 'rgb'
            ? { width: pixels.width, height: pixels.height, data: new Uint8Array(pixels.data) }
            : await decoder.decode(new Uint8Array(pixels.data), source);
        hashes.add(pixelHash(image));
      } catch {
        // An image that no longer decodes cannot be a copy of a new one.
      }
    }
    return hashes;
  }

  async function startImport(command: Extract<DatasetWorkerCommand, { type: 'import.start' }>): Promise<void> {
    const controller = new AbortController();
    imports.set(command.importId, { controller, datasetId: command.datasetId });
    let release = () => {};
    try {
      const ws = await workspace();
      // Taken after the workspace is open, so this tab's own start-up does not wait for it.
      release = await holdImportLock(command.importId);
      const existing = await ws.getDataset(command.datasetId);
      const existingImageCount = existing ? await ws.countImages(command.datasetId) : 0;
      await runImport(command, {
        existing,
        existingImageCount,
        existingCounts: summaries.get(command.datasetId)?.counts ?? [],
        knownHashes: () => knownHashes(command.datasetId),
        clearMarker: (datasetId) => withLock(datasetId, async () => changed(await clearMarker(datasetId))),
        decode,
        saveDataset: (dataset) =>
          withLock(dataset.id, async () => {
            await ws.saveDataset(dataset);
            const counts = summaries.get(dataset.id)?.counts ?? [];
            if (!existing) emit({ type: 'images.listed', datasetId: dataset.id, images: [], replace: true });
            changed(
              dataset,
              dataset.classNames.map((_, i) => counts[i] ?? 0),
            );
          }),
        addImages,
        emit,
        signal: controller.signal,
        limits: options.limits,
      });
    } finally {
      release();
      imports.delete(command.importId);
    }
  }

  return {
    /** Handles one command to its end; failures become `workspace.error` events (never rejects). */
    async handle(command: DatasetWorkerCommand): Promise<void> {
      try {
        await dispatch(command);
      } catch (error) {
        report(command.type, error);
      }
    },
    /** The workspace (opened on first use, interrupted runs marked first). */
    workspace,
    /** A stored dataset as a core Dataset for runExperiment (decoded once, kept until it changes). */
    loadDataset: cache.load.bind(cache),
    /** The stored name of a dataset (for run records and messages). */
    datasetName: (datasetId: string): string | null => summaries.get(datasetId)?.name ?? null,
  };
}

function toNotice(run: RunRecord, names: Map<string, string>): InterruptedRunNotice {
  const config = (fromRunJson<Record<string, unknown>>(run.config) ?? {}) as {
    strategies?: unknown;
    seeds?: unknown;
    epochs?: unknown;
  };
  const progress = fromRunJson<Partial<RunProgress> | null>(run.result)?.progress;
  return {
    id: run.id,
    startedAt: run.startedAt,
    updatedAt: run.updatedAt,
    datasetName: run.datasetId ? (names.get(run.datasetId) ?? null) : null,
    strategies: Array.isArray(config.strategies) ? config.strategies.map(String) : [],
    seeds: typeof config.seeds === 'number' ? config.seeds : 0,
    epochs: typeof config.epochs === 'number' ? config.epochs : 0,
    trialsDone: typeof progress?.runsDone === 'number' ? progress.runsDone : null,
    trialCount: typeof progress?.runCount === 'number' ? progress.runCount : null,
    epochsKept: partialCurvesOf(fromRunJson(run.result)).reduce(
      (n, c) => n + c.points.filter((p) => p.epoch > 0).length,
      0,
    ),
  };
}

function assertNever(command: never): never {
  throw new Error(`unknown dataset command ${JSON.stringify(command)}`);
}
