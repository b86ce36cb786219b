/**
 * The engine's experiments: runs core's runExperiment on a backbone from the BackboneService and a dataset from
 * the workspace or the built-in sample (and, for domain adaptation, a labelled source dataset), one at a time (two would share, and slow down, the same backend), and
 * answers `experiment.run` with progress, the experiment's events, then exactly one of experiment.result /
 * experiment.cancelled (or a thrown error, which the worker reports as engine.error).
 */
import type * as tf from '@tensorflow/tfjs';
import { getBackbone } from '../../core/backbones/catalogue';
import { parseExperimentConfig } from '../../core/experiment/config';
import { datasetFingerprint, runExperiment, type FinishedTrial } from '../../core/experiment/runExperiment';
import { CancelledError } from '../../core/train/types';
import type { BackendMeasurement, EngineEvent, ExperimentCommand } from '../protocol/engine';
import type { RunStart } from '../workspace/runRecorder';
import type { BackboneService } from './backboneService';
import { browserEnvironment, type LoadDataset } from './services';

export interface ExperimentServiceOptions {
  emit(event: EngineEvent): void;
  /** The active backend (started with the studio's preference when none is). */
  ready(): Promise<{ measurements: BackendMeasurement[] }>;
  backbones: Pick<BackboneService, 'acquire' | 'release' | 'specFor' | 'infoOf' | 'fromUrl'>;
  /** With `fit`, the images may come cropped and resized for the run (they are fitted once either way). */
  loadDataset: LoadDataset;
  /** Records the run in the workspace ('running' now; the recorder follows its events to the end). */
  recordStart(run: RunStart): void;
  /**
   * The run's dataset is read: its class count (stored with an interrupted run's curves, for the chance line) and
   * fingerprint (core datasetFingerprint: a resumed run keeps trials only when its dataset is unchanged).
   */
  recordClasses?(runId: string, count: number, fingerprint: string): void;
  /**
   * A stored run that did not finish: the trials it finished (to keep when it is resumed) and its dataset's
   * fingerprint (null in older records); null when there is no such record. Read before the resumed run's record
   * replaces it.
   */
  storedTrials?(runId: string): Promise<StoredTrials | null>;
  /** True while a classifier trains (it would share the backend). */
  classifierBusy(): boolean;
}

type RunCommand = Extract<ExperimentCommand, { type: 'experiment.run' }>;

/** What a resumed run can keep of its stored record (ExperimentServiceOptions.storedTrials). */
export interface StoredTrials {
  finished: FinishedTrial[];
  fingerprint: string | null;
}

export function createExperimentService(options: ExperimentServiceOptions) {
  const { emit, backbones } = options;
  /** Running experiments by run id (at most one). */
  const running = new Map<string, AbortController>();

  async function run(command: RunCommand): Promise<void> {
    const { runId } = command;
    if (running.size > 0) throw new Error('another experiment is still running; cancel it first');
    if (options.classifierBusy()) throw new Error('a classifier is being trained; wait for it or cancel it first');
    const controller = new AbortController();
    running.set(runId, controller);
    const source = command.dataset;
    // A resumed run's finished trials are read before its new 'running' record replaces the stored one.
    const stored = command.resume ? await (options.storedTrials?.(runId).catch(() => null) ?? null) : null;
    let finished: FinishedTrial[] = [];
    options.recordStart({
      runId,
      config: command.config,
      datasetId: source.kind === 'workspace' ? source.datasetId : null,
      trialCount: command.config.strategies.length * command.config.seeds * (command.config.repeats ?? 1),
    });
    const progress = (stage: 'model' | 'samples', loaded: number, total: number) =>
      emit({ type: 'experiment.progress', runId, stage, loaded, total });
    let borrowed: tf.LayersModel | null = null;
    try {
      const config = parseExperimentConfig(command.config);
      const active = await options.ready();
      // An explicit modelUrl (CLI-style configs) bypasses the studio's selected backbone.
      const spec = config.modelUrl ? getBackbone(config.backbone) : backbones.specFor(config.backbone);
      progress('samples', 0, 1);
      // Held as 8-bit pixels at the run's input size, not as the stored ≤ 512-px images.
      const fit = { preprocessing: spec.preprocessing, size: config.imageSize ?? spec.preprocessing.inputSize };
      const dataset = await options.loadDataset(
        source,
        controller.signal,
        (loaded, total) => progress('samples', loaded, total),
        fit,
      );
      const fingerprint = datasetFingerprint(dataset);
      options.recordClasses?.(runId, dataset.classNames.length, fingerprint);
      if (command.resume) {
        // Kept only on the very dataset they were trained on (an image added or removed changes the split).
        const changed = stored?.fingerprint != null && stored.fingerprint !== fingerprint;
        finished = changed ? [] : (stored?.finished ?? []);
        const reason = changed ? 'dataset-changed' : finished.length > 0 ? 'kept' : 'none-finished';
        emit({ type: 'experiment.resumed', runId, kept: finished.length, reason });
      }
      // A domain-adaptation run's labelled source, fitted the same way.
      const sourceDataset = command.source
        ? await options.loadDataset(command.source, controller.signal, () => undefined, fit)
        : undefined;
      progress('samples', 1, 1);
      // Relative catalogue URLs are app-relative; a worker would resolve them against its own script.
      const modelUrl = new URL(config.modelUrl ?? spec.modelUrl, source.baseUrl).href;
      const environment = browserEnvironment(active.measurements);
      const result = await runExperiment(config, {
        dataset,
        ...(sourceDataset ? { source: sourceDataset } : {}),
        spec,
        loadBackbone: config.modelUrl
          ? () => backbones.fromUrl(spec, modelUrl, (fraction) => progress('model', fraction, 1))
          : async () =>
              (borrowed = await backbones.acquire(config.backbone, source.baseUrl, (fraction) =>
                progress('model', fraction, 1),
              )),
        environment,
        onEvent: (event) => emit({ type: 'experiment.event', runId, event }),
        signal: controller.signal,
        finished,
      });
      // A model from dropped files is not the catalogue's: say so in the result (the config's backbone stays the
      // catalogue id whose blocks and preprocessing it used), as the CLI records its --model-url.
      const lent = borrowed as tf.LayersModel | null;
      const origin = lent ? backbones.infoOf(lent) : null;
      if (origin?.origin === 'files' && !result.config.modelUrl) {
        result.config = { ...result.config, modelUrl: `files:${origin.location}` };
      }
      emit({ type: 'experiment.result', runId, result });
    } catch (error) {
      if (error instanceof CancelledError || controller.signal.aborted) emit({ type: 'experiment.cancelled', runId });
      else throw error;
    } finally {
      if (borrowed) backbones.release(borrowed);
      running.delete(runId);
    }
  }

  return {
    /** Handles experiment.run and experiment.cancel; a run's failure is thrown. */
    async handle(command: Exclude<ExperimentCommand, { type: 'backend.select' | 'dataset.prepare' }>): Promise<void> {
      switch (command.type) {
        case 'experiment.run':
          return run(command);
        case 'experiment.cancel':
          running.get(command.runId)?.abort();
          return;
        default:
          assertNever(command);
      }
    },
    /** True while an experiment runs. */
    busy: () => running.size > 0,
    /** Ids of the experiments running now. */
    runIds: () => new Set(running.keys()),
  };
}

function assertNever(command: never): never {
  throw new Error(`unknown experiment command ${JSON.stringify(command)}`);
}
