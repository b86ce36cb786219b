/**
 * The worker's backbone: which model is loaded (and so used by runs), where it came from, what it costs.
 *
 * - Built-in backbones (digits-vgg, MobileNet v1 0.25) load from the app's own files (precached by the service worker).
 * - Catalogue backbones with a public URL load through Cache Storage (modelFileCache.ts): files found there are read
 *   from it, the rest downloaded and stored once the model checked out, so the second load works offline. A damaged
 *   cache entry is removed and the URL tried instead. The cache is listed with each backbone's size, and each can
 *   be removed.
 * - Dropped model folders are checked file by file (droppedModel.ts), then read with tf.io.browserFiles.
 * - A failed load leaves the previous backbone loaded and in use.
 *
 * - Runs of configs with an explicit `modelUrl` (CLI-style) load that URL instead, kept by URL for later runs
 *   (`fromUrl`); they never replace the studio's backbone.
 *
 * Ownership: the service owns every model it loaded. Runs borrow the loaded backbone through `acquire`/`release`;
 * a model replaced while borrowed is disposed when its last borrower releases it. Models loaded by URL stay loaded
 * for the worker's lifetime (runExperiment leaves their weights as it found them, so runs share them).
 */
import * as tf from '@tensorflow/tfjs';
import { BACKBONES, getBackbone } from '../../core/backbones/catalogue';
import { blockCosts, estimateModelCost, multiplyAddsUpTo } from '../../core/backbones/cost';
import { BackboneError } from '../../core/backbones/errors';
import { loadBackbone, type FetchLike } from '../../core/backbones/load';
import { blockParameterCounts, cutAt, rebuildAtInputSize } from '../../core/backbones/truncate';
import type { BackboneSpec } from '../../core/backbones/types';
import { HEAD_FOR_FAMILY } from '../../core/heads/denseHead';
import type { DeviceRates } from '../../core/train/costEstimate';
import { measureRates } from '../../core/train/measureRates';
import {
  backboneKey,
  type BackboneCommand,
  type BackboneDescription,
  type BackboneEvent,
  type BackboneOrigin,
  type LoadedBackboneInfo,
  type RatesRequest,
} from '../protocol/backbone';
import { checkDroppedModel } from './droppedModel';
import { readModelFiles, storeModelFiles } from './storedModels';
import {
  browserModelCache,
  cachingFetch,
  isCached,
  listCached,
  removeCached,
  type CachedBackbone,
  type OpenCache,
} from './modelFileCache';

/** Where earlier versions kept downloaded models (tfjs's IndexedDB model store); cleared with the cache. */
const LEGACY_CACHE_PREFIX = 'indexeddb://transfer-studio/';

interface Loaded {
  spec: BackboneSpec;
  model: tf.LayersModel;
  info: LoadedBackboneInfo;
}

export interface BackboneServiceOptions {
  emit: (event: BackboneEvent) => void;
  /** True while an experiment runs: timing is skipped then (it would slow the run, and be slowed by it). */
  busy: () => boolean;
  /** Clock in milliseconds. */
  now?: () => number;
  /** Cache Storage for downloaded backbones (default: the browser's; none = every load downloads). */
  openCache?: OpenCache;
  /** The network (default: the global fetch). */
  fetch?: FetchLike;
}

type Progress = (stage: 'cache' | 'download' | 'files', fraction: number) => void;

/** Minimum measured forward passes and the time budget for more (warm-up excluded). */
const MIN_TIMED_PASSES = 3;
const MAX_TIMED_PASSES = 30;
const TIMING_BUDGET_MS = 400;

export class BackboneService {
  private current: Loaded | null = null;
  private readonly borrowers = new Map<tf.LayersModel, number>();
  private readonly retired = new Set<tf.LayersModel>();
  private latestLoad: string | null = null;
  /** Models loaded from an explicit URL, by absolute URL; a failed load is dropped so the next run tries again. */
  private readonly byUrl = new Map<string, Promise<tf.LayersModel>>();
  private readonly now: () => number;
  private readonly openCache: OpenCache | undefined;

