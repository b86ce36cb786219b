import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { activateNodeBackend, nodeModelHandler } from '../../testing/node';
import { expectNoLeaks } from '../testing/noLeaks';
import { getBackbone } from './catalogue';
import { buildDigitsVgg } from './digitsVgg';
import { loadBackbone } from './load';
import { blockParameterCounts, splitAtFreezeDepth } from './truncate';

const BUILT_MODEL = fileURLToPath(new URL('../../../public/models/digits-vgg/model.json', import.meta.url));
const SHARED_DIGITS = fileURLToPath(new URL('../../../../shared/datasets/digits-mnist/', import.meta.url));
const mnist = createRequire(import.meta.url)('mnist') as { get(i: number): number[] }[];
const spec = getBackbone('digits-vgg');

/** Fraction of `images` (28×28 in [0, 1], MNIST polarity) that `model` labels as `labels`. */
function accuracy(model: tf.LayersModel, images: number[][], labels: number[]): number {
  const predicted = tf.tidy(() =>
    (model.predict(tf.tensor4d(images.flat(), [images.length, 28, 28, 1])) as tf.Tensor).argMax(-1).dataSync(),
  );
  return labels.filter((label, i) => predicted[i] === label).length / labels.length;
}

/** The first `count` PNGs of a class folder of ../shared/datasets/digits-mnist as grey values in [0, 1]. */
function sharedDigits(digit: number, count: number): number[][] {
  const folder = path.join(SHARED_DIGITS, String(digit));
  return readdirSync(folder)
    .sort()
    .slice(0, count)
    .map((name) => {
      const png = PNG.sync.read(readFileSync(path.join(folder, name)));
      return Array.from({ length: 784 }, (_, i) => png.data[i * 4] / 255);
    });
}

describe('digits-vgg', () => {
  beforeAll(async () => {
    await activateNodeBackend('wasm');
  });

  it('builds the same network from the same seed, with named block ends', () => {
    const [a, b, c] = [buildDigitsVgg(5), buildDigitsVgg(5), buildDigitsVgg(6)];
    const kernel = (m: tf.LayersModel) => m.getLayer('block2_conv1').getWeights()[0].dataSync();
    expect(kernel(a)).toEqual(kernel(b));
    expect(kernel(a)).not.toEqual(kernel(c));
    expect(blockParameterCounts(a, spec)).toEqual([
      { name: 'block1_pool', params: 160 + 2320, trainableParams: 160 + 2320, outputShape: [14, 14, 16] },
      { name: 'block2_pool', params: 4640 + 9248, trainableParams: 4640 + 9248, outputShape: [7, 7, 32] },
      { name: 'block3_pool', params: 18496, trainableParams: 18496, outputShape: [3, 3, 64] },
    ]);
    expect(a.outputs[0].shape).toEqual([null, 5]);
    for (const m of [a, b, c]) m.dispose();
  });

  it('loads the committed source model (public/models/digits-vgg) and classifies held-out MNIST digits 0–4', async () => {
    const model = await loadBackbone(spec, nodeModelHandler(BUILT_MODEL));
    // Indices from 600 on were held out by scripts/build-source-model.ts.
    const images = [0, 1, 2, 3, 4].flatMap((digit) => Array.from({ length: 20 }, (_, i) => mnist[digit].get(600 + i)));
    const labels = [0, 1, 2, 3, 4].flatMap((digit) => Array(20).fill(digit));
    expect(await expectNoLeaks(() => accuracy(model, images, labels))).toBeGreaterThanOrEqual(0.95);
    model.dispose();
  });

  it('needs invert: black-on-white digits (../shared/datasets/digits-mnist) are recognised once inverted', async () => {
    const model = await loadBackbone(spec, nodeModelHandler(BUILT_MODEL));
    const blackOnWhite = [0, 1, 2, 3, 4].flatMap((digit) => sharedDigits(digit, 10));
    const labels = [0, 1, 2, 3, 4].flatMap((digit) => Array(10).fill(digit));
    // Paper is white: the mean grey level is high.
    expect(blackOnWhite.flat().reduce((s, v) => s + v, 0) / (50 * 784)).toBeGreaterThan(0.7);
    const inverted = blackOnWhite.map((image) => image.map((v) => 1 - v));
    expect(accuracy(model, inverted, labels)).toBeGreaterThanOrEqual(0.9);
    expect(accuracy(model, blackOnWhite, labels)).toBeLessThan(0.5);
    model.dispose();
  });
});

describe('fine-tuning a split of digits-vgg (cpu backend: WASM lacks conv filter gradients)', () => {
  beforeAll(async () => {
    await activateNodeBackend('cpu');
  });

  it('trains the top block through the trainable half, changing the source model and not the frozen blocks', async () => {
    const tensorsBefore = tf.memory().numTensors;
    const model = buildDigitsVgg(11);
    const split = splitAtFreezeDepth(model, spec, 'block3_pool', 1);
    expect(split.boundary).toBe('block2_pool');
    const head = tf.layers.dense({
      units: 2,
      activation: 'softmax',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
    });
    const features = tf.layers.globalAveragePooling2d({}).apply(split.trainable!.outputs[0]);
    const trainer = tf.model({ inputs: split.trainable!.inputs, outputs: head.apply(features) as tf.SymbolicTensor });
    const optimizer = tf.train.sgd(0.5);
    trainer.compile({ optimizer, loss: 'categoricalCrossentropy' });

    const x = tf.randomUniform([4, 28, 28, 1], 0, 1, 'float32', 3);
    const y = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 1, 0, 1], 'int32'), 2));
    const cached = split.frozen!.predict(x) as tf.Tensor;
    const before = {
      frozen: model.getLayer('block1_conv1').getWeights()[0].dataSync().slice(),
      trainable: model.getLayer('block3_conv1').getWeights()[0].dataSync().slice(),
    };
    await trainer.trainOnBatch(cached, y);
    expect(model.getLayer('block1_conv1').getWeights()[0].dataSync()).toEqual(before.frozen);
    expect(model.getLayer('block3_conv1').getWeights()[0].dataSync()).not.toEqual(before.trainable);

    // `trainer` was composed from the view's tensors and holds no reference of its own (truncate.ts): free only its
    // head, then the views and the source.
    tf.dispose([x, y, cached]);
    optimizer.dispose();
    head.dispose();
    for (const m of [split.frozen!, split.trainable!, model]) m.dispose();
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });
});
