/**
 * The engine worker: the only place the browser runs core (TensorFlow.js). Receives EngineCommands through
 * comlink, answers with EngineEvents through the one listener the client connects. Plain data in and out.
 */
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import { getBackbone } from '../core/backbones/catalogue';
import { loadBackbone } from '../core/backbones/load';
import type { BackboneSpec } from '../core/backbones/types';
import { parseExperimentConfig } from '../core/experiment/config';
import { runExperiment } from '../core/experiment/runExperiment';
import type { ExperimentEnvironment } from '../core/experiment/types';
import { CancelledError } from '../core/train/types';
import { activateBackend, type ActiveBackend } from './backend';
import { BackboneService } from './backboneService';
import { createBrowserDecoder } from './browserDecode';
import { isClassifierCommand } from './classifierProtocol';
import { createClassifierService } from './classifierService';
import { isDatasetCommand } from './datasetProtocol';
import type { BackendPreference, EngineApi, EngineCommand, EngineEvent, EngineListener } from './protocol';
import { createRunRecorder } from './runRecorder';
import { isRunsCommand } from './runsProtocol';
import { createRunsService } from './runsService';
import { encodePixels } from './framePixels';
import { version as appVersion } from '../../package.json';
import { createWorkspaceReader } from './workspaceReader';
import { loadSampleDataset } from './samples';

let listener: EngineListener = () => {};
const emit = (event: EngineEvent) => {
  // Fire and forget: the listener is a comlink proxy, so each call is a postMessage to the page.
  void listener(event);
  if (event.type === 'experiment' || event.type === 'result' || event.type === 'cancelled' || event.type === 'error') runRecorder.observe(event);
};
/** Stored datasets read for runs ('workspace' DatasetSources); the dataset worker writes them (dataset.worker.ts). */
const datasetService = createWorkspaceReader();
/** Runs in the workspace: 'running' at start, then done / cancelled / failed; a reload leaves them 'interrupted'. */
const runRecorder = createRunRecorder(datasetService.workspace, (error) => console.warn('run record not saved:', error));

let backend: Promise<ActiveBackend> | null = null;
let backendPreference: BackendPreference = 'auto';
/** Running experiments by run id (at most one: they would share, and slow down, the same backend). */
const running = new Map<string, AbortController>();
/** Loaded backbones by absolute model URL; runExperiment leaves their weights as it found them, so runs share them. */
const backbones = new Map<string, Promise<tf.LayersModel>>();
/** The backbone the studio selected (catalogue, browser cache or dropped files); runs borrow its model. */
const backboneService = new BackboneService({ emit, busy: () => running.size > 0 });
/** The stored run history and thumbnails of example ids (misclassified validation images). */
const runsService = createRunsService({
  emit,
  workspace: datasetService.workspace,
  loadSample: (baseUrl) => loadSampleDataset(baseUrl, 'digits'),
  encodeThumbnail: encodePixels,
  liveRunIds: () => new Set(running.keys()),
});
/** The classifier to predict with: trained on a whole dataset, stored, exported; webcam and image predictions. */
const classifierService = createClassifierService({
  emit,
  workspace: datasetService.workspace,
  ready: () => backend ?? selectBackend(backendPreference),
  acquireBackbone: (id, baseUrl, onProgress) => backboneService.acquire(id, baseUrl, onProgress),
  releaseBackbone: (model) => backboneService.release(model),
  specFor: (id) => backboneService.specFor(id),
  loadDataset: (source, signal, onProgress) =>
    source.kind === 'workspace'
      ? datasetService.loadDataset(source.datasetId, signal, onProgress)
      : loadSampleDataset(source.baseUrl, source.id, source.perClass, signal),
  experimentRunning: () => running.size > 0,
  decoder: createBrowserDecoder(),
  appVersion,
});

async function selectBackend(preference: BackendPreference): Promise<ActiveBackend> {
  if (running.size > 0) throw new Error('the backend cannot change while an experiment runs');
  if (classifierService.busy()) throw new Error('the backend cannot change while a classifier is being trained');
  backendPreference = preference;
  backend = activateBackend(preference);
  try {
    const active = await backend;
    emit({ type: 'backend', preference, crossOriginIsolated: self.crossOriginIsolated === true, ...active });
    return active;
  } catch (error) {
    backend = null;
    throw error;
  }
}

function loadCachedBackbone(spec: BackboneSpec, url: string, runId: string): Promise<tf.LayersModel> {
  let model = backbones.get(url);
  if (!model) {
    emit({ type: 'progress', runId, stage: 'model', loaded: 0, total: 1 });
    model = loadBackbone(spec, url, (fraction) => emit({ type: 'progress', runId, stage: 'model', loaded: fraction, total: 1 }));
    backbones.set(url, model);
    // A failed load is not cached: the next run tries again.
    model.catch(() => backbones.delete(url));
  }
  return model;
}

