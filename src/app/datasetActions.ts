/**
 * DatasetActions as commands to the DATASET worker (worker/datasets/dataset.worker.ts: imports, webcam frames and
 * edits stay responsive while the engine worker measures backends or trains), its events batched per frame into the
 * store, plus the side effects of dataset events that do not belong in the store: thumbnail Blobs into the
 * thumbnail cache (before the store shows their ids), pruning it when images go, downloading an exported
 * workspace, and showing the last finished run again after a reload. Opens the workspace at once (the worker first
 * marks runs interrupted by the previous page).
 */
import type { ExperimentConfig, ExperimentResult } from '../core/experiment/types';
import { isExperimentResult, migrateResult } from '../core/experiment/migrateResult';
import type { DatasetActions } from '../features/dataset/actions';
import { thumbnailCache } from '../features/dataset/thumbnailCache';
import type { useStudioStore } from '../store';
import { createBatcher } from '../store/batcher';
import { createRun, type RunState } from '../store/runs';
import type { DatasetClient } from '../worker/client';
import type { DatasetWorkerEvent } from '../worker/protocol/dataset';
import { downloadBlob } from './download';

const newId = (prefix: string) =>
  `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 6).toString(36)}`;

/** A finished run as the runs panel shows it, rebuilt from its stored record. */
export function restoreRun(record: {
  id: string;
  config: unknown;
  result: unknown;
  startedAt: number;
}): RunState | null {
  if (!isExperimentResult(record.result)) return null;
  const result: ExperimentResult = migrateResult(record.result);
  const config = (record.config ?? result.config) as ExperimentConfig;
  const run = createRun(record.id, config, new Date(record.startedAt).toISOString());
  return {
    ...run,
    status: 'done',
    phase: 'done',
    result,
    trialCount: result.runs.length,
    trialsDone: result.runs.length,
    curves: result.runs.map((trial) => ({ strategy: trial.strategy, seed: trial.seed, points: trial.curve })),
    cacheSeconds: Object.fromEntries(result.runs.map((trial) => [trial.strategy, trial.cacheSeconds])),
  };
}

/** Returns the actions and `dispose`, which stops listening to the client. */
export function createDatasetActions(
  store: typeof useStudioStore,
  client: DatasetClient,
): DatasetActions & { dispose(): void } {
  let pruneWanted = false;
  const batcher = createBatcher<DatasetWorkerEvent>((events) => {
    store.getState().applyEngineEvents(events);
    // The store now lists every image the events left: drop thumbnails of images no longer listed.
    if (pruneWanted) {
      pruneWanted = false;
      const keep = new Set<string>();
      for (const lists of Object.values(store.getState().workspace.images))
        for (const ids of lists) for (const id of ids) keep.add(id);
      thumbnailCache.retain(keep);
    }
  });
  /** After removals: prune once the batch holding them is in the store (see the batcher above). */
  const schedulePrune = () => {
    pruneWanted = true;
  };
  const onEvent = (event: DatasetWorkerEvent) => {
    switch (event.type) {
      case 'images.listed':
        for (const image of event.images) thumbnailCache.put(image.id, { blob: image.thumbnail, source: image.source });
        if (event.replace) schedulePrune();
        return;
      case 'images.removed':
        thumbnailCache.delete(event.imageIds);
        return;
      case 'class.removed':
      case 'dataset.deleted':
      case 'workspace.cleared':
        schedulePrune();
        return;
      case 'import.finished':
        // An import into a new dataset that created nothing (every file rejected) leaves nothing to select.
        setTimeout(() => {
          const state = store.getState();
          if (
            state.dataset.datasetId === event.datasetId &&
            !state.workspace.datasets.some((d) => d.id === event.datasetId)
          ) {
            state.selectDataset(null);
          }
        }, 300);
        return;
      case 'workspace.exported':
        downloadBlob(event.blob, event.fileName);
        return;
      case 'workspace.opened':
        if (event.lastRun && !store.getState().run) {
          const run = restoreRun(event.lastRun);
          if (run) store.setState({ run });
        }
        return;
      default:
        return;
    }
  };
  const unsubscribe = client.subscribe((event) => {
    onEvent(event);
    batcher.push(event);
  });
  void client.send({ type: 'workspace.open' });

  return {
    dispose: unsubscribe,
    createDataset(name, classNames) {
      const datasetId = newId('d');
      void client.send({ type: 'dataset.create', datasetId, name, classNames });
      store.getState().selectDataset({ datasetId, classNames });
      void client.send({ type: 'dataset.select', selection: { kind: 'workspace', datasetId } });
      return datasetId;
    },
    renameDataset(datasetId, name) {
      void client.send({ type: 'dataset.rename', datasetId, name });
    },
    deleteDataset(datasetId) {
      void client.send({ type: 'dataset.delete', datasetId });
    },
    selectDataset(selection) {
      if (selection.kind === 'sample') store.getState().selectDataset(null);
      else {
        const found = store.getState().workspace.datasets.find((d) => d.id === selection.datasetId);
        store.getState().selectDataset({ datasetId: selection.datasetId, classNames: found?.classNames ?? [] });
      }
      void client.send({ type: 'dataset.select', selection });
    },
    addClass(datasetId, name) {
      void client.send({ type: 'class.add', datasetId, name });
    },
    renameClass(datasetId, classIndex, name) {
      void client.send({ type: 'class.rename', datasetId, classIndex, name });
    },
    deleteClass(datasetId, classIndex) {
      void client.send({ type: 'class.delete', datasetId, classIndex });
    },
    deleteImages(datasetId, imageIds) {
      void client.send({ type: 'images.delete', datasetId, imageIds });
    },
    importFiles(request) {
      const importId = newId('import-');
      const datasetId = request.datasetId ?? newId('d');
      store.getState().beginImport(importId, datasetId, request.files.length);
      if (!request.datasetId) {
        store.getState().selectDataset({ datasetId, classNames: [] });
        void client.send({ type: 'dataset.select', selection: { kind: 'workspace', datasetId } });
      }
      void client.send({
        type: 'import.start',
        importId,
        datasetId,
        createName: request.createName,
        files: request.files.map(({ path, file }) => ({ path, file })),
        folders: request.folders,
        readProblems: request.readProblems,
        ...(request.targetClass !== undefined ? { targetClass: request.targetClass } : {}),
      });
      return datasetId;
    },
    cancelImport() {
      const current = store.getState().workspace.import;
      if (current?.status === 'running') void client.send({ type: 'import.cancel', importId: current.importId });
    },
    keepImport(datasetId) {
      void client.send({ type: 'import.keep', datasetId });
    },
    undoImport(datasetId) {
      void client.send({ type: 'import.undo', datasetId });
    },
    captureFrame(datasetId, classIndex, frame, source) {
      return client.send({ type: 'capture.frame', datasetId, classIndex, frame, source }, [frame]);
    },
    flushCapture() {
      return client.send({ type: 'capture.flush' });
    },
    exportWorkspace() {
      store.getState().setWorkspaceBusy('export');
      void client.send({ type: 'workspace.export' });
    },
    importWorkspace(file) {
      store.getState().setWorkspaceBusy('import');
      void client.send({ type: 'workspace.import', file, fileName: file.name });
    },
    clearWorkspace() {
      store.getState().setWorkspaceBusy('clear');
      store.getState().selectDataset(null);
      void client.send({ type: 'workspace.clear' });
    },
  };
}
