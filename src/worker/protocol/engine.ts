/**
 * The engine worker's protocol (engine/engine.worker.ts): the tfjs backend, experiments, the backbone, the run
 * history and the classifier. The worker switches exhaustively over `EngineCommand`; the studio folds
 * `EngineEvent`s into its store. Everything is plain, structured-cloneable data: no tensors, no functions, no class
 * instances. Events carry only what is new (one curve point, not the whole curve).
 */
import type { ExperimentConfig, ExperimentResult } from '../../core/experiment/types';
import type { ExperimentEvent } from '../../core/train/types';
import type { BackboneCommand, BackboneEvent } from './backbone';
import type { ClassifierCommand, ClassifierEvent } from './classifier';
import type { FewShotCommand, FewShotEvent } from './fewshot';
import type { LabCommand, LabEvent } from './zeroshot';
import type { RunsCommand, RunsEvent } from './runs';
import type { TransferCommand, TransferEvent } from './transferability';
import type { SweepCommand, SweepEngineEvent } from './sweep';

/** A tfjs backend the user may force; 'auto' = measure the available ones and take the fastest. */
export type BackendPreference = 'auto' | 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/**
 * The built-in samples: digits 5–9 (the target task), digits-a, 0–4 (the source task, a sweep's auxiliary task), and
 * mnist, both together as MNIST 0–9 (the labelled source of the studio's domain-adaptation preset).
 */
export type SampleId = 'digits' | 'digits-a' | 'mnist';

/** Where the experiment's images come from. */
export type DatasetSource =
  /**
   * The built-in sample sprite (public/samples/<id>/manifest.json), resolved against the app's base URL
   * (document.baseURI: a worker cannot know it). `perClass` takes the first n examples of each class (all when
   * absent), as the CLI's presets do, so both run the same experiment.
   */
  | { kind: 'sample'; id: SampleId; baseUrl: string; perClass?: number }
  /**
   * A dataset stored in the browser's workspace (imported, captured; dataset.ts), all its images.
   * `baseUrl` as above (the backbone's app-relative URL is resolved against it).
   */
  | { kind: 'workspace'; datasetId: string; baseUrl: string }
  /**
   * Built-in digits 0–9 (the `mnist` sample), examples offset..offset + perClass − 1 of each class, on synthetic
   * coloured textured backgrounds drawn from `seed` (core/data/colourDigits.ts: MNIST-M-style, not MNIST-M).
   * The offline target of the domain-adaptation preset (core/experiment/adaptationPreset.ts SYNTHETIC_TARGET).
   */
  | { kind: 'colour-digits'; baseUrl: string; offset: number; perClass: number; seed: number };

/** The backend and experiment commands; the other domains have their own files. */
export type ExperimentCommand =
  /** Initialise (or switch) the tfjs backend. Answered by a `backend.selected` event (or `engine.error`). */
  | { type: 'backend.select'; preference: BackendPreference }
  /**
   * Run an experiment. Answered by experiment.progress and experiment.event events, then exactly one of
   * experiment.result / experiment.cancelled / engine.error.
   */
  | {
      type: 'experiment.run';
      runId: string;
      config: ExperimentConfig;
      /** The images the run trains and validates on (for domain adaptation: the TARGET). */
      dataset: DatasetSource;
      /**
       * The labelled SOURCE dataset of a domain-adaptation run (config.strategies are adaptation strategies,
       * core/experiment/runAdaptation.ts); its class names must include every target class. Absent otherwise.
       */
      source?: DatasetSource;
      /**
       * Resume: `runId` names a stored run that did not finish (interrupted by a reload, or cancelled), and `config`
       * and `dataset` are the ones it ran with. The trials it finished are kept, not trained again (core
       * runExperiment `finished`); the others train with their own seeds and the same split, and the run's record
       * is replaced by the resumed run's. None is kept when the record is gone, finished, or its dataset changed
       * after it started (the split would differ): the run then trains every trial.
       */
      resume?: boolean;
    }
  /** Cancel a running experiment; a no-op when `runId` is not running. */
  | { type: 'experiment.cancel'; runId: string }
  /**
   * Read a built-in sample (and group its duplicates) ahead of the next run, which then starts without doing so.
   * Only samples are kept (they never change); other sources are ignored. No answer: a failure shows in the run.
   */
  | { type: 'dataset.prepare'; source: DatasetSource };

