/**
 * The one typed protocol between the studio (main thread) and the engine worker. Types only: the worker
 * (engine.worker.ts) switches exhaustively over `EngineCommand`, the client (client.ts) over `EngineEvent`.
 * Everything here is plain, structured-cloneable data: no tensors, no functions, no class instances.
 * Events carry only what is new (one curve point, not the whole curve).
 */
import type { ExperimentConfig, ExperimentResult } from '../core/experiment/types';
import type { ExperimentEvent } from '../core/train/types';
import type { BackboneCommand, BackboneEvent } from './backboneProtocol';
import type { ClassifierCommand, ClassifierEvent } from './classifierProtocol';
import type { RunsCommand, RunsEvent } from './runsProtocol';
import type { DatasetCommand, DatasetEvent } from './datasetProtocol';

/** A tfjs backend the user may force; 'auto' = measure the available ones and take the fastest. */
export type BackendPreference = 'auto' | 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** Where the experiment's images come from. */
export type DatasetSource =
  /**
   * The built-in sample sprite (public/samples/<id>/manifest.json), resolved against the app's base URL
   * (document.baseURI: a worker cannot know it). `perClass` takes the first n examples of each class (all when
   * absent), as the CLI's presets do, so both run the same experiment.
   */
  | { kind: 'sample'; id: 'digits'; baseUrl: string; perClass?: number }
  /**
   * A dataset stored in the browser's workspace (imported, captured; datasetProtocol.ts), all its images.
   * `baseUrl` as above (the backbone's app-relative URL is resolved against it).
   */
  | { kind: 'workspace'; datasetId: string; baseUrl: string };

export type EngineCommand =
  /** Initialise (or switch) the tfjs backend. Answered by a `backend` event (or `error`). */
  | { type: 'selectBackend'; preference: BackendPreference }
  /** Run an experiment. Answered by progress, experiment events, then exactly one of result / cancelled / error. */
  | { type: 'runExperiment'; runId: string; config: ExperimentConfig; dataset: DatasetSource }
  /** Cancel a running experiment; a no-op when `runId` is not running. */
  | { type: 'cancel'; runId: string }
  /** Load / describe the backbone, manage the browser's model cache (backboneProtocol.ts). */
  | BackboneCommand
  /** Datasets, images, imports, webcam frames, workspace export/import (datasetProtocol.ts). */
  | DatasetCommand
  /** Stored run history, thumbnails of example ids (runsProtocol.ts). */
  | RunsCommand
  /** Train / store / export a classifier, predict on frames and images (classifierProtocol.ts). */
  | ClassifierCommand;

export type EngineCommandType = EngineCommand['type'];

/** One measured backend: forward passes (and optionally training steps) per second on a small probe. */
export interface BackendMeasurement {
  backend: string;
  forwardImagesPerSecond: number;
  trainStepsPerSecond?: number;
}

export type EngineEvent =
  /** The active backend, with the measurements that led to the choice (empty when forced or not measured). */
  | {
      type: 'backend';
      backend: string;
      preference: BackendPreference;
      measurements: BackendMeasurement[];
      /** One sentence on why this backend (shown in the UI). */
      reason: string;
      crossOriginIsolated: boolean;
      /** Threads the WASM backend computes on (1 without cross-origin isolation); null on other backends. */
      wasmThreads: number | null;
    }
  /** Download / decode progress of a run's inputs. `total` 0 when unknown. */
  | { type: 'progress'; runId: string; stage: 'model' | 'samples'; loaded: number; total: number }
  /** An event of the running experiment, as emitted by core's runExperiment. */
  | { type: 'experiment'; runId: string; event: ExperimentEvent }
  | { type: 'result'; runId: string; result: ExperimentResult }
  | { type: 'cancelled'; runId: string }
  /** A failure; `runId` absent for failures outside a run (backend setup). `message` is user-facing. */
  | { type: 'error'; runId?: string; message: string; name: string }
  /** Backbone loading progress, loaded / described backbone, model cache (backboneProtocol.ts). */
  | BackboneEvent
  /** Stored datasets and their images, import progress and problems, workspace files (datasetProtocol.ts). */
  | DatasetEvent
  /** Stored runs, example thumbnails (runsProtocol.ts). */
  | RunsEvent
  /** Classifier training, storage, export, predictions (classifierProtocol.ts). */
  | ClassifierEvent;

export type EngineEventType = EngineEvent['type'];

/** Receives every event; the client registers one, the worker calls it through a comlink proxy. */
export type EngineListener = (event: EngineEvent) => void;

/**
 * What the worker exposes via comlink. `connect` once, then `execute` commands; `execute` resolves when the
 * command has been handled completely (for runExperiment: after its result / cancelled / error event). Commands
 * are handled concurrently, so a `cancel` reaches a running experiment.
 */
export interface EngineApi {
  connect(listener: EngineListener): void;
  execute(command: EngineCommand): Promise<void>;
}
