/**
 * The engine worker, the only place the browser runs core (TensorFlow.js): a composition root. It wires the
 * services (backend, experiments, backbone, run history, classifier) to the workspace and the sample data, and
 * routes each EngineCommand (protocol/engine.ts) to its service; events go back through the one listener the
 * client connects (serve.ts). Plain data in and out.
 */
import { version as appVersion } from '../../../package.json';
import { createBrowserDecoder } from '../datasets/browserDecode';
import { encodePixels, framePixels } from '../datasets/framePixels';
import { createSampleReader, loadColourDigits, loadSampleDataset } from '../datasets/samples';
import { isBackboneCommand } from '../protocol/backbone';
import { isClassifierCommand } from '../protocol/classifier';
import { isFewShotCommand } from '../protocol/fewshot';
import { isLabCommand } from '../protocol/zeroshot';
import type { BackendPreference, EngineCommand, EngineEvent } from '../protocol/engine';
import { isRunsCommand } from '../protocol/runs';
import { isTransferCommand } from '../protocol/transferability';
import { isSweepCommand } from '../protocol/sweep';
import { serveWorker } from '../serve';
import { createWorkspaceReader } from '../workspace/reader';
import { createRunRecorder, storedTrialsOf } from '../workspace/runRecorder';
import { createRunsService } from '../workspace/runsService';
import {
  activateBackend,
  activateMeasured,
  measureInBackground,
  type ActiveBackend,
  type MeasuredChoice,
} from './backend';
import { BackboneService } from './backboneService';
import { scheduleMeasurement, type MeasureSchedule } from './measureSchedule';
import type { LoadDataset } from './services';
import { createClassifierService } from './classifierService';
import { createExperimentService } from './experimentService';
import { createFewShotService } from './fewshotService';
import { createLabService } from './labService';
import { createTransferabilityService } from './transferabilityService';
import { createSweepService } from './sweepService';
import type { JsonValue } from '../workspace/schema';
import type { BackboneSpec } from '../../core/backbones/types';

const emit = serveWorker<EngineCommand, EngineEvent>({
  handle,
  failure: (error, command) => ({
    type: 'engine.error',
    runId: 'runId' in command ? command.runId : undefined,
    name: error.name,
    message: error.message,
  }),
  observe(event) {
    const { type } = event;
    if (
      type === 'experiment.event' ||
      type === 'experiment.result' ||
      type === 'experiment.cancelled' ||
      type === 'engine.error'
    ) {
      runRecorder.observe(event);
    }
  },
});

/** Stored datasets read for runs ('workspace' DatasetSources); the dataset worker writes them. */
const workspaceReader = createWorkspaceReader();
/** Runs in the workspace: 'running' at start, then done / cancelled / failed; a reload leaves them 'interrupted'. */
const runRecorder = createRunRecorder(workspaceReader.workspace, (error) =>
  console.warn('run record not saved:', error),
);

const loadDataset: LoadDataset = (source, signal, onProgress, fit) => {
  switch (source.kind) {
    case 'workspace':
      return workspaceReader.loadDataset(source.datasetId, signal, onProgress, fit);
    case 'sample':
      return loadSample(source, signal);
    case 'colour-digits':
      return loadColourDigits(source, signal);
  }
};

/** Built-in samples, the last one kept with its duplicate groups found (dataset.prepare; samples.ts). */
const loadSample = createSampleReader();

let backend: Promise<ActiveBackend> | null = null;
let backendPreference: BackendPreference = 'auto';
/** The active backend; the preferred one is started when none is. */
const ready = () => backend ?? applyBackendPreference(backendPreference);

/** The backbone the studio selected (catalogue, browser cache or dropped files); runs borrow its model. */
const backbones = new BackboneService({ emit, busy: () => experiments.busy() || sweeps.busy() });
const experiments = createExperimentService({
  emit,
  ready,
  backbones,
  loadDataset,
  recordStart: (run) => void runRecorder.start(run),
  recordClasses: (runId, count, fingerprint) => runRecorder.classes(runId, count, fingerprint),
  storedTrials: async (runId) => storedTrialsOf(await (await workspaceReader.workspace()).getRun(runId)),
  classifierBusy: () => classifiers.busy() || sweeps.busy(),
});
/** Sweeps: grids of trainings as one job (core/sweep), one at a time, never beside an experiment or a classifier. */
const sweeps = createSweepService({
  emit,
  ready,
  backbones,
  loadDataset,
  otherWorkBusy: () => experiments.busy() || classifiers.busy(),
  store: {
    get: async () => (await workspaceReader.workspace()).getSetting('sweeps'),
    put: async (value) => (await workspaceReader.workspace()).putSetting('sweeps', value as unknown as JsonValue),
  },
});
/** The stored run history and thumbnails of example ids (misclassified validation images). */
const runs = createRunsService({
  emit,
  workspace: workspaceReader.workspace,
  loadSample: (baseUrl) => loadSampleDataset(baseUrl, 'digits'),
  encodeThumbnail: encodePixels,
  liveRunIds: () => experiments.runIds(),
  keepSweep: (sweep) => sweeps.keep(sweep),
});
/** The classifier to predict with: trained on a whole dataset, stored, exported; webcam and image predictions. */
const classifiers = createClassifierService({
  emit,
  workspace: workspaceReader.workspace,
  ready,
  acquireBackbone: (id, baseUrl, onProgress) => backbones.acquire(id, baseUrl, onProgress),
  releaseBackbone: (model) => backbones.release(model),
  specFor: (id) => backbones.specFor(id),
  loadDataset,
  experimentRunning: () => experiments.busy() || sweeps.busy(),
  decoder: createBrowserDecoder(),
  appVersion,
});

