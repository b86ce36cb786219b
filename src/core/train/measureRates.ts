/**
 * Measures the device rates costEstimate.ts needs, on the backbone itself at the run's input size and on the active
 * backend: the forward pass input → cut (batched, inference mode), plain and with BatchNorm folded (what caching
 * runs); a validation batch of the head (forward only); for each trainable depth asked for, the forward
 * pass and one training step (forward, backward, Adam update) of the last `depth` blocks on their real inputs (the
 * frozen part's activations); and a head-sized step for the fixed cost of any step. Each timing has an untimed
 * warm-up (shader compilation, first allocations) and takes the median of its timed runs.
 *
 * Ownership: works on a private copy of `model` (its weights are never touched) and frees everything it made.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackboneSpec, Preprocessing } from '../backbones/types';
import { foldBatchNorm } from '../backbones/foldBatchNorm';
import { cutAt, rebuildAtInputSize, setTrainable, splitAtFreezeDepth } from '../backbones/truncate';
import { imageBatches } from '../data/inputBatches';
import type { DecodedImage } from '../data/types';
import { buildHead, type HeadOptions } from '../heads/denseHead';
import { createRng } from '../math/rng';
import { batchLoss, defaultNow, forwardLogits } from './trainTrial';
import { EVAL_BATCH, type DepthRates, type DeviceRates } from './costEstimate';

export interface MeasureRatesOptions {
  /** Blocks and cut of the backbone (the loaded model's spec). */
  spec: Pick<BackboneSpec, 'blockOutputs' | 'defaultCut'> & Partial<BackboneSpec>;
  /** Input side in pixels. */
  imageSize: number;
  channels: number;
  /** Forward multiply-adds per image input → cut at imageSize (backbones/cost.ts), to size the timed batches. */
  multiplyAdds: number;
  /** The run's batch size: its training steps are timed at it (capped for very large models). */
  batchSize: number;
  /** Trainable block counts to time (scratch: all blocks up to the cut; fine-tune:k: k). */
  depths: readonly number[];
  /** The new head the strategies train (heads/denseHead.ts HEAD_FOR_FAMILY) and the classes it has. */
  head: HeadOptions;
  classes: number;
  /** How images reach the model. */
  preprocessing: Preprocessing;
  /**
   * The side of a typical stored image. Not timed: strategies preprocess images already fitted to `imageSize` (the
   * one-off fit is the run's setup); kept so a request names the images it was measured for.
   */
  sourceSide: number;
  /** Timed seconds per measurement after its warm-up (at least 2 timed runs, 1 when a run takes longer). */
  secondsPerMeasurement?: number;
  now?: () => number;
}

/** Work per timed batch, in multiply-adds of the whole cut model: enough to dwarf per-call overheads. */
const BATCH_MACS = 3e8;
const MAX_BATCH = 32;

export async function measureRates(model: tf.LayersModel, options: MeasureRatesOptions): Promise<DeviceRates> {
  const now = options.now ?? defaultNow;
  const budget = options.secondsPerMeasurement ?? 0.25;
  const { imageSize: size, channels, multiplyAdds, spec } = options;
  const copy = await rebuildAtInputSize(model, size);
  const full = cutAt(copy, spec.defaultCut);
  // What caching runs (runExperiment): BatchNorm folded into the convolutions, every block output kept.
  const names = new Set(full.layers.map((layer) => layer.name));
  const folded = await foldBatchNorm(full, { keep: spec.blockOutputs.filter((name) => names.has(name)) }).catch(
    (error: unknown) => {
      full.dispose();
      copy.dispose();
      throw error;
    },
  );
  const rng = createRng(7);
  const batch = Math.min(
    Math.max(1, options.batchSize),
    Math.max(1, Math.min(MAX_BATCH, Math.round(BATCH_MACS / Math.max(1, multiplyAdds)))),
  );
  const input = tf.tensor4d(
    Float32Array.from({ length: batch * size * size * channels }, () => rng.next() * 2 - 1),
    [batch, size, size, channels],
  );
  const stepBatch = Math.max(1, options.batchSize);
  const classes = Math.max(2, options.classes);
  const featureShape = full.outputs[0].shape.slice(1) as number[];
  const head = buildHead(featureShape, classes, 1, options.head);
  const headInput = tf.randomUniform([stepBatch, ...featureShape], 0, 1, 'float32', 3);
  const headLabels = Array.from({ length: stepBatch }, (_, i) => i % classes);
  const headOptimizer = tf.train.adam(1e-4);
  const evalInput = tf.randomUniform([EVAL_BATCH, ...featureShape], 0, 1, 'float32', 4);
  const evalLabels = Array.from({ length: EVAL_BATCH }, (_, i) => i % classes);
  // Strategies take images already fitted to the run's size (runExperiment fits every image once, before the first
  // strategy: setup, outside the estimate), so their preprocessing is timed from images of that size.
  const sources = syntheticImages(batch, size, rng);
  try {
    const forwardSeconds = (await timeMedian(now, budget, () => predictOnce(full, input))) / batch;
    const cacheForwardSeconds = (await timeMedian(now, budget, () => predictOnce(folded, input))) / batch;
    const headWeights = head.trainableWeights.map((w) => w.read() as tf.Variable);
    // One step as trainTrial takes it: the head in training mode (dropout), softmax cross-entropy on its logits.
    const stepSeconds = await timeMedian(now, budget, () =>
      trainOnce(headOptimizer, headWeights, () =>
        batchLoss({ backbone: null, head }, headInput, headLabels, classes, {
          backboneTraining: false,
          headTraining: true,
          dropoutSeed: 1,
        }),
      ),
    );
    const evalStepSeconds = await timeMedian(now, budget, () => evaluateOnce(head, evalInput, evalLabels, classes));
    const plain = imageBatches(sources, options.preprocessing, size);
    const preprocessSeconds = (await timeMedian(now, budget, () => takeOnce(plain, batch))) / batch;
    const augmented = imageBatches(sources, options.preprocessing, size, {
      views: 1,
      seedOfView: () => 1,
      options: { flip: true },
    });
    const augmentSeconds = Math.max(
      0,
      (await timeMedian(now, budget, () => takeOnce(augmented, batch))) / batch - preprocessSeconds,
    );
    const blocks = spec.blockOutputs.indexOf(spec.defaultCut) + 1 || spec.blockOutputs.length;
    const depths: DepthRates[] = [];
    for (const depth of [...new Set(options.depths)].filter((d) => d > 0 && d <= blocks)) {
      depths.push(await measureDepth(copy, spec, depth, input, batch, stepSeconds, budget, now));
    }
    return {
      backend: tf.getBackend(),
      imageSize: size,
      forwardSeconds,
      depths,
      stepSeconds,
      evalStepSeconds,
      cacheForwardSeconds,
      preprocessSeconds,
      augmentSeconds,
    };
  } finally {
    headOptimizer.dispose();
    head.dispose();
    tf.dispose([input, headInput, evalInput]);
    folded.dispose();
    full.dispose();
    copy.dispose();
  }
}