  constructor(private readonly options: BackboneServiceOptions) {
    this.now = options.now ?? (() => performance.now());
    this.openCache = 'openCache' in options ? options.openCache : browserModelCache();
  }

  /** Handles one backbone command; failures become backbone.error events (never thrown). */
  async handle(command: BackboneCommand): Promise<void> {
    switch (command.type) {
      case 'backbone.load':
        return this.load(command);
      case 'backbone.describe':
        return this.describe(command.requestId, command.imageSize);
      case 'backbone.measureRates':
        return this.measureRates(command.requestId, command.request);
      case 'modelCache.clear':
        await Promise.all((await this.cached()).map(({ id }) => this.removeFromCache(id)));
        await this.clearLegacyCache();
        return this.emitCache();
      case 'modelCache.remove':
        await this.removeFromCache(command.id);
        return this.emitCache();
      case 'modelCache.list':
        return this.emitCache();
      default:
        assertNever(command);
    }
  }

  /** The spec a run of backbone `id` uses: the loaded model's (a dropped model's) when it is that backbone. */
  specFor(id: string): BackboneSpec {
    return this.current?.spec.id === id ? this.current.spec : getBackbone(id);
  }

  /**
   * Lends the model of backbone `id` to a run, loading it (cache, then URL) when another one is loaded. Pair with
   * `release(model)` on every path.
   */
  async acquire(id: string, baseUrl: string, onProgress: (fraction: number) => void): Promise<tf.LayersModel> {
    if (this.current?.spec.id !== id) {
      const requestId = `run:${id}`;
      this.latestLoad = requestId;
      const started = this.now();
      const loaded = await this.fromCatalogue(id, baseUrl, (_stage, fraction) => onProgress(fraction));
      loaded.info.loadSeconds = (this.now() - started) / 1000;
      this.install(loaded);
      this.options.emit({ type: 'backbone.loaded', requestId, backbone: loaded.info });
    }
    const model = this.current!.model;
    this.borrowers.set(model, (this.borrowers.get(model) ?? 0) + 1);
    return model;
  }

  /**
   * The model at `url` (absolute) for backbone `spec`, loaded once and shared by later runs; `onProgress` gets 0
   * and then the download's fractions when it is loaded now. Not lent: nothing to release.
   */
  fromUrl(spec: BackboneSpec, url: string, onProgress: (fraction: number) => void): Promise<tf.LayersModel> {
    let model = this.byUrl.get(url);
    if (!model) {
      onProgress(0);
      model = loadBackbone(spec, url, onProgress);
      this.byUrl.set(url, model);
      model.catch(() => this.byUrl.delete(url));
    }
    return model;
  }

  /** Where a lent model came from (origin and location as LoadedBackboneInfo); null when it is not the loaded one. */
  infoOf(model: tf.LayersModel): LoadedBackboneInfo | null {
    return this.current?.model === model ? { ...this.current.info } : null;
  }

  release(model: tf.LayersModel): void {
    const count = (this.borrowers.get(model) ?? 1) - 1;
    if (count > 0) {
      this.borrowers.set(model, count);
      return;
    }
    this.borrowers.delete(model);
    if (this.retired.delete(model)) model.dispose();
  }

