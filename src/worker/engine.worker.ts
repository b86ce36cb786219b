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
import type { BackendPreference, EngineApi, EngineCommand, EngineEvent, EngineListener } from './protocol';
import { loadSampleDataset } from './samples';

let listener: EngineListener = () => {};
const emit = (event: EngineEvent) => {
  // Fire and forget: the listener is a comlink proxy, so each call is a postMessage to the page.
  void listener(event);
};

let backend: Promise<ActiveBackend> | null = null;
let backendPreference: BackendPreference = 'auto';
/** Running experiments by run id (at most one: they would share, and slow down, the same backend). */
const running = new Map<string, AbortController>();
/** Loaded backbones by absolute model URL; runExperiment leaves their weights as it found them, so runs share them. */
const backbones = new Map<string, Promise<tf.LayersModel>>();

async function selectBackend(preference: BackendPreference): Promise<ActiveBackend> {
  if (running.size > 0) throw new Error('the backend cannot change while an experiment runs');
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
  const controller = new AbortController();
  running.set(runId, controller);
  try {
    const config = parseExperimentConfig(command.config);
    const active = await (backend ?? selectBackend(backendPreference));
    const spec = getBackbone(config.backbone);
    emit({ type: 'progress', runId, stage: 'samples', loaded: 0, total: 1 });
    const dataset = await loadSampleDataset(command.dataset.baseUrl, command.dataset.id, command.dataset.perClass, controller.signal);
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
      loadBackbone: () => loadCachedBackbone(spec, modelUrl, runId),
      environment,
      onEvent: (event) => emit({ type: 'experiment', runId, event }),
      signal: controller.signal,
    });
    emit({ type: 'result', runId, result });
  } catch (error) {
    if (error instanceof CancelledError || controller.signal.aborted) emit({ type: 'cancelled', runId });
    else throw error;
  } finally {
    running.delete(runId);
  }
}

async function handle(command: EngineCommand): Promise<void> {
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
      const runId = command.type === 'selectBackend' ? undefined : command.runId;
      const e = error instanceof Error ? error : new Error(String(error));
      emit({ type: 'error', runId, name: e.name, message: e.message });
    }
  },
};

Comlink.expose(api);