/** The last `depth` blocks: forward and training step on the frozen part's activations of `input`. */
async function measureDepth(
  copy: tf.LayersModel,
  spec: MeasureRatesOptions['spec'],
  depth: number,
  input: tf.Tensor4D,
  batch: number,
  stepSeconds: number,
  budget: number,
  now: () => number,
): Promise<DepthRates> {
  const split = splitAtFreezeDepth(copy, spec as BackboneSpec, spec.defaultCut, depth);
  const part = split.trainable!;
  const optimizer = tf.train.adam(1e-4);
  const boundary = split.frozen ? (split.frozen.predict(input) as tf.Tensor) : input;
  try {
    setTrainable(part, true);
    const forward = await timeMedian(now, budget, () => predictOnce(part, boundary));
    const weights = part.trainableWeights.map((w) => w.read() as tf.Variable);
    // Scratch trains BatchNorm on batch statistics (training mode); fine-tuning keeps it in inference mode.
    const training = split.frozen === null;
    const train = await timeMedian(now, budget, () =>
      trainOnce(optimizer, weights, () => (part.apply(boundary, { training }) as tf.Tensor).square().mean()),
    );
    return {
      depth,
      forwardSeconds: forward / batch,
      trainSeconds: Math.max(forward, train - stepSeconds) / batch,
    };
  } finally {
    optimizer.dispose();
    if (boundary !== input) boundary.dispose();
    part.dispose();
    split.frozen?.dispose();
  }
}

/** `count` random images of side × side pixels (the timing does not depend on their content). */
function syntheticImages(count: number, side: number, rng: { next(): number }): DecodedImage[] {
  const data = Uint8Array.from({ length: side * side * 3 }, () => Math.floor(rng.next() * 256));
  return Array.from({ length: count }, () => ({ width: side, height: side, data }));
}

async function takeOnce(batches: ReturnType<typeof imageBatches>, count: number): Promise<void> {
  const out = batches.take(0, count);
  await out.data();
  out.dispose();
}

async function predictOnce(model: tf.LayersModel, input: tf.Tensor): Promise<void> {
  const out = model.predict(input) as tf.Tensor;
  await out.data();
  out.dispose();
}

/** One validation batch as trainTrial evaluates it: logits in inference mode, summed loss and predictions read back. */
async function evaluateOnce(head: tf.LayersModel, input: tf.Tensor, labels: number[], classes: number): Promise<void> {
  const [loss, predicted] = tf.tidy(() => {
    const logits = forwardLogits({ backbone: null, head }, input, { backboneTraining: false, headTraining: false });
    const oneHot = tf.oneHot(tf.tensor1d(labels, 'int32'), classes);
    return [
      tf.losses.softmaxCrossEntropy(oneHot, logits, undefined, undefined, tf.Reduction.SUM),
      tf.argMax(logits, 1),
    ];
  });
  await loss.data();
  await predicted.data();
  tf.dispose([loss, predicted]);
}

async function trainOnce(optimizer: tf.Optimizer, weights: tf.Variable[], loss: () => tf.Tensor): Promise<void> {
  const value = optimizer.minimize(() => loss() as tf.Scalar, true, weights);
  await value!.data();
  value!.dispose();
}

/** Most timed runs of one measurement: a fast operation is sampled over the whole budget, not a short window. */
const MAX_RUNS = 101;

/**
 * Median seconds of `run` after one untimed warm-up: timed runs for `budget` s, at least 2 (1 if one is longer). A
 * fast operation is sampled over the whole budget, so a moment of contention on a busy machine shifts the median
 * little (15 runs of a 4-ms step spanned 60 ms; on a busy machine the head's step once read 39.7 ms, 3.5 ms idle).
 */
async function timeMedian(now: () => number, budget: number, run: () => Promise<void>): Promise<number> {
  await run();
  const times: number[] = [];
  const start = now();
  while (times.length < 2 || (times.length < MAX_RUNS && now() - start < budget * 1000)) {
    const t = now();
    await run();
    times.push((now() - t) / 1000);
    if (times.length === 1 && times[0] > budget) break;
  }
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  return times.length % 2 === 1 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
}