  private async load(command: Extract<BackboneCommand, { type: 'backbone.load' }>): Promise<void> {
    const { requestId, source } = command;
    this.latestLoad = requestId;
    const started = this.now();
    const id = source.kind === 'catalogue' ? source.id : null;
    const progress: Progress = (stage, fraction) =>
      this.options.emit({ type: 'backbone.progress', requestId, id, stage, fraction });
    try {
      let loaded: Loaded;
      if (source.kind === 'catalogue') loaded = await this.fromCatalogue(source.id, command.baseUrl, progress);
      else if (source.kind === 'files') loaded = await this.fromFiles(source.files, progress, source.label);
      else {
        let files: File[];
        try {
          progress('files', 0);
          files = await readModelFiles(source);
        } catch (error) {
          this.options.emit({ type: 'backbone.error', requestId, ...describeError(error), missing: true });
          return;
        }
        loaded = await this.fromFiles(files, progress, source.name, { hash: source.hash, name: source.name });
      }
      loaded.info.loadSeconds = (this.now() - started) / 1000;
      if (this.latestLoad !== requestId) {
        // A newer request superseded this one while it loaded.
        if (loaded.model !== this.current?.model) this.discard(loaded.model);
        return;
      }
      this.install(loaded);
      this.options.emit({ type: 'backbone.loaded', requestId, backbone: loaded.info });
      if (loaded.info.origin === 'downloaded') await this.emitCache();
    } catch (error) {
      this.options.emit({ type: 'backbone.error', requestId, ...describeError(error) });
    }
  }

  private async fromCatalogue(id: string, baseUrl: string, progress: Progress): Promise<Loaded> {
    const spec = getBackbone(id);
    if (this.current && this.current.spec.id === id && this.current.info.origin !== 'files') {
      return { ...this.current, info: { ...this.current.info } };
    }
    if (spec.builtIn) {
      const url = new URL(spec.modelUrl, baseUrl).href;
      progress('download', 0);
      const model = await loadBackbone(spec, url, (f) => progress('download', f));
      return this.loaded(spec, model, 'built-in', url);
    }
    const network = this.options.fetch ?? ((url: string, init?: unknown) => globalThis.fetch(url, init as RequestInit));
    if (!this.openCache) {
      progress('download', 0);
      const model = await loadBackbone(spec, spec.modelUrl, (f) => progress('download', f), { fetch: network });
      return this.loaded(spec, model, 'downloaded', spec.modelUrl);
    }
    const openCache = this.openCache;
    if (await isCached(openCache, spec).catch(() => false)) {
      progress('cache', 0);
      const reading = cachingFetch(openCache, network);
      try {
        const model = await loadBackbone(spec, spec.modelUrl, undefined, { fetch: reading.fetch });
        await reading.commit().catch(() => undefined);
        progress('cache', 1);
        return this.loaded(spec, model, reading.counts().misses === 0 ? 'cached' : 'downloaded', spec.modelUrl);
      } catch {
        // A damaged or outdated entry: forget it and download again.
        await removeCached(openCache, spec).catch(() => undefined);
      }
    }
    progress('download', 0);
    const downloading = cachingFetch(openCache, network);
    const model = await loadBackbone(spec, spec.modelUrl, (f) => progress('download', f), { fetch: downloading.fetch });
    const loaded = this.loaded(spec, model, 'downloaded', spec.modelUrl);
    try {
      await downloading.commit();
    } catch (error) {
      loaded.info.cacheProblem = (error as Error).message || String(error);
    }
    return loaded;
  }

  /**
   * A dropped model folder (or one stored earlier, `stored` set): checked file by file, loaded, then kept in this
   * browser under its content hash so it returns after a reload (a failure to keep it is said, not fatal).
   */
  private async fromFiles(
    files: File[],
    progress: Progress,
    label: string,
    stored?: { hash: string; name: string },
  ): Promise<Loaded> {
    progress('files', 0);
    const checked = await checkDroppedModel(files);
    progress('files', 0.5);
    const spec: BackboneSpec = { ...checked.match.spec };
    const ordered = [checked.jsonFile, ...checked.weightFiles];
    const model = await loadBackbone(spec, tf.io.browserFiles(ordered));
    progress('files', 1);
    const loaded = this.loaded(spec, model, 'files', checked.jsonFile.name);
    try {
      loaded.info.stored = stored ?? (await storeModelFiles(ordered, label, spec.id));
    } catch (error) {
      loaded.info.cacheProblem = (error as Error).message || String(error);
    }
    return loaded;
  }

