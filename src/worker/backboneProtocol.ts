/**
 * The backbone part of the worker protocol (merged into EngineCommand / EngineEvent in protocol.ts). Types only,
 * plain structured-cloneable data; File objects (dropped model files) clone into the worker as they are.
 */

/** Where the loaded backbone's weights came from. */
export type BackboneOrigin = 'built-in' | 'downloaded' | 'cached' | 'files';

/** What to load: a catalogue id (built-in, or URL with the browser cache in front), or a dropped model folder. */
export type BackboneLoadSource = { kind: 'catalogue'; id: string } | { kind: 'files'; files: File[] };

export type BackboneCommand =
  /**
   * Load a backbone and make it the one runs use. Answered by backboneProgress events, then backboneLoaded or
   * backboneError (the previously loaded backbone stays in use on error). `baseUrl` resolves the built-in model's
   * app-relative URL (a worker cannot know the page's base).
   */
  | { type: 'loadBackbone'; requestId: string; source: BackboneLoadSource; baseUrl: string }
  /** Blocks, costs and ms/image of the loaded backbone at `imageSize`. Answered by backboneDescribed (or backboneError). */
  | { type: 'describeBackbone'; requestId: string; imageSize: number }
  /** Remove every backbone this studio saved in the browser cache. Answered by modelCache. */
  | { type: 'clearModelCache' }
  /** Which catalogue backbones the browser cache holds. Answered by modelCache. */
  | { type: 'listModelCache' };

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
  /** Download / read progress of a loadBackbone request, fraction in [0, 1]. */
  | { type: 'backboneProgress'; requestId: string; id: string | null; stage: 'cache' | 'download' | 'files'; fraction: number }
  | { type: 'backboneLoaded'; requestId: string; backbone: LoadedBackboneInfo }
  | { type: 'backboneDescribed'; requestId: string; description: BackboneDescription }
  /** A load or describe failed; `file` names the offending file when there is one. User-facing message. */
  | { type: 'backboneError'; requestId: string; message: string; file?: string }
  /** Catalogue ids the browser cache holds (after load, clear, list). */
  | { type: 'modelCache'; cachedIds: string[] };

export type BackboneEventType = BackboneEvent['type'];

const BACKBONE_EVENT_TYPES: ReadonlySet<string> = new Set<BackboneEventType>([
  'backboneProgress',
  'backboneLoaded',
  'backboneDescribed',
  'backboneError',
  'modelCache',
]);

/** True for the events of this file (the store folds them into its backbone slice). */
export function isBackboneEvent(event: { type: string }): event is BackboneEvent {
  return BACKBONE_EVENT_TYPES.has(event.type);
}

const BACKBONE_COMMAND_TYPES: ReadonlySet<string> = new Set<BackboneCommand['type']>([
  'loadBackbone',
  'describeBackbone',
  'clearModelCache',
  'listModelCache',
]);

/** Narrows any command to the backbone ones (the worker hands those to backboneService). */
export function isBackboneCommand<C extends { type: string }>(command: C | BackboneCommand): command is BackboneCommand {
  return BACKBONE_COMMAND_TYPES.has(command.type);
}
