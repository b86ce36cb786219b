import * as tf from '@tensorflow/tfjs';
import type { BackboneSpec } from '../backbones/types';
import { cutAt, splitAtFreezeDepth } from '../backbones/truncate';
import { freshCopy } from '../backbones/randomInit';
import { buildHead, type HeadOptions } from '../heads/denseHead';
import type { InputBatches } from '../data/inputBatches';
import { computeBoundary, materialiseInputs } from './boundaryCache';
import type { CancelSignal } from './cancel';
import type { ParsedStrategy } from './strategy';
import type { TrainParts } from './trainTrial';

/** What every strategy of an experiment starts from. Everything here is borrowed. */
export interface StrategyContext {
  /** The backbone at the experiment's input size. Fine-tuning trains its top blocks in place (see snapshot). */
  backbone: tf.LayersModel;
  /** backbone input → `cutLayer` (a view sharing the backbone's weights). */
  cut: tf.LayersModel;
  /**
   * A frozen copy of `cut` with BatchNorm folded into its convolutions (backbones/foldBatchNorm.ts), which keeps
   * every block output of `spec`: what runs the frozen part of feature extraction and fine-tuning. Absent: `cut`.
   */
  frozenCut?: tf.LayersModel;
  cutLayer: string;
  spec: BackboneSpec;
  /**
   * Preprocessed training inputs [views × n, size, size, channels] and validation inputs [m, ...]: tensors, or rows
   * made on demand (imageBatches), which strategies with a frozen part never hold all at once.
   */
  trainInputs: tf.Tensor | InputBatches;
  validationInputs: tf.Tensor | InputBatches;
  numClasses: number;
  head: HeadOptions;
  signal?: CancelSignal;
  /** Caching progress, examples done of total (train and validation together). */
  onCacheProgress?: (done: number, total: number) => void;
  /** Clock in milliseconds. */
  now: () => number;
}

/** One seed's models; `release` frees what was made for the trial and undoes its changes to shared weights. */
export interface SeedParts {
  parts: TrainParts;
  release(): void;
}

/**
 * A strategy ready to train over seeds (one trial per seed): its one-off cache and a factory of per-seed models.
 * Ownership: the prepared strategy owns its cached tensors and views; `dispose()` frees them and restores the
 * backbone's weights and trainable flags as they were when it was prepared.
 */
export interface PreparedStrategy {
  /** Inputs of the trainable part: cached boundary activations, or the raw inputs when nothing is frozen. */
  trainInputs: tf.Tensor;
  validationInputs: tf.Tensor;
  /** Seconds spent caching (0 when nothing is cached) and how many examples went through the frozen part. */
  cacheSeconds: number;
  cachedExamples: number;
  partsFor(seed: number): Promise<SeedParts>;
  dispose(): void;
}

/**
 * Sets a strategy up (DESIGN.md "Strategies"):
 * - feature extraction: the cut model is frozen; train and validation embeddings are computed once here.
 * - fine-tune:k: the backbone is split at the freeze boundary; the frozen part's activations are computed once
 *   here, and each seed trains the top k blocks (sharing the backbone's weights, snapshotted here and restored
 *   after every trial, so each seed starts from the pretrained weights) plus a new head.
 * - scratch: nothing is cached; each seed gets a fresh random copy of the cut model plus a new head.
 */
