/**
 * Wiring of the worker clients and the store: engine events go through a per-frame batcher into the store (the
 * dataset worker's through their own, datasetActions.ts); the UI's EngineActions become protocol commands. Also exposes a small read-only hook on `window` for tests
 * and debugging (`window.__transferStudio`).
 */
import type { ExperimentResult } from '../core/experiment/types';
import { DIGITS_AB } from '../core/experiment/digitsAb';
import type { EngineActions } from '../features/engineActions';
import { createBatcher } from '../store/batcher';
import { restartBlock, selectExperimentConfig, useStudioStore, type StudioState } from '../store';
import type { DatasetClient, EngineClient } from '../worker/client';
import type { DatasetSource, EngineEvent } from '../worker/protocol/engine';
import { createBackboneActions } from './backboneActions';
import { createDatasetActions } from './datasetActions';
import { createClassifierActions } from './classifierActions';
import { createFewShotActions } from './fewshotActions';
import { createSaveCaptures } from './fewshotDataset';
import { createLabActions } from './labActions';
import { createRunsActions } from './runsActions';
import { createTransferActions } from './transferActions';
import { createPhotoBackboneDefault, looksLikePhotos } from './photoBackbone';
import { createSweepActions } from './sweepActions';

export interface StudioTestHook {
  /** The last ExperimentResult exactly as the worker sent it; null before one. */
  lastResult(): ExperimentResult | null;
  /** A snapshot of the store's data (after delivering pending events). */
  state(): Pick<StudioState, 'settings' | 'dataset' | 'backbone' | 'strategy' | 'run' | 'transfer' | 'sweeps'>;
}

declare global {
  interface Window {
    __transferStudio?: StudioTestHook;
  }
}

/** Returns the actions the UI uses and `dispose`, which stops listening to both clients. */
export function connectStudio(
  client: EngineClient,
  datasets: DatasetClient,
  store = useStudioStore,
): EngineActions & { dispose(): void } {
  const datasetActions = createDatasetActions(store, datasets);
  const batcher = createBatcher<EngineEvent>((events) => store.getState().applyEngineEvents(events));
  const unsubscribe = client.subscribe((event) => batcher.push(event));
  let runCounter = 0;

  if (typeof window !== 'undefined') {
    window.__transferStudio = {
      lastResult: () => client.lastResult(),
      state: () => {
        batcher.flush();
        const { settings, dataset, backbone, strategy, run, transfer, sweeps } = store.getState();
        return { settings, dataset, backbone, strategy, run, transfer, sweeps };
      },
    };
  }

  const backboneActions = createBackboneActions(client, store);
  const photoBackbone = createPhotoBackboneDefault();
  /** Photos and webcam frames arriving in a dataset: the built-in MobileNet instead of the digits network. */
  const defaultForPhotos = (datasetId: string, photos: boolean) => {
    const { backbone, run } = store.getState();
    if (run?.status === 'running') return;
    const next = photoBackbone(datasetId, photos, backbone.pending?.id ?? backbone.id);
    if (next) backboneActions.loadBackbone(next);
  };

  const captureFrame: EngineActions['captureFrame'] = (datasetId, classIndex, frame, source) => {
    defaultForPhotos(datasetId, true);
    return datasetActions.captureFrame(datasetId, classIndex, frame, source);
  };

  /** What an experiment runs on: a stored dataset, or (null) the whole built-in sample, split by core as the CLI
   * preset is (validation first, then perClass). */
  const runDataset = (datasetId: string | null): DatasetSource =>
    datasetId
      ? { kind: 'workspace', datasetId, baseUrl: document.baseURI }
      : { kind: 'sample', id: 'digits', baseUrl: document.baseURI, perClass: DIGITS_AB.imagesPerClass };

  /**
   * Once the first backbone is in and the built-in sample is selected, the engine reads the sample and groups its
   * duplicates ahead of the first run (dataset.prepare), which then starts with its cache. Not before: the backbone
   * load, which Run waits for, would wait for it too.
   */
  const stopPreparing = store.subscribe((state) => {
    if (state.dataset.kind !== 'sample' || state.backbone.loaded === null || state.run?.status === 'running') return;
    stopPreparing();
    void client.send({ type: 'dataset.prepare', source: runDataset(null) }).catch(() => undefined);
  });

  return {
    ...backboneActions,
    ...datasetActions,
    importFiles(request) {
      const datasetId = datasetActions.importFiles(request);
      if (!request.datasetId) defaultForPhotos(datasetId, looksLikePhotos(request.files));
      return datasetId;
    },
    captureFrame,
    ...createRunsActions(client),
    ...createClassifierActions(client, store),
    ...createFewShotActions(client),
    saveFewShotCaptures: createSaveCaptures({ ...datasetActions, captureFrame }, store),
    ...createLabActions(client),
    ...createTransferActions(client, store),
    ...createSweepActions(client, store),
    runExperiment() {
      const state = store.getState();
      if (state.run?.status === 'running') return state.run.runId;
      const config = selectExperimentConfig(state);
      const runId = `run-${Date.now().toString(36)}-${++runCounter}`;
      state.startRun(runId, config);
      const { kind, datasetId } = state.dataset;
      void client.send({
        type: 'experiment.run',
        runId,
        config,
        dataset: runDataset(kind === 'workspace' ? datasetId : null),
      });
      return runId;
    },
    restartRun(storedId, mode) {
      const state = store.getState();
      const entry = state.history.runs.find((r) => r.id === storedId);
      const datasets = state.workspace.datasets;
      const running = state.run?.status === 'running';
      if (!entry?.config || restartBlock(entry, mode, { running, datasetIds: datasets.map((d) => d.id) })) return null;
      const runId = mode === 'resume' ? entry.id : `run-${Date.now().toString(36)}-${++runCounter}`;
      const stored = entry.datasetId === null ? null : datasets.find((d) => d.id === entry.datasetId)!;
      state.startRun(runId, entry.config, {
        dataset: { id: entry.datasetId, name: stored?.name ?? null },
        classCount: entry.classCount ?? stored?.classNames.length ?? null,
      });
      void client.send({
        type: 'experiment.run',
        runId,
        config: entry.config,
        dataset: runDataset(stored?.id ?? null),
        ...(mode === 'resume' ? { resume: true } : {}),
      });
      return runId;
    },
    cancel() {
      const run = store.getState().run;
      if (run?.status === 'running') void client.send({ type: 'experiment.cancel', runId: run.runId });
    },
    selectBackend(preference) {
      store.getState().setBackendPreference(preference);
      void client.send({ type: 'backend.select', preference });
    },
    dispose() {
      unsubscribe();
      stopPreparing();
      datasetActions.dispose();
      if (typeof window !== 'undefined') delete window.__transferStudio;
    },
  };
}
