/**
 * The training scenarios of the per-epoch benchmark, shared by Node (bench/wasmGradients.ts: WASM vs CPU) and the
 * browser (bench/browser/training.ts: WebGL, WebGPU, WASM), so every backend trains exactly the same models.
 * Pure tfjs: the caller supplies the pretrained MobileNet (Node reads the files, the page loads the public URL).
 *
 * All are trained with SGD(0.01) and categorical cross-entropy on seeded random data, an epoch = 200 examples =
 * 6 batches of 32 and one of 8, as in fine-tuning on a small target set:
 *   - mobilenet-like last block: cached 7×7×128 activations → depthwise 3×3 + BN + ReLU6 → pointwise 1×1 to 256 +
 *     BN + ReLU6 → global average pool → dense(5).
 *   - MobileNet v1 0.25 top-1 / top-2: the real pretrained layers from conv_dw_13 (7×7×256 in) or conv_dw_12
 *     (14×14×128 in) up to conv_pw_13_relu, i.e. fine-tune:1 / fine-tune:2 on cached boundary activations → GAP →
 *     dense(5).
 *   - digits-VGG-like from scratch: 28×28×1 → conv32-conv32-pool-conv64-conv64-pool → dense(5).
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../src/core/math/rng';

export const EPOCH_EXAMPLES = 200;
export const BATCH = 32;
export const CLASSES = 5;

export interface Scenario {
  /** Short id for command lines and JSON (`--only mobilenet-top1`). */
  id: string;
  name: string;
  /** Builds a compiled model on the active backend (the caller disposes it). */
  build(): Promise<tf.LayersModel>;
  inputShape: number[];
  /** Input values: [low, high). */
  range: [number, number];
  target?: string;
}

/** Loads the full pretrained MobileNet v1 0.25 (the caller's way: files in Node, the public URL in a page). */
export type MobilenetLoader = () => Promise<tf.LayersModel>;

export function compileForBench(model: tf.LayersModel): tf.LayersModel {
  model.compile({ optimizer: tf.train.sgd(0.01), loss: 'categoricalCrossentropy' });
  return model;
}

/** MobileNet-style block: depthwise 3×3 + BN + ReLU6 → pointwise 1×1 + BN + ReLU6 → GAP → dense. */
async function mobilenetLikeBlock(): Promise<tf.LayersModel> {
  const input = tf.input({ shape: [7, 7, 128] });
  let x = tf.layers
    .depthwiseConv2d({ kernelSize: 3, padding: 'same', useBias: false })
    .apply(input) as tf.SymbolicTensor;
  x = tf.layers.batchNormalization().apply(x) as tf.SymbolicTensor;
  x = tf.layers.reLU({ maxValue: 6 }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.conv2d({ filters: 256, kernelSize: 1, useBias: false }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.batchNormalization().apply(x) as tf.SymbolicTensor;
  x = tf.layers.reLU({ maxValue: 6 }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.globalAveragePooling2d({}).apply(x) as tf.SymbolicTensor;
  const output = tf.layers.dense({ units: CLASSES, activation: 'softmax' }).apply(x) as tf.SymbolicTensor;
  return compileForBench(tf.model({ inputs: input, outputs: output }));
}

/**
 * The pretrained layers `first` … conv_pw_13_relu of MobileNet v1 0.25 on an `inputShape` input, plus GAP → dense.
 * The block shares its layers with the full model, which stays alive (its other weights are not needed).
 */
async function mobilenetTop(load: MobilenetLoader, first: string, inputShape: number[]): Promise<tf.LayersModel> {
  const full = await load();
  const names = full.layers.map((layer) => layer.name);
  const from = names.indexOf(first);
  const to = names.indexOf('conv_pw_13_relu');
  if (from < 0 || to < from) throw new Error(`unexpected MobileNet layers: ${names.join(', ')}`);
  const input = tf.input({ shape: inputShape });
  let x: tf.SymbolicTensor = input;
  for (const layer of full.layers.slice(from, to + 1)) x = layer.apply(x) as tf.SymbolicTensor;
  x = tf.layers.globalAveragePooling2d({}).apply(x) as tf.SymbolicTensor;
  const output = tf.layers.dense({ units: CLASSES, activation: 'softmax' }).apply(x) as tf.SymbolicTensor;
  const block = tf.model({ inputs: input, outputs: output });
  block.layers.forEach((layer) => (layer.trainable = true));
  return compileForBench(block);
}

/** Digits-VGG-like, from scratch: conv32-conv32-pool-conv64-conv64-pool-dense on 28×28×1. */
async function digitsVggLike(): Promise<tf.LayersModel> {
  const conv = (filters: number, inputShape?: number[]) =>
    tf.layers.conv2d({ filters, kernelSize: 3, padding: 'same', activation: 'relu', inputShape });
  return compileForBench(
    tf.sequential({
      layers: [
        conv(32, [28, 28, 1]),
        conv(32),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        conv(64),
        conv(64),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.flatten(),
        tf.layers.dense({ units: CLASSES, activation: 'softmax' }),
      ],
    }),
  );
}

export function trainScenarios(loadMobilenet: MobilenetLoader): Scenario[] {
  return [
    {
      id: 'mobilenet-like',
      name: 'mobilenet-like last block (dw 7×7×128 → pw 256)',
      build: mobilenetLikeBlock,
      inputShape: [7, 7, 128],
      range: [0, 6],
    },
    {
      id: 'mobilenet-top1',
      name: 'MobileNet v1 0.25 last block (real weights)',
      build: () => mobilenetTop(loadMobilenet, 'conv_dw_13', [7, 7, 256]),
      inputShape: [7, 7, 256],
      range: [0, 6],
      target: 'WASM epoch of 200 ≤ 1 s and ≥ 60× CPU',
    },
    {
      id: 'mobilenet-top2',
      name: 'MobileNet v1 0.25 top-2 blocks (real weights)',
      build: () => mobilenetTop(loadMobilenet, 'conv_dw_12', [14, 14, 128]),
      inputShape: [14, 14, 128],
      range: [0, 6],
    },
    {
      id: 'digits-scratch',
      name: 'digits-VGG-like scratch (28×28×1)',
      build: digitsVggLike,
      inputShape: [28, 28, 1],
      range: [0, 1],
      target: 'WASM ≥ 5× CPU',
    },
  ];
}

/** A seeded random batch of `size` inputs in the scenario's range, with one-hot labels (the caller disposes both). */
export function batchOf(scenario: Scenario, size: number, seed: number): { xs: tf.Tensor; ys: tf.Tensor } {
  const rng = createRng(seed);
  const [low, high] = scenario.range;
  const count = size * scenario.inputShape.reduce((a, b) => a * b, 1);
  const xs = tf.tensor(
    Float32Array.from({ length: count }, () => low + (high - low) * rng.next()),
    [size, ...scenario.inputShape],
  );
  const labels = Array.from({ length: size }, () => rng.int(CLASSES));
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), CLASSES));
  return { xs, ys };
}

/** Batch sizes of one epoch: 6 × 32 + 8. */
export function epochBatchSizes(): number[] {
  const sizes: number[] = [];
  for (let left = EPOCH_EXAMPLES; left > 0; left -= BATCH) sizes.push(Math.min(BATCH, left));
  return sizes;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
