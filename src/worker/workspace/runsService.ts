/**
 * The worker's handler of RunsCommands (protocol/runs.ts): the stored run history and thumbnails of example ids.
 * Reads what runRecorder.ts wrote (results as JSON with non-finite numbers encoded, see toRunJson); never writes
 * a run except to delete it. Every command ends with one event; a failure is one `runs.error`.
 */
import type { Dataset, DecodedImage } from '../../core/data/types';
import type { ExperimentConfig } from '../../core/experiment/types';
import { isExperimentResult, migrateResult } from '../../core/experiment/migrateResult';
import { readResultsFile, ResultsFileError } from '../../core/experiment/readResultsFile';
import { heldRunIds } from './runLocks';
import { classCountOf, fromRunJson, partialCurvesOf, toRunJson, type RunProgress } from './runRecorder';
import type { StoredSweep } from '../protocol/sweep';
import {
  RUN_HISTORY_LIMIT,
  type ExampleThumbnail,
  type RunsCommand,
  type RunsEvent,
  type StoredRun,
} from '../protocol/runs';
import type { WorkspaceDb } from './db';
import type { ImageRecord, RunRecord } from './schema';

export interface RunsServiceOptions {
  emit(event: RunsEvent): void;
  workspace(): Promise<WorkspaceDb>;
  /** The built-in sample, all of it (ids `mnist:<class>:<index>`); loaded once per base URL. */
  loadSample(baseUrl: string): Promise<Dataset>;
  /** A small image file of decoded pixels (the browser: PNG through OffscreenCanvas). */
  encodeThumbnail(image: DecodedImage): Promise<Blob>;
  /** Runs this worker is running now (used where the Web Locks API is missing). */
  liveRunIds(): Set<string>;
  /** Ids of runs alive anywhere (their run lock is held); null where locks are unavailable. Default: runLocks.ts. */
  heldRunIds?: () => Promise<Set<string> | null>;
  /** Stores an imported sweep with the finished ones (and lists them again). */
  keepSweep(sweep: StoredSweep): Promise<void>;
  /** A new id for an imported run or sweep. Default: time and a random suffix. */
  newId?: () => string;
}

/** A stored record → what the history shows; tolerant of old or partial records (fields become null). */
export function toStoredRun(record: RunRecord, datasetName: string | null): StoredRun {
  const config = fromRunJson<ExperimentConfig | null>(record.config);
  const payload = fromRunJson<unknown>(record.result);
  const done = record.status === 'done' && isExperimentResult(payload);
  const progress =
    !done && payload && typeof payload === 'object' ? (payload as { progress?: unknown }).progress : undefined;
  const isProgress = (p: unknown): p is RunProgress['progress'] =>
    !!p &&
    typeof (p as { runsDone?: unknown }).runsDone === 'number' &&
    typeof (p as { runCount?: unknown }).runCount === 'number';
  return {
    id: record.id,
    status: record.status,
    config: config && typeof config === 'object' && Array.isArray(config.strategies) ? config : null,
    datasetId: record.datasetId,
    datasetName,
    startedAt: record.startedAt,
    updatedAt: record.updatedAt,
    // Runs stored before schema 2 are re-summarised from their curves (experiment/migrateResult.ts).
    result: done ? migrateResult(payload) : null,
    progress: done
      ? null
      : isProgress(progress)
        ? { trialsDone: progress.runsDone, trialCount: progress.runCount }
        : null,
    partialCurves: done ? [] : partialCurvesOf(payload),
    classCount: done ? null : classCountOf(payload),
    error: record.error ?? null,
    importedFrom: record.importedFrom ?? null,
  };
}