  private loaded(spec: BackboneSpec, model: tf.LayersModel, origin: BackboneOrigin, location: string): Loaded {
    const inputSize = model.inputs[0].shape[1] ?? spec.preprocessing.inputSize;
    return { spec, model, info: { id: spec.id, origin, location, inputSize, loadSeconds: 0 } };
  }

  private install(next: Loaded): void {
    if (this.current && this.current.model !== next.model) this.discard(this.current.model);
    this.current = next;
  }

  private discard(model: tf.LayersModel): void {
    if (this.borrowers.has(model)) this.retired.add(model);
    else model.dispose();
  }

  private async describe(requestId: string, imageSize: number): Promise<void> {
    try {
      const current = this.current;
      if (!current) throw new BackboneError('no backbone is loaded yet');
      const description = await describeModel(current, imageSize, this.options.busy(), this.now);
      if (this.current !== current) return;
      this.options.emit({ type: 'backbone.described', requestId, description });
    } catch (error) {
      this.options.emit({ type: 'backbone.error', requestId, ...describeError(error) });
    }
  }

  /** Rates measured so far, by backbone, backend and request (moving a slider back costs nothing). */
  private readonly rates = new Map<string, DeviceRates>();

  private async measureRates(requestId: string, request: RatesRequest): Promise<void> {
    try {
      const current = this.current;
      if (!current) throw new BackboneError('no backbone is loaded yet');
      // Timing while a run trains would slow it, and be slowed by it: the studio asks again when it ends.
      if (this.options.busy()) return;
      const backbone = backboneKey(current.info);
      const key = `${backbone}|${tf.getBackend()}|${JSON.stringify(request)}`;
      let rates = this.rates.get(key);
      if (!rates) {
        const { spec, model } = current;
        const cutIndex = spec.blockOutputs.indexOf(spec.defaultCut);
        const blockOutputs = cutIndex >= 0 ? spec.blockOutputs.slice(0, cutIndex + 1) : spec.blockOutputs;
        const cost = estimateModelCost(model.toJSON(null, false), request.imageSize);
        rates = await measureRates(model, {
          spec: { ...spec, blockOutputs },
          imageSize: request.imageSize,
          channels: model.inputs[0].shape[3] ?? spec.preprocessing.channels,
          multiplyAdds: multiplyAddsUpTo(cost, spec.defaultCut),
          batchSize: request.batchSize,
          depths: request.depths,
          head: HEAD_FOR_FAMILY[spec.family],
          classes: request.classes,
          preprocessing: spec.preprocessing,
          sourceSide: request.sourceSide,
          now: this.now,
        });
        this.rates.set(key, rates);
      }
      if (this.current !== current) return;
      this.options.emit({ type: 'backbone.rates', requestId, backbone, request, rates });
    } catch (error) {
      this.options.emit({ type: 'backbone.error', requestId, ...describeError(error) });
    }
  }

  /** Downloaded backbones in Cache Storage, with their sizes; none when the cache cannot be read. */
  private async cached(): Promise<CachedBackbone[]> {
    if (!this.openCache) return [];
    try {
      return await listCached(this.openCache, Object.values(BACKBONES));
    } catch {
      return [];
    }
  }

  private async removeFromCache(id: string): Promise<void> {
    const spec = Object.prototype.hasOwnProperty.call(BACKBONES, id) ? BACKBONES[id] : undefined;
    if (spec && this.openCache) await removeCached(this.openCache, spec).catch(() => undefined);
  }

  /** Models an earlier version saved in tfjs's IndexedDB model store. */
  private async clearLegacyCache(): Promise<void> {
    try {
      const keys = Object.keys(await tf.io.listModels()).filter((key) => key.startsWith(LEGACY_CACHE_PREFIX));
      await Promise.all(keys.map((key) => tf.io.removeModel(key).catch(() => undefined)));
    } catch {
      // No IndexedDB (Node tests): nothing to clear.
    }
  }

