import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { activateNodeBackend } from '../../testing/node';
import { loadBackboneOnWasm, readFlowers } from '../../testing/engineSetup';
import { MOBILENET_V1_025_JSON } from '../../testing/paths';
import { imagesToTensor } from '../data/preprocess';
import { expectNoLeaks } from '../testing/noLeaks';
import { getBackbone } from './catalogue';
import { foldBatchNorm } from './foldBatchNorm';
import { cutAt } from './truncate';

function maxAbsDifference(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

/** Max abs difference relative to the largest magnitude of `expected` (random weights make outputs of any size). */
function relativeDifference(actual: tf.Tensor, expected: tf.Tensor): number {
  return maxAbsDifference(actual, expected) / tf.tidy(() => tf.max(tf.abs(expected)).dataSync()[0]);
}

/** Sets every weight of `model` to seeded random values; BatchNorm variances positive. */
function randomiseWeights(model: tf.LayersModel, seed: number): void {
  model.setWeights(
    model.weights.map((w, i) =>
      tf.tidy(() => {
        const values = tf.randomUniform(w.shape as number[], -1, 1, 'float32', seed + i);
        return /moving_variance/.test(w.originalName) ? tf.add(tf.abs(values), 0.1) : values;
      }),
    ),
  );
}

/**
 * Every chain the folding handles, and the ones it must leave alone: conv with bias → BN without γ → ReLU(6);
 * depthwise (multiplier 2, stride 2, valid) → BN → relu; dilated conv → BN with no activation, whose output also
 * feeds a skip connection (so the activation after it stays separate); a conv that is the model's output.
 */
function smallNet(): tf.LayersModel {
  const input = tf.input({ shape: [13, 11, 3] });
  let x = tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', useBias: true, name: 'c1' }).apply(input);
  x = tf.layers.batchNormalization({ scale: false, name: 'c1_bn' }).apply(x);
  x = tf.layers.reLU({ maxValue: 6, name: 'c1_relu' }).apply(x);
  x = tf.layers
    .depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, strides: 2, padding: 'valid', useBias: false, name: 'd1' })
    .apply(x);
  x = tf.layers.batchNormalization({ name: 'd1_bn' }).apply(x);
  x = tf.layers.activation({ activation: 'relu', name: 'd1_relu' }).apply(x);
  const branch = tf.layers
    .conv2d({ filters: 8, kernelSize: 3, dilationRate: 2, padding: 'same', useBias: false, name: 'c2' })
    .apply(x);
  const bn = tf.layers.batchNormalization({ name: 'c2_bn' }).apply(branch);
  const relu = tf.layers.activation({ activation: 'relu6', name: 'c2_relu' }).apply(bn);
  x = tf.layers.add({ name: 'skip' }).apply([relu as tf.SymbolicTensor, bn as tf.SymbolicTensor]);
  const out = tf.layers.conv2d({ filters: 5, kernelSize: 1, name: 'head' }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out, name: 'small' });
}