export type EngineCommand =
  | ExperimentCommand
  /** Load / describe the backbone, manage the browser's model cache (backbone.ts). */
  | BackboneCommand
  /** Stored run history, thumbnails of example ids (runs.ts). */
  | RunsCommand
  /** Train / store / export a classifier, predict on frames and images (classifier.ts). */
  | ClassifierCommand
  /** The instant webcam classifier: captures, predictions, no training run (fewshot.ts). */
  | FewShotCommand
  /** The few-shot lab on the built-in digits: zero-shot by attributes, N-way K-shot episodes (zeroshot.ts). */
  | LabCommand
  /** Transferability scores of (backbone, cut) candidates, the domain-shift meter (transferability.ts). */
  | TransferCommand
  /** Run / cancel a sweep of many trainings (sweep.ts). */
  | SweepCommand;

/** One measured backend: forward passes (and optionally training steps) per second on a small probe. */
export interface BackendMeasurement {
  backend: string;
  forwardImagesPerSecond: number;
  trainStepsPerSecond?: number;
}

type ExperimentEngineEvent =
  /** The active backend, with the measurements that led to the choice (empty when forced or not measured). */
  | {
      type: 'backend.selected';
      backend: string;
      preference: BackendPreference;
      measurements: BackendMeasurement[];
      /** One sentence on why this backend (shown in the UI). */
      reason: string;
      crossOriginIsolated: boolean;
      /** Threads the WASM backend computes on (1 without cross-origin isolation); null on other backends. */
      wasmThreads: number | null;
      /**
       * True on a first visit while every backend is measured in the background: the engine started on this one at
       * once and switches to the fastest between runs (another backend.selected then says which).
       */
      measuring: boolean;
    }
  /** Download / decode progress of a run's inputs. `total` 0 when unknown. */
  | { type: 'experiment.progress'; runId: string; stage: 'model' | 'samples'; loaded: number; total: number }
  /** An event of the running experiment, as emitted by core's runExperiment. */
  | { type: 'experiment.event'; runId: string; event: ExperimentEvent }
  /**
   * A resumed run (`experiment.run` with `resume`) read its stored record: `kept` finished trials are kept (replayed
   * as events, not trained); 0 when none could be (`reason` says why: the record is gone or has none, or its dataset
   * changed since).
   */
  | { type: 'experiment.resumed'; runId: string; kept: number; reason: 'kept' | 'none-finished' | 'dataset-changed' }
  | { type: 'experiment.result'; runId: string; result: ExperimentResult }
  | { type: 'experiment.cancelled'; runId: string }
  /**
   * A failure; `runId` absent for failures outside a run (backend setup, a worker that could not start).
   * `message` is user-facing.
   */
  | { type: 'engine.error'; runId?: string; message: string; name: string };

export type EngineEvent =
  | ExperimentEngineEvent
  /** Backbone loading progress, loaded / described backbone, model cache (backbone.ts). */
  | BackboneEvent
  /** Stored runs, example thumbnails (runs.ts). */
  | RunsEvent
  /** Classifier training, storage, export, predictions (classifier.ts). */
  | ClassifierEvent
  /** Instant classifier sessions, captures and predictions (fewshot.ts). */
  | FewShotEvent
  /** Zero-shot views and episode results (zeroshot.ts). */
  | LabEvent
  /** Scores, measurements and shift (transferability.ts). */
  | TransferEvent
  /** A sweep's events and its result (sweep.ts). */
  | SweepEngineEvent;