  private async emitCache(): Promise<void> {
    const cached = await this.cached();
    this.options.emit({ type: 'modelCache.listed', cachedIds: cached.map((c) => c.id), cached });
  }
}

/** Blocks and costs of `loaded` at `imageSize`; the forward pass to the cut is timed unless `busy`. */
async function describeModel(
  loaded: Loaded,
  imageSize: number,
  busy: boolean,
  now: () => number,
): Promise<BackboneDescription> {
  const { model, spec } = loaded;
  const cutIndex = spec.blockOutputs.indexOf(spec.defaultCut);
  const blockOutputs = cutIndex >= 0 ? spec.blockOutputs.slice(0, cutIndex + 1) : spec.blockOutputs;
  const cost = estimateModelCost(model.toJSON(null, false), imageSize);
  const costs = blockCosts(cost, blockOutputs);
  const params = blockParameterCounts(model, { ...spec, blockOutputs });
  const backboneParams = params.reduce((sum, b) => sum + b.params, 0);
  const channels = model.inputs[0].shape[3] ?? spec.preprocessing.channels;
  const timing = busy
    ? { msPerImage: null, warmupMs: null }
    : await timeForwardPass(model, spec.defaultCut, imageSize, channels, now);
  return {
    id: spec.id,
    imageSize,
    channels,
    blocks: costs.map((block, i) => ({
      name: block.name,
      outputShape: block.outputShape,
      params: params[i].params,
      trainableParams: params[i].trainableParams,
      multiplyAdds: block.multiplyAdds,
    })),
    cutLayer: spec.defaultCut,
    multiplyAdds: multiplyAddsUpTo(cost, spec.defaultCut),
    backboneParams,
    discardedParams: Math.max(0, model.countParams() - backboneParams),
    ...timing,
    backend: tf.getBackend(),
    unsupportedLayers: cost.unsupported,
  };
}

/**
 * Milliseconds per image of the forward pass input → cut, one image at a time (the median of at least 3 passes), on
 * a private copy at `size` (so the loaded model's graph gains no extra nodes). The first pass (shader compilation,
 * allocation) is timed apart.
 */
async function timeForwardPass(
  model: tf.LayersModel,
  cutLayer: string,
  size: number,
  channels: number,
  now: () => number,
): Promise<{ msPerImage: number; warmupMs: number }> {
  const copy = await rebuildAtInputSize(model, size);
  const cut = cutAt(copy, cutLayer);
  const input = tf.randomUniform([1, size, size, channels], -1, 1, 'float32', 1);
  const pass = async () => {
    const output = cut.predict(input) as tf.Tensor;
    await output.data();
    output.dispose();
  };
  try {
    const warmStart = now();
    await pass();
    const warmupMs = now() - warmStart;
    const start = now();
    const times: number[] = [];
    while (times.length < MIN_TIMED_PASSES || (times.length < MAX_TIMED_PASSES && now() - start < TIMING_BUDGET_MS)) {
      const passStart = now();
      await pass();
      times.push(now() - passStart);
    }
    // The median: a pass that another tab or process slowed down does not move it.
    times.sort((x, y) => x - y);
    const mid = times.length >> 1;
    const median = times.length % 2 === 1 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
    return { msPerImage: median, warmupMs };
  } finally {
    input.dispose();
    cut.dispose();
    copy.dispose();
  }
}

function describeError(error: unknown): { message: string; file?: string } {
  const message = error instanceof Error ? error.message : String(error);
  return error instanceof BackboneError && error.file ? { message, file: error.file } : { message };
}

function assertNever(value: never): never {
  throw new Error(`unknown backbone command ${JSON.stringify(value)}`);
}