describe('foldBatchNorm on a small net (CPU)', () => {
  beforeAll(async () => {
    expect((await activateNodeBackend('cpu')).backend).toBe('cpu');
  });

  it('folds each conv → BN (→ activation) chain, keeps the names of chain ends, and computes the same outputs', async () => {
    const model = smallNet();
    randomiseWeights(model, 7);
    const folded = await foldBatchNorm(model);
    // c1+c1_bn+c1_relu, d1+d1_bn+d1_relu and c2+c2_bn (c2_bn has two consumers) are one layer each.
    const names = folded.layers.slice(1).map((layer) => layer.name);
    expect(names).toEqual(['c1_relu', 'd1_relu', 'c2_bn', 'c2_relu', 'skip', 'head']);
    expect(folded.layers.every((layer) => !layer.trainable)).toBe(true);
    const x = tf.randomUniform([3, 13, 11, 3], -2, 2, 'float32', 3);
    const expected = model.predict(x) as tf.Tensor;
    const actual = folded.predict(x) as tf.Tensor;
    expect(actual.shape).toEqual(expected.shape);
    expect(relativeDifference(actual, expected)).toBeLessThan(1e-5);
    // A cut at a chain's end works on the folded copy as on the original.
    const original = cutAt(model, 'd1_relu');
    const cutFolded = cutAt(folded, 'd1_relu');
    expect(relativeDifference(cutFolded.predict(x) as tf.Tensor, original.predict(x) as tf.Tensor)).toBeLessThan(1e-5);
    tf.dispose([x, expected, actual]);
    [cutFolded, original, folded, model].forEach((m) => m.dispose());
  });

  it('keeps the layers listed in options.keep visible and leaves the source model unchanged', async () => {
    const model = smallNet();
    randomiseWeights(model, 11);
    const before = model.getWeights().map((w) => w.dataSync().slice());
    const folded = await foldBatchNorm(model, { keep: ['c1_bn'] });
    expect(folded.layers.map((layer) => layer.name)).toContain('c1_bn');
    expect(folded.layers.map((layer) => layer.name)).toContain('c1_relu');
    model.getWeights().forEach((w, i) => expect(Array.from(w.dataSync())).toEqual(Array.from(before[i])));
    const x = tf.randomUniform([2, 13, 11, 3], -2, 2, 'float32', 5);
    expect(relativeDifference(folded.predict(x) as tf.Tensor, model.predict(x) as tf.Tensor)).toBeLessThan(1e-5);
    x.dispose();
    folded.dispose();
    model.dispose();
  });

  it('owns its weights: folding and disposing the copy leaves no tensor behind', async () => {
    const model = smallNet();
    await expectNoLeaks(async () => (await foldBatchNorm(model)).dispose());
    model.dispose();
  });
});

describe('foldBatchNorm on MobileNet v1 0.25 with real photos (WASM)', () => {
  const spec = getBackbone('mobilenet_v1_0.25');
  let model: tf.LayersModel;
  let photos: tf.Tensor4D;

  beforeAll(async () => {
    model = await loadBackboneOnWasm(spec, MOBILENET_V1_025_JSON);
    const flowers = await readFlowers();
    // 24 photos spread over the 5 classes.
    const step = Math.floor(flowers.examples.length / 24);
    const images = flowers.examples
      .filter((_, i) => i % step === 0)
      .slice(0, 24)
      .map((e) => e.image);
    photos = imagesToTensor(images, spec.preprocessing, spec.preprocessing.inputSize);
  }, 60_000);

  afterAll(() => {
    photos?.dispose();
    model?.dispose();
  });

  for (const layer of ['conv_pw_13_relu', 'conv_pw_11_relu']) {
    it(`gives the embeddings of the unfolded model at ${layer} within 1e-4`, async () => {
      const cut = cutAt(model, layer);
      const folded = await foldBatchNorm(cut);
      // 27 layers become 1 per conv → BN → ReLU6 chain: none of the BatchNorm or activation layers is left.
      expect(folded.layers.some((l) => l.getClassName() === 'BatchNormalization')).toBe(false);
      const [expected, actual] = [cut, folded].map((m) => m.predict(photos) as tf.Tensor4D);
      // The embedding the head sees ('gap' pooling for MobileNet): measured ≤ 3e-5.
      const pooled = [expected, actual].map((t) => tf.mean(t, [1, 2]));
      expect(maxAbsDifference(pooled[0], pooled[1])).toBeLessThan(1e-4);
      // The 7×7 feature map (values 0..6): measured 1.1e-3, below the 2.8e-3 by which the unfolded model's own
      // maps differ between the CPU and WASM backends on these photos.
      expect(maxAbsDifference(expected, actual)).toBeLessThan(2e-3);
      tf.dispose([expected, actual, ...pooled]);
      folded.dispose();
      cut.dispose();
    });
  }
});
