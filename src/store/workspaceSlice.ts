/**
 * The stored workspace as the UI sees it: datasets with their class counts, the ids of every image per class
 * (in stored order), the current import (progress, problems), webcam capture counters, runs interrupted by
 * the last reload, and the last workspace failure. Plain data only: thumbnails are Blobs and live outside the
 * store (features/dataset/thumbnailCache.ts), keyed by image id.
 *
 * `reduceWorkspace` folds the dataset worker's events (worker/protocol/dataset.ts) in; it is pure, so the store
 * applies batches of events through it and tests can too.
 */
import type { StateCreator } from 'zustand';
import type { ImportNotice } from '../core/data/importNotices';
import type { ImportProblem } from '../core/data/importPlan';
import type { DatasetWorkerEvent, DatasetSummary, InterruptedRunNotice } from '../worker/protocol/dataset';
import { initialDataset, type DatasetSlice } from './datasetSlice';

export interface ImportState {
  importId: string;
  datasetId: string;
  status: 'running' | 'done' | 'cancelled' | 'blocked' | 'failed';
  stage: 'reading' | 'decoding';
  done: number;
  total: number;
  problems: ImportProblem[];
  warnings: ImportNotice[];
  /** Why it was blocked, as a code to translate (`message` is the English sentence). */
  blockedBy: ImportNotice | null;
  imported: number;
  planned: number;
  /** Why it was blocked or failed (user-facing, from the worker). */
  message: string | null;
  seconds: number | null;
}

export interface WorkspaceFailure {
  operation: string;
  message: string;
  storageFull: boolean;
}

/** One-line confirmations of whole-workspace operations. */
export type WorkspaceNotice =
  | { kind: 'exported'; fileName: string; bytes: number }
  | { kind: 'imported'; datasets: number; images: number; runs: number }
  | { kind: 'cleared' };

export interface WorkspaceState {
  /** 'loading' until the worker has opened the workspace (IndexedDB). */
  status: 'loading' | 'ready';
  /** Oldest first. */
  datasets: DatasetSummary[];
  /** datasetId → class index → image ids, in stored (= added) order. */
  images: Record<string, string[][]>;
  import: ImportState | null;
  interruptedRuns: InterruptedRunNotice[];
  error: WorkspaceFailure | null;
  notice: WorkspaceNotice | null;
  /** A workspace-wide operation under way (export, import, clear), for busy buttons. */
  busy: 'export' | 'import' | 'clear' | null;
}

export interface WorkspaceSlice {
  workspace: WorkspaceState;
  beginImport(importId: string, datasetId: string, total: number): void;
  setWorkspaceBusy(busy: WorkspaceState['busy']): void;
  dismissWorkspaceMessage(what: 'error' | 'notice' | 'interrupted' | 'import'): void;
}

export const initialWorkspace = (): WorkspaceState => ({
  status: 'loading',
  datasets: [],
  images: {},
  import: null,
  interruptedRuns: [],
  error: null,
  notice: null,
  busy: null,
});

export const createWorkspaceSlice: StateCreator<WorkspaceSlice, [], [], WorkspaceSlice> = (set) => ({
  workspace: initialWorkspace(),
  beginImport: (importId, datasetId, total) =>
    set((s) => ({
      workspace: {
        ...s.workspace,
        error: null,
        import: {
          importId,
          datasetId,
          status: 'running',
          stage: 'reading',
          done: 0,
          total,
          problems: [],
          warnings: [],
          blockedBy: null,
          imported: 0,
          planned: 0,
          message: null,
          seconds: null,
        },
      },
    })),
  setWorkspaceBusy: (busy) =>
    set((s) => ({ workspace: { ...s.workspace, busy, ...(busy ? { error: null, notice: null } : {}) } })),
  dismissWorkspaceMessage: (what) =>
    set((s) => {
      const w = s.workspace;
      if (what === 'error') return { workspace: { ...w, error: null } };
      if (what === 'notice') return { workspace: { ...w, notice: null } };
      if (what === 'interrupted') return { workspace: { ...w, interruptedRuns: [] } };
      return { workspace: { ...w, import: w.import?.status === 'running' ? w.import : null } };
    }),
});

const byClass = (classCount: number, entries: readonly { id: string; classIndex: number }[]): string[][] => {
  const lists = Array.from({ length: classCount }, () => [] as string[]);
  for (const e of entries) (lists[e.classIndex] ??= []).push(e.id);
  return lists;
};

function upsert(datasets: DatasetSummary[], dataset: DatasetSummary): DatasetSummary[] {
  const i = datasets.findIndex((d) => d.id === dataset.id);
  if (i < 0) return [...datasets, dataset];
  const next = datasets.slice();
  next[i] = dataset;
  return next;
}

