/**
 * The classifier-and-predict part of the engine worker's protocol (engine.ts unions these in): train a classifier on
 * a whole dataset (with a strategy of the experiment's: feature extraction, fine-tune:k or scratch), keep it in the worker and in the
 * workspace (WorkspaceDb `models`), export it in Teachable Machine's format, and predict with it on webcam
 * frames (ImageBitmap, TRANSFERRED) and dropped images (File/Blob, cloned by reference). Types only.
 */
import type { DatasetSource } from './engine';
import { isListed, type Message, type MessageList } from './messages';

/** A stored classifier as the UI lists it. */
export interface ClassifierInfo {
  id: string;
  name: string;
  /** Class names in output order. */
  labels: string[];
  /** Catalogue id of the backbone it was cut from. */
  backbone: string;
  /**
   * The strategy it was trained with ("feature-extraction", "fine-tune:k", "scratch"); absent on classifiers
   * stored before the choice existed (they are feature extraction).
   */
  strategy?: string;
  imageSize: number;
  datasetName: string;
  examples: number;
  epochs: number;
  /** Accuracy on its own training examples after the last epoch, in [0, 1]. */
  trainAccuracy: number;
  /**
   * Accuracy on the held-out examples it never trained on, with the 95 % Wilson interval over them (n = their
   * number); null or absent (classifiers stored before it was measured) when none were held out.
   */
  heldOut?: { mean: number; ci95: [number, number] | null; n: number } | null;
  /** Wall-clock seconds from the request to a usable classifier (data, embedding, training, merging). */
  seconds: number;
  /** Seconds of embedding every example through the backbone (part of `seconds`). */
  embedSeconds: number;
  /** Size of the weights in bytes (what an export downloads, roughly). */
  bytes: number;
  createdAt: number;
}

/** What to train: the studio's current dataset, backbone and budget. */
export interface ClassifierRequest {
  dataset: DatasetSource;
  /** Name shown in lists and used for the export's file name. */
  name: string;
  backbone: string;
  /** The strategy to train with (core trainClassifier); absent = feature extraction. */
  strategy?: string;
  /** Learning-rate factor of fine-tuned blocks (the experiment's); absent = core's default. */
  backboneLearningRateScale?: number;
  /** Undefined = the backbone's own input size. */
  imageSize?: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  /** Share of every class held out to measure it (the studio's validation fraction); 0 or absent = none. */
  validationFraction?: number;
}

export type ClassifierCommand =
  /** Answered by `classifier.listed` (the stored classifiers and the active one). */
  | { type: 'classifier.list' }
  /** Answered by classifier.progress events, then one classifier.ready or classifier.failed. */
  | { type: 'classifier.train'; requestId: string; request: ClassifierRequest }
  | { type: 'classifier.cancel'; requestId: string }
  /** Makes a stored classifier the one predictions use (persisted); answered by `classifier.listed`. */
  | { type: 'classifier.select'; modelId: string }
  | { type: 'classifier.delete'; modelId: string }
  /** Answered by `classifier.exported` with a zip of model.json, weights.bin and metadata.json. */
  | { type: 'classifier.export'; modelId: string }
  /**
   * One webcam frame as the camera delivers it, unmirrored like captured training images (transferred; closed by
   * the worker). Answered by one predict.result or predict.error with the same requestId.
   */
  | { type: 'predict.frame'; requestId: string; frame: ImageBitmap }
  /** A dropped or picked image file. Answered by one predict.result or predict.error. */
  | { type: 'predict.image'; requestId: string; file: Blob; name: string };

export type ClassifierEvent =
  | { type: 'classifier.listed'; models: ClassifierInfo[]; activeId: string | null }
  | {
      type: 'classifier.progress';
      requestId: string;
      stage: 'samples' | 'model' | 'embedding' | 'training' | 'saving';
      /** In the stage's unit (images, epochs); total 0 when unknown. */
      done: number;
      total: number;
      /** Training-set accuracy after the last epoch (training stage). */
      accuracy?: number;
    }
  | { type: 'classifier.ready'; requestId: string; model: ClassifierInfo }
  /** Training stopped: cancelled, or failed with a user-facing message. */
  | { type: 'classifier.failed'; requestId: string; cancelled: boolean; message: string }
  | { type: 'classifier.deleted'; modelId: string }
  | { type: 'classifier.exported'; modelId: string; blob: Blob; fileName: string }
  /** Class probabilities (sum 1, in `labels` order of the model) and the worker's time for this prediction. */
  | { type: 'predict.result'; requestId: string; modelId: string; probabilities: number[]; ms: number }
  | { type: 'predict.error'; requestId: string; message: string }
  /** A list / select / delete / export failed; user-facing message. */
  | { type: 'classifier.error'; operation: ClassifierCommand['type']; message: string };

const CLASSIFIER_COMMANDS = {
  'classifier.list': true,
  'classifier.train': true,
  'classifier.cancel': true,
  'classifier.select': true,
  'classifier.delete': true,
  'classifier.export': true,
  'predict.frame': true,
  'predict.image': true,
} as const satisfies MessageList<ClassifierCommand>;

const CLASSIFIER_EVENTS = {
  'classifier.listed': true,
  'classifier.progress': true,
  'classifier.ready': true,
  'classifier.failed': true,
  'classifier.deleted': true,
  'classifier.exported': true,
  'predict.result': true,
  'predict.error': true,
  'classifier.error': true,
} as const satisfies MessageList<ClassifierEvent>;

export function isClassifierCommand<C extends Message>(command: C | ClassifierCommand): command is ClassifierCommand {
  return isListed<ClassifierCommand>(CLASSIFIER_COMMANDS, command);
}

export function isClassifierEvent<E extends Message>(event: E | ClassifierEvent): event is ClassifierEvent {
  return isListed<ClassifierEvent>(CLASSIFIER_EVENTS, event);
}