export async function prepareStrategy(strategy: ParsedStrategy, ctx: StrategyContext): Promise<PreparedStrategy> {
  const featureShape = ctx.cut.outputs[0].shape.slice(1) as number[];
  const newHead = (seed: number) => buildHead(featureShape, ctx.numClasses, seed, ctx.head);

  if (strategy.kind === 'scratch') {
    const raw = await rawInputs(ctx);
    return {
      trainInputs: raw.trainInputs,
      validationInputs: raw.validationInputs,
      cacheSeconds: 0,
      cachedExamples: 0,
      async partsFor(seed) {
        const backbone = await freshCopy(ctx.cut, seed);
        const head = newHead(seed);
        return { parts: { backbone, head }, release: () => (head.dispose(), backbone.dispose()) };
      },
      dispose: raw.dispose,
    };
  }

  const flags = ctx.backbone.layers.map((layer) => layer.trainable);
  const views: tf.LayersModel[] = [];
  const owned: tf.Tensor[] = [];
  let snapshot: WeightSnapshot | null = null;
  const dispose = () => {
    snapshot?.restore();
    snapshot?.dispose();
    tf.dispose(owned);
    views.forEach((view) => view.dispose());
    ctx.backbone.layers.forEach((layer, i) => (layer.trainable = flags[i]));
  };
  try {
    let frozen: tf.LayersModel | null = ctx.frozenCut ?? ctx.cut;
    let trainable: tf.LayersModel | null = null;
    if (strategy.kind === 'fine-tune') {
      const split = splitAtFreezeDepth(ctx.backbone, ctx.spec, ctx.cutLayer, strategy.depth);
      trainable = split.trainable;
      views.push(...[split.frozen, trainable].filter((m): m is tf.LayersModel => m !== null));
      frozen = split.frozen;
      // The same boundary in the folded copy: the frozen blocks without their separate BatchNorm passes.
      if (ctx.frozenCut && split.boundary) {
        frozen = cutAt(ctx.frozenCut, split.boundary);
        views.push(frozen);
      }
      if (trainable) snapshot = snapshotWeights(trainable);
    }
    let trainInputs: tf.Tensor;
    let validationInputs: tf.Tensor;
    let cacheSeconds = 0;
    let cachedExamples = 0;
    if (frozen) {
      const startMs = ctx.now();
      const trainCount = rowCount(ctx.trainInputs);
      const total = trainCount + rowCount(ctx.validationInputs);
      // Feature extraction before a pooling head caches the pooled embedding: what the head's first trained layer
      // sees, at 1/(h·w) of the memory (applyHead then skips the pooling).
      const pool = strategy.kind === 'feature-extraction' && ctx.head.pooling === 'gap' && featureShape.length === 3;
      const cacheOptions = { signal: ctx.signal, pool: pool ? ('gap' as const) : undefined };
      trainInputs = await computeBoundary(frozen, ctx.trainInputs, {
        ...cacheOptions,
        onProgress: (done) => ctx.onCacheProgress?.(done, total),
      });
      owned.push(trainInputs);
      validationInputs = await computeBoundary(frozen, ctx.validationInputs, {
        ...cacheOptions,
        onProgress: (done) => ctx.onCacheProgress?.(trainCount + done, total),
      });
      owned.push(validationInputs);
      cacheSeconds = (ctx.now() - startMs) / 1000;
      cachedExamples = total;
    } else {
      // Every block trains: no cache, the raw inputs themselves.
      const raw = await rawInputs(ctx);
      owned.push(...raw.owned);
      ({ trainInputs, validationInputs } = raw);
    }
    const taken = snapshot;
    return {
      trainInputs,
      validationInputs,
      cacheSeconds,
      cachedExamples,
      async partsFor(seed) {
        const head = newHead(seed);
        return {
          parts: { backbone: trainable, head },
          release: () => {
            taken?.restore();
            head.dispose();
          },
        };
      },
      dispose,
    };
  } catch (error) {
    dispose();
    throw error;
  }
}

function rowCount(inputs: tf.Tensor | InputBatches): number {
  return inputs instanceof tf.Tensor ? inputs.shape[0] : inputs.count;
}

/**
 * The inputs as tensors, for a strategy that trains on them directly: borrowed when the caller passed tensors,
 * else made here batch by batch (and freed by `dispose`).
 */
async function rawInputs(ctx: StrategyContext) {
  const owned: tf.Tensor[] = [];
  const asTensor = async (inputs: tf.Tensor | InputBatches) => {
    if (inputs instanceof tf.Tensor) return inputs;
    const tensor = await materialiseInputs(inputs, { signal: ctx.signal });
    owned.push(tensor);
    return tensor;
  };
  try {
    const trainInputs = await asTensor(ctx.trainInputs);
    const validationInputs = await asTensor(ctx.validationInputs);
    return { trainInputs, validationInputs, owned, dispose: () => tf.dispose(owned) };
  } catch (error) {
    tf.dispose(owned);
    throw error;
  }
}

interface WeightSnapshot {
  restore(): void;
  dispose(): void;
}

/**
 * Copies of all of a model's weights, BatchNorm moving statistics included (trainBatchNorm changes them).
 * restore() writes them back into the same variables, so every model sharing those weights sees the originals.
 */
function snapshotWeights(model: tf.LayersModel): WeightSnapshot {
  const weights = model.weights;
  const saved = weights.map((w) => w.read().clone());
  return {
    restore: () => weights.forEach((w, i) => w.write(saved[i])),
    dispose: () => tf.dispose(saved),
  };
}