/** Applies one dataset event to the workspace state (returns the same object when nothing changed). */
export function reduceWorkspace(ws: WorkspaceState, event: DatasetWorkerEvent): WorkspaceState {
  switch (event.type) {
    case 'workspace.opened':
      return {
        ...ws,
        status: 'ready',
        datasets: event.datasets,
        images: Object.fromEntries(event.datasets.map((d) => [d.id, ws.images[d.id] ?? d.classNames.map(() => [])])),
        interruptedRuns: [...ws.interruptedRuns, ...event.interruptedRuns],
      };
    case 'dataset.updated': {
      const lists = ws.images[event.dataset.id] ?? [];
      const padded = event.dataset.classNames.map((_, i) => lists[i] ?? []);
      return {
        ...ws,
        datasets: upsert(ws.datasets, event.dataset),
        images: { ...ws.images, [event.dataset.id]: padded },
      };
    }
    case 'dataset.deleted': {
      const images = { ...ws.images };
      delete images[event.datasetId];
      return { ...ws, datasets: ws.datasets.filter((d) => d.id !== event.datasetId), images };
    }
    case 'images.listed': {
      const classCount = ws.datasets.find((d) => d.id === event.datasetId)?.classNames.length ?? 0;
      if (event.replace)
        return { ...ws, images: { ...ws.images, [event.datasetId]: byClass(classCount, event.images) } };
      const lists = (ws.images[event.datasetId] ?? []).slice();
      for (const image of event.images) lists[image.classIndex] = [...(lists[image.classIndex] ?? []), image.id];
      for (let i = 0; i < lists.length; i += 1) lists[i] ??= [];
      return { ...ws, images: { ...ws.images, [event.datasetId]: lists } };
    }
    case 'images.removed': {
      const gone = new Set(event.imageIds);
      const lists = (ws.images[event.datasetId] ?? []).map((ids) =>
        ids.some((id) => gone.has(id)) ? ids.filter((id) => !gone.has(id)) : ids,
      );
      return { ...ws, images: { ...ws.images, [event.datasetId]: lists } };
    }
    case 'class.removed': {
      const lists = (ws.images[event.datasetId] ?? []).filter((_, i) => i !== event.classIndex);
      return { ...ws, images: { ...ws.images, [event.datasetId]: lists } };
    }
    case 'import.progress':
      if (ws.import?.importId !== event.importId) return ws;
      return { ...ws, import: { ...ws.import, stage: event.stage, done: event.done, total: event.total } };
    case 'import.problems':
      if (ws.import?.importId !== event.importId) return ws;
      return { ...ws, import: { ...ws.import, problems: [...ws.import.problems, ...event.problems] } };
    case 'import.finished':
      if (ws.import?.importId !== event.importId) return ws;
      return {
        ...ws,
        import: {
          ...ws.import,
          status: event.status,
          imported: event.imported,
          planned: event.planned,
          warnings: event.warnings,
          blockedBy: event.blockedBy,
          message: event.message,
          seconds: event.seconds,
        },
      };
    case 'workspace.exported':
      return { ...ws, busy: null, notice: { kind: 'exported', fileName: event.fileName, bytes: event.blob.size } };
    case 'workspace.imported':
      return {
        ...ws,
        busy: null,
        notice: { kind: 'imported', datasets: event.datasets, images: event.images, runs: event.runs },
      };
    case 'workspace.cleared':
      return { ...ws, busy: null, notice: { kind: 'cleared' }, import: null, interruptedRuns: [] };
    case 'workspace.error':
      return {
        ...ws,
        busy: null,
        error: { operation: event.operation, message: event.message, storageFull: event.storageFull },
      };
    case 'datasetWorker.error':
      // The worker itself failed: shown as the engine's error (settings), not as a workspace operation's.
      return ws;
    default:
      return assertNever(event);
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled dataset event ${JSON.stringify(value)}`);
}

type Selected = DatasetSlice['dataset'];

/**
 * Keeps the experiment's dataset selection in step with the workspace: restored from the persisted selection
 * at start-up, class names followed when the selected dataset changes, back to the sample when it is deleted.
 * `importingInto`: the dataset an import under way is creating, kept selected though the workspace, opened after
 * the drop, does not list it yet.
 */
export function reduceSelection(
  selected: Selected,
  event: DatasetWorkerEvent,
  importingInto: string | null = null,
): Selected {
  const workspaceOf = (d: DatasetSummary): Selected => ({
    ...initialDataset(),
    kind: 'workspace',
    datasetId: d.id,
    classNames: [...d.classNames],
  });
  switch (event.type) {
    case 'workspace.opened': {
      const wanted = event.selection?.kind === 'workspace' ? event.selection.datasetId : selected.datasetId;
      const found = wanted ? event.datasets.find((d) => d.id === wanted) : undefined;
      if (found) return workspaceOf(found);
      if (selected.kind === 'workspace' && selected.datasetId === importingInto) return selected;
      return selected.kind === 'workspace' || event.selection?.kind === 'sample' ? initialDataset() : selected;
    }
    case 'dataset.updated':
      return selected.datasetId === event.dataset.id ? workspaceOf(event.dataset) : selected;
    case 'dataset.deleted':
      return selected.datasetId === event.datasetId ? initialDataset() : selected;
    default:
      return selected;
  }
}
