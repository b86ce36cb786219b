/**
 * The backbone part of the engine worker's protocol (engine.ts unions it into EngineCommand / EngineEvent): load
 * and describe the backbone runs use, manage the browser's model cache. Plain structured-cloneable data; File
 * objects (dropped model files) clone into the worker as they are.
 */
import type { DeviceRates } from '../../core/train/costEstimate';
import { isListed, type Message, type MessageList } from './messages';

/** Where the loaded backbone's weights came from. */
export type BackboneOrigin = 'built-in' | 'downloaded' | 'cached' | 'files';

/** What to load: a catalogue id (built-in, or URL with the browser cache in front), or a dropped model folder. */
export type BackboneLoadSource =
  | { kind: 'catalogue'; id: string }
  /** `label`: what the user dropped (the folder's name), kept with the stored copy. */
  | { kind: 'files'; files: File[]; label: string }
  /** A model loaded from files earlier, kept in this browser (its SHA-256 and the name it was dropped as). */
  | { kind: 'stored'; hash: string; name: string };

export type BackboneCommand =
  /**
   * Load a backbone and make it the one runs use. Answered by backbone.progress events, then backbone.loaded or
   * backbone.error (the previously loaded backbone stays in use on error). `baseUrl` resolves the built-in model's
   * app-relative URL (a worker cannot know the page's base).
   */
  | { type: 'backbone.load'; requestId: string; source: BackboneLoadSource; baseUrl: string }
  /** Blocks, costs and ms/image of the loaded backbone at `imageSize`. Answered by backbone.described (or backbone.error). */
  | { type: 'backbone.describe'; requestId: string; imageSize: number }
  /**
   * Time the loaded backbone as a run would use it (core/train/measureRates.ts), for the cost estimate shown before
   * Run. Answered by backbone.rates (or backbone.error); not answered while an experiment or classifier trains.
   */
  | { type: 'backbone.measureRates'; requestId: string; request: RatesRequest }
  /** Remove every backbone this studio saved in the browser cache. Answered by modelCache.listed. */
  | { type: 'modelCache.clear' }
  /** Remove one downloaded backbone (catalogue id) from the browser cache. Answered by modelCache.listed. */
  | { type: 'modelCache.remove'; id: string }
  /** Which catalogue backbones the browser cache holds. Answered by modelCache.listed. */
  | { type: 'modelCache.list' };

/** What to time for a cost estimate: the run's image side and batch, trainable depths, classes, stored image side. */
export interface RatesRequest {
  imageSize: number;
  batchSize: number;
  /** Trainable block counts of the strategies (scratch: all blocks up to the cut). */
  depths: number[];
  classes: number;
  /** Larger side of a typical stored image (preprocessing is timed from it). */
  sourceSide: number;
}

/** The loaded backbone, as the UI shows it. */
export interface LoadedBackboneInfo {
  /** Catalogue id whose spec (blocks, cut, preprocessing) serves this model; the experiment config's `backbone`. */
  id: string;
  origin: BackboneOrigin;
  /** model.json's name for dropped files, the URL for downloads, the cache key for cached loads. */
  location: string;
  /** Side the model was built for (its input layer), e.g. 224. */
  inputSize: number;
  /** Why saving to the browser cache failed after a download (quota, private mode); absent when it worked. */
  cacheProblem?: string;
  /** A model from files, kept in this browser so it returns after a reload (absent when keeping it failed). */
  stored?: { hash: string; name: string };
  /** Seconds from the request to a usable model. */
  loadSeconds: number;
}

export interface BackboneBlockInfo {
  /** The block's last layer, e.g. conv_pw_3_relu. */
  name: string;
  /** At the described image size, without the batch dimension. */
  outputShape: number[];
  /** All weights of the block (BatchNorm moving statistics included). */
  params: number;
  /** Weights fine-tuning would train when the block is trainable (BatchNorm moving statistics excluded). */
  trainableParams: number;
  multiplyAdds: number;
}

/** Identity of a loaded backbone for measurements: catalogue id, origin and location. */
export const backboneKey = (info: Pick<LoadedBackboneInfo, 'id' | 'origin' | 'location'>) =>
  `${info.id}|${info.origin}|${info.location}`;

export interface BackboneDescription {
  id: string;
  imageSize: number;
  channels: number;
  /** Blocks from the input up to the cut, in order; freeze depth k makes the last k trainable. */
  blocks: BackboneBlockInfo[];
  cutLayer: string;
  /** Multiply-adds from the input to the cut at imageSize (the new head is not included). */
  multiplyAdds: number;
  /** Parameters up to the cut, and of the discarded layers after it (e.g. the ImageNet classifier). */
  backboneParams: number;
  discardedParams: number;
  /** Forward pass to the cut, one image at a time, warm-up excluded; null when not measured (a run was busy). */
  msPerImage: number | null;
  /** The first (warm-up) pass: shader compilation, first allocations. */
  warmupMs: number | null;
  backend: string;
  /** Layer classes the cost estimate did not understand (their multiply-adds count as 0). */
  unsupportedLayers: string[];
}

export type BackboneEvent =
  /** Download / read progress of a backbone.load request, fraction in [0, 1]. */
  | {
      type: 'backbone.progress';
      requestId: string;
      id: string | null;
      stage: 'cache' | 'download' | 'files';
      fraction: number;
    }
  | { type: 'backbone.loaded'; requestId: string; backbone: LoadedBackboneInfo }
  | { type: 'backbone.described'; requestId: string; description: BackboneDescription }
  /** The rates a backbone.measureRates asked for, measured on `backbone` (id + origin + location) and `rates.backend`. */
  | { type: 'backbone.rates'; requestId: string; backbone: string; request: RatesRequest; rates: DeviceRates }
  /**
   * A load or describe failed; `file` names the offending file when there is one. User-facing message. `missing`:
   * a stored model (source 'stored') is no longer in this browser.
   */
  | { type: 'backbone.error'; requestId: string; message: string; file?: string; missing?: boolean }
  /** Downloaded backbones the browser cache holds, with the bytes of their files (after load, clear, remove, list). */
  | { type: 'modelCache.listed'; cachedIds: string[]; cached: { id: string; bytes: number }[] };

const BACKBONE_COMMANDS = {
  'backbone.load': true,
  'backbone.describe': true,
  'backbone.measureRates': true,
  'modelCache.clear': true,
  'modelCache.remove': true,
  'modelCache.list': true,
} as const satisfies MessageList<BackboneCommand>;

const BACKBONE_EVENTS = {
  'backbone.progress': true,
  'backbone.loaded': true,
  'backbone.described': true,
  'backbone.rates': true,
  'backbone.error': true,
  'modelCache.listed': true,
} as const satisfies MessageList<BackboneEvent>;

export function isBackboneCommand<C extends Message>(command: C | BackboneCommand): command is BackboneCommand {
  return isListed<BackboneCommand>(BACKBONE_COMMANDS, command);
}

/** True for the events of this file (the store folds them into its backbone slice). */
export function isBackboneEvent<E extends Message>(event: E | BackboneEvent): event is BackboneEvent {
  return isListed<BackboneEvent>(BACKBONE_EVENTS, event);
}