/** "How well will it transfer?": scores of (backbone, cut) candidates, their measurement, the shift meter. */
const transferability = createTransferabilityService({
  emit,
  ready,
  backbones,
  loadDataset,
  otherWorkBusy: () => experiments.busy() || classifiers.busy(),
});

/** The instant webcam classifier: captures embedded once, prototype / kNN / ridge predictions, no training run. */
const fewshot = createFewShotService({
  emit,
  ready,
  loadModel: (spec, baseUrl) => loadCatalogueModel(spec, baseUrl),
  pixels: framePixels,
  loadDataset,
});

const loadCatalogueModel = (spec: BackboneSpec, baseUrl: string) =>
  backbones.fromUrl(spec, spec.builtIn ? new URL(spec.modelUrl, baseUrl).href : spec.modelUrl, () => undefined);

/** The few-shot lab on the built-in digits: the zero-shot demo and N-way K-shot episodes. */
const lab = createLabService({
  emit,
  ready,
  loadModel: loadCatalogueModel,
  loadSample: (baseUrl, id, perClass) => loadSampleDataset(baseUrl, id, perClass),
});

const announce = (preference: BackendPreference, active: ActiveBackend) =>
  emit({ type: 'backend.selected', preference, crossOriginIsolated: self.crossOriginIsolated === true, ...active });

/** Activates `preference` (activateBackend) unless work is running, remembers it and announces the result. */
async function applyBackendPreference(preference: BackendPreference): Promise<ActiveBackend> {
  if (experiments.busy() || sweeps.busy()) throw new Error('the backend cannot change while an experiment runs');
  if (classifiers.busy()) throw new Error('the backend cannot change while a classifier is being trained');
  backendPreference = preference;
  const activation = activateBackend(preference);
  backend = activation;
  try {
    const active = await activation;
    announce(preference, active);
    if (active.measuring) measureThenSwitch(activation);
    return active;
  } catch (error) {
    if (backend === activation) backend = null;
    throw error;
  }
}

/** True while a run, sweep, classifier training or transferability score computes in this worker. */
const trainingBusy = () => experiments.busy() || sweeps.busy() || classifiers.busy() || transferability.busy();

/** Commands that start long CPU-bound work: a first visit's backend measurement pauses for them (measureSchedule.ts). */
const HEAVY_COMMANDS: ReadonlySet<EngineCommand['type']> = new Set([
  'experiment.run',
  'sweep.run',
  'classifier.train',
  'transfer.score',
  'transfer.shift',
]);

/** The first visit's backend measurement, while one is scheduled. */
let measuring: MeasureSchedule | null = null;

/**
 * A first visit started on WASM (activateBackend's `measuring`): measure every backend in the probe worker, then
 * switch to the fastest once no experiment or classifier is training — never in the middle of a run — unless the
 * user chose another backend meanwhile. The measurement pauses while long work runs (scheduleMeasurement). A failed
 * measurement keeps the current backend and says why.
 */
function measureThenSwitch(started: Promise<ActiveBackend>): void {
  const stillCurrent = () => backend === started && backendPreference === 'auto';
  const keep = async (reason: string) => {
    if (!stillCurrent()) return;
    const active = { ...(await started), measuring: false, reason };
    backend = Promise.resolve(active);
    announce('auto', active);
  };
  measuring = scheduleMeasurement({
    measure: measureInBackground,
    busy: trainingBusy,
    stillCurrent,
    onChoice: (choice: MeasuredChoice) => {
      const switching = activateMeasured(choice);
      backend = switching;
      switching.then(
        (active) => announce('auto', active),
        (error: Error) => {
          backend = started;
          void keep(`measured ${choice.backend} fastest, but it did not start here (${error.message})`);
        },
      );
    },
    onFailure: (error) => void keep(`measuring failed: ${error.message}`),
  });
}

async function handle(command: EngineCommand): Promise<void> {
  if (HEAVY_COMMANDS.has(command.type)) measuring?.pause();
  if (isBackboneCommand(command)) {
    await ready();
    return backbones.handle(command);
  }
  if (isRunsCommand(command)) return runs.handle(command);
  if (isClassifierCommand(command)) return classifiers.handle(command);
  if (isFewShotCommand(command)) return fewshot.handle(command);
  if (isLabCommand(command)) return lab.handle(command);
  if (isTransferCommand(command)) return transferability.handle(command);
  if (isSweepCommand(command)) return sweeps.handle(command);
  switch (command.type) {
    case 'backend.select':
      await applyBackendPreference(command.preference);
      return;
    case 'experiment.run':
    case 'experiment.cancel':
      return experiments.handle(command);
    case 'dataset.prepare':
      if (command.source.kind === 'sample') await loadSample(command.source).catch(() => undefined);
      return;
    default:
      assertNever(command);
  }
}

function assertNever(command: never): never {
  throw new Error(`the engine worker does not handle ${JSON.stringify(command)}`);
}