export function createRunsService(options: RunsServiceOptions) {
  const { emit } = options;
  const samples = new Map<string, Promise<Map<string, Dataset['examples'][number]>>>();
  const sampleIndex = (baseUrl: string) => {
    let entry = samples.get(baseUrl);
    if (!entry) {
      entry = options.loadSample(baseUrl).then((d) => new Map(d.examples.map((e) => [e.id, e])));
      entry.catch(() => samples.delete(baseUrl));
      samples.set(baseUrl, entry);
    }
    return entry;
  };

  async function list(): Promise<StoredRun[]> {
    const ws = await options.workspace();
    const [records, datasets] = await Promise.all([ws.listRuns(), ws.listDatasets()]);
    const names = new Map(datasets.map((d) => [d.id, d.name]));
    // A record still 'running' whose run nobody holds was interrupted; the dataset worker marks it so at start-up,
    // perhaps after this list: say so already (without writing).
    const alive = (await (options.heldRunIds ?? heldRunIds)()) ?? options.liveRunIds();
    return records
      .sort((a, b) => b.startedAt - a.startedAt)
      .slice(0, RUN_HISTORY_LIMIT)
      .map((r) =>
        toStoredRun(
          r.status === 'running' && !alive.has(r.id) ? { ...r, status: 'interrupted' } : r,
          r.datasetId ? (names.get(r.datasetId) ?? null) : null,
        ),
      );
  }

  /** Stores a results file made elsewhere as a done run or a sweep; ends with `runs.imported` or `runs.importFailed`. */
  async function importFile(fileName: string, text: string): Promise<void> {
    let file;
    try {
      file = readResultsFile(text);
    } catch (error) {
      if (!(error instanceof ResultsFileError)) throw error;
      emit({ type: 'runs.importFailed', fileName, problem: error.problem, detail: error.message });
      return;
    }
    const id = (options.newId ?? newImportId)();
    const startedAt = Date.parse(file.result.startedAt);
    const when = Number.isFinite(startedAt) ? startedAt : Date.now();
    if (file.kind === 'sweep') {
      await options.keepSweep({ id, label: fileName, startedAt: when, result: file.result });
      emit({ type: 'runs.imported', fileName, kind: 'sweep', id });
      return;
    }
    const ws = await options.workspace();
    await ws.putRun({
      id,
      datasetId: null,
      config: toRunJson(file.result.config),
      status: 'done',
      result: toRunJson(file.result),
      startedAt: when,
      updatedAt: Date.now(),
      importedFrom: fileName,
    });
    emit({ type: 'runs.imported', fileName, kind: 'run', id });
    emit({ type: 'runs.listed', runs: await list() });
  }

  async function thumbnails(ids: readonly string[], baseUrl: string): Promise<ExampleThumbnail[]> {
    const sampleIds = ids.filter((id) => id.startsWith('mnist:'));
    const sample = sampleIds.length > 0 ? await sampleIndex(baseUrl) : null;
    const ws = ids.length > sampleIds.length ? await options.workspace() : null;
    return Promise.all(
      ids.map(async (id): Promise<ExampleThumbnail> => {
        if (sample && id.startsWith('mnist:')) {
          const example = sample.get(id);
          return example
            ? { id, blob: await options.encodeThumbnail(example.image), source: example.source }
            : { id, blob: null, source: null };
        }
        const record = (await ws!.db.get('images', id)) as ImageRecord | undefined;
        return record ? { id, blob: record.thumbnail, source: record.source } : { id, blob: null, source: null };
      }),
    );
  }

  async function dispatch(command: RunsCommand): Promise<void> {
    switch (command.type) {
      case 'runs.list':
        emit({ type: 'runs.listed', runs: await list() });
        return;
      case 'runs.delete': {
        const ws = await options.workspace();
        const deleted: string[] = [];
        for (const id of command.runIds) {
          const record = await ws.getRun(id);
          if (!record || record.status === 'running') continue;
          await ws.deleteRun(id);
          deleted.push(id);
        }
        emit({ type: 'runs.deleted', runIds: deleted });
        return;
      }
      case 'examples.fetch':
        emit({
          type: 'examples.fetched',
          requestId: command.requestId,
          thumbnails: await thumbnails(command.ids, command.baseUrl),
        });
        return;
      case 'runs.import':
        await importFile(command.fileName, command.text);
        return;
      default:
        assertNever(command);
    }
  }

  return {
    /** Handles one command to its end; failures become `runs.error` (and, for thumbnails, an empty answer). */
    async handle(command: RunsCommand): Promise<void> {
      try {
        await dispatch(command);
      } catch (error) {
        emit({
          type: 'runs.error',
          operation: command.type,
          message: error instanceof Error ? error.message : String(error),
        });
        if (command.type === 'examples.fetch') {
          emit({
            type: 'examples.fetched',
            requestId: command.requestId,
            thumbnails: command.ids.map((id) => ({ id, blob: null, source: null })),
          });
        }
      }
    },
  };
}

const newImportId = () => `imported-${Date.now().toString(36)}-${Math.floor(Math.random() * 36 ** 4).toString(36)}`;

function assertNever(command: never): never {
  throw new Error(`unknown runs command ${JSON.stringify(command)}`);
}