async function runOne(command: Extract<EngineCommand, { type: 'runExperiment' }>): Promise<void> {
  const { runId } = command;
  if (running.size > 0) throw new Error('another experiment is still running; cancel it first');
  if (classifierService.busy()) throw new Error('a classifier is being trained; wait for it or cancel it first');
  const controller = new AbortController();
  running.set(runId, controller);
  const source = command.dataset;
  void runRecorder.start({
    runId,
    config: command.config,
    datasetId: source.kind === 'workspace' ? source.datasetId : null,
    runCount: command.config.strategies.length * command.config.seeds,
  });
  let borrowed: tf.LayersModel | null = null;
  try {
    const config = parseExperimentConfig(command.config);
    const active = await (backend ?? selectBackend(backendPreference));
    // An explicit modelUrl (CLI-style configs) bypasses the studio's selected backbone.
    const spec = config.modelUrl ? getBackbone(config.backbone) : backboneService.specFor(config.backbone);
    emit({ type: 'progress', runId, stage: 'samples', loaded: 0, total: 1 });
    const dataset =
      source.kind === 'workspace'
        ? await datasetService.loadDataset(source.datasetId, controller.signal, (loaded, total) =>
            emit({ type: 'progress', runId, stage: 'samples', loaded, total }),
          )
        : await loadSampleDataset(source.baseUrl, source.id, source.perClass, controller.signal);
    emit({ type: 'progress', runId, stage: 'samples', loaded: 1, total: 1 });
    // Relative catalogue URLs are app-relative; a worker would resolve them against its own script.
    const modelUrl = new URL(config.modelUrl ?? spec.modelUrl, command.dataset.baseUrl).href;
    const environment: ExperimentEnvironment = {
      backend: tf.getBackend(),
      tfjsVersion: tf.version.tfjs,
      cores: navigator.hardwareConcurrency ?? 1,
      platform: 'browser',
    };
    if (active.measurements.length > 0) environment.backendMeasurements = active.measurements;
    const result = await runExperiment(config, {
      dataset,
      spec,
      loadBackbone: config.modelUrl
        ? () => loadCachedBackbone(spec, modelUrl, runId)
        : async () =>
            (borrowed = await backboneService.acquire(config.backbone, command.dataset.baseUrl, (fraction) =>
              emit({ type: 'progress', runId, stage: 'model', loaded: fraction, total: 1 }),
            )),
      environment,
      onEvent: (event) => emit({ type: 'experiment', runId, event }),
      signal: controller.signal,
    });
    // A model from dropped files is not the catalogue's: say so in the result (the config's backbone stays the
    // catalogue id whose blocks and preprocessing it used), as the CLI records its --model-url.
    const lent = borrowed as tf.LayersModel | null;
    const origin = lent ? backboneService.infoOf(lent) : null;
    if (origin?.origin === 'files' && !result.config.modelUrl) result.config = { ...result.config, modelUrl: `files:${origin.location}` };
    emit({ type: 'result', runId, result });
  } catch (error) {
    if (error instanceof CancelledError || controller.signal.aborted) emit({ type: 'cancelled', runId });
    else throw error;
  } finally {
    if (borrowed) backboneService.release(borrowed);
    running.delete(runId);
  }
}

async function handle(command: EngineCommand): Promise<void> {
  if (isDatasetCommand(command)) {
    throw new Error(`${command.type} is handled by the dataset worker (src/worker/dataset.worker.ts), not the engine worker`);
  }
  if (isRunsCommand(command)) {
    await runsService.handle(command);
    return;
  }
  if (isClassifierCommand(command)) {
    await classifierService.handle(command);
    return;
  }
  switch (command.type) {
    case 'selectBackend':
      await selectBackend(command.preference);
      return;
    case 'runExperiment':
      await runOne(command);
      return;
    case 'cancel':
      running.get(command.runId)?.abort();
      return;
    case 'loadBackbone':
    case 'describeBackbone':
    case 'clearModelCache':
    case 'listModelCache':
      await (backend ?? selectBackend(backendPreference));
      await backboneService.handle(command);
      return;
    default:
      assertNever(command);
  }
}

function assertNever(command: never): never {
  throw new Error(`unknown command ${JSON.stringify(command)}`);
}

const api: EngineApi = {
  connect(l) {
    listener = l;
  },
  async execute(command) {
    try {
      await handle(command);
    } catch (error) {
      const runId = 'runId' in command ? command.runId : undefined;
      const e = error instanceof Error ? error : new Error(String(error));
      emit({ type: 'error', runId, name: e.name, message: e.message });
    }
  },
};

Comlink.expose(api);
