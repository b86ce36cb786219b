import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { activateNodeBackend, nodeDecoder, nodeModelHandler, readFolderDataset } from '../../testing/node';
import { registerWasmConvGradients } from '../backends/wasmConvGradients';
import { getBackbone } from '../backbones/catalogue';
import { loadBackbone } from '../backbones/load';
import { cutAt, rebuildAtInputSize } from '../backbones/truncate';
import { imagesToTensor } from '../data/preprocess';
import { HEAD_FOR_FAMILY } from '../heads/denseHead';
import { prepareStrategy, type StrategyContext } from './prepareStrategy';
import { batchLoss, trainTrial, type TrainData } from './trainTrial';
import type { Dataset } from '../data/types';

/**
 * Fine-tune top-k on the real MobileNet v1 0.25 (at 64 px to keep the CPU backend quick) and real flower photos:
 * what is frozen stays bit-identical, what is trainable moves, BatchNorm statistics follow trainBatchNorm, and the
 * cached-boundary path computes the same loss as the full network from raw pixels.
 */
const shared = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared');
const spec = getBackbone('mobilenet_v1_0.25');
const SIZE = 64;

let backbone: tf.LayersModel;
let cut: tf.LayersModel;
let dataset: Dataset;
let raw: tf.Tensor;

beforeAll(async () => {
  registerWasmConvGradients();
  expect((await activateNodeBackend('wasm')).backend).toBe('wasm');
  const loaded = await loadBackbone(
    spec,
    nodeModelHandler(path.join(shared, 'models/mobilenet_v1_0.25_224/model.json')),
  );
  backbone = await rebuildAtInputSize(loaded, SIZE);
  loaded.dispose();
  cut = cutAt(backbone, spec.defaultCut);
  const all = (await readFolderDataset(path.join(shared, 'datasets/flowers'), nodeDecoder)).dataset;
  // 4 photos of each of the 5 classes: 3 to train, 1 to validate.
  const picked = all.examples.filter((e, i) => all.examples.findIndex((f) => f.label === e.label) + 4 > i);
  dataset = { ...all, examples: picked };
  raw = imagesToTensor(
    picked.map((e) => e.image),
    spec.preprocessing,
    SIZE,
  );
});

afterAll(() => {
  raw?.dispose();
  cut?.dispose();
  backbone?.dispose();
});

const values = (model: tf.LayersModel) =>
  new Map(model.weights.map((w) => [w.originalName, Float32Array.from(w.read().dataSync())]));
const same = (a: Float32Array, b: Float32Array) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

function context(trainInputs: tf.Tensor, validationInputs: tf.Tensor): StrategyContext {
  return {
    backbone,
    cut,
    cutLayer: spec.defaultCut,
    spec,
    trainInputs,
    validationInputs,
    numClasses: 5,
    head: HEAD_FOR_FAMILY[spec.family],
    now: () => Date.now(),
  };
}

async function fineTune(k: number, trainBatchNorm: boolean) {
  const trainRows = dataset.examples.flatMap((_, i) => (i % 4 === 3 ? [] : [i]));
  const valRows = dataset.examples.flatMap((_, i) => (i % 4 === 3 ? [i] : []));
  const trainInputs = tf.gather(raw, trainRows);
  const validationInputs = tf.gather(raw, valRows);
  const before = values(backbone);
  const prepared = await prepareStrategy({ kind: 'fine-tune', depth: k }, context(trainInputs, validationInputs));
  const { parts, release } = await prepared.partsFor(1);
  const data: TrainData = {
    trainInputs: prepared.trainInputs,
    views: 1,
    trainLabels: trainRows.map((i) => dataset.examples[i].label),
    validationInputs: prepared.validationInputs,
    validationLabels: valRows.map((i) => dataset.examples[i].label),
    validationIds: valRows.map((i) => dataset.examples[i].id),
    numClasses: 5,
  };
  try {
    await trainTrial(parts, data, {
      strategy: `fine-tune:${k}`,
      seed: 1,
      epochs: 2,
      batchSize: 5,
      learningRate: 0.01,
      backboneLearningRateScale: 1,
      trainBatchNorm,
    });
    const after = values(backbone);
    const trainableNames = new Set(parts.backbone!.weights.map((w) => w.originalName));
    // Cached path vs the full network from raw pixels, same (trained) weights, same batch, inference mode.
    const rows = [0, 4, 7, 11, 14];
    const mode = { backboneTraining: false, headTraining: false };
    const labels = rows.map((r) => data.trainLabels[r]);
    const [cached, naive] = tf.tidy(() => [
      batchLoss(parts, tf.gather(prepared.trainInputs, rows), labels, 5, mode).dataSync()[0],
      batchLoss({ backbone: cut, head: parts.head }, tf.gather(trainInputs, rows), labels, 5, mode).dataSync()[0],
    ]);
    return { before, after, trainableNames, cached, naive };
  } finally {
    release();
    prepared.dispose();
    const restored = values(backbone);
    for (const [name, v] of values(backbone)) expect(same(v, before.get(name)!), `${name} restored`).toBe(true);
    expect(restored.size).toBe(before.size);
    tf.dispose([trainInputs, validationInputs]);
  }
}

const isMoving = (name: string) => /moving_(mean|variance)$/.test(name);

describe('fine-tune top-k on MobileNet v1 0.25', () => {
  it('keeps frozen weights bit-identical, changes trainable ones, freezes BatchNorm statistics, caches exactly', async () => {
    const tensorsBefore = tf.memory().numTensors;
    const { before, after, trainableNames, cached, naive } = await fineTune(2, false);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    // Top 2 blocks of MobileNet v1 = conv_dw_12 .. conv_pw_13_bn.
    expect([...trainableNames].every((n) => /^conv_(dw|pw)_1[23]/.test(n))).toBe(true);
    expect(trainableNames.has('conv_pw_13/kernel')).toBe(true);
    expect(trainableNames.has('conv_dw_12/depthwise_kernel')).toBe(true);
    for (const [name, v] of before) {
      const changed = !same(v, after.get(name)!);
      if (!trainableNames.has(name) || isMoving(name)) expect(changed, `${name} should be unchanged`).toBe(false);
    }
    for (const name of ['conv_pw_13/kernel', 'conv_dw_12/depthwise_kernel', 'conv_pw_13_bn/gamma']) {
      expect(same(before.get(name)!, after.get(name)!), `${name} should have changed`).toBe(false);
    }
    expect(Math.abs(cached - naive)).toBeLessThan(1e-5);
  });

  it('updates BatchNorm moving statistics of the trainable blocks only when trainBatchNorm is on', async () => {
    const { before, after, trainableNames } = await fineTune(1, true);
    const moving = [...trainableNames].filter(isMoving);
    expect(moving.length).toBe(4); // conv_pw_13_bn and conv_dw_13_bn, mean and variance
    for (const name of moving)
      expect(same(before.get(name)!, after.get(name)!), `${name} should have changed`).toBe(false);
    for (const [name, v] of before)
      if (!trainableNames.has(name)) expect(same(v, after.get(name)!), `${name}`).toBe(true);
  });
});

describe('feature extraction on MobileNet v1 0.25 (a pooling head)', () => {
  it('caches the pooled embedding, and the head trains on it as on the whole feature map', async () => {
    const tensorsBefore = tf.memory().numTensors;
    const trainRows = [0, 1, 2, 4, 5, 6];
    const trainInputs = tf.gather(raw, trainRows);
    const validationInputs = tf.gather(raw, [3, 7]);
    const prepared = await prepareStrategy(
      { kind: 'feature-extraction', depth: 0 },
      context(trainInputs, validationInputs),
    );
    const { parts, release } = await prepared.partsFor(3);
    try {
      // 256 numbers an image (1 KB) instead of the 2×2×256 map at 64 px (7×7×256, 50 KB, at 224 px).
      expect(prepared.trainInputs.shape).toEqual([6, 256]);
      expect(prepared.validationInputs.shape).toEqual([2, 256]);
      const labels = trainRows.map((i) => dataset.examples[i].label);
      // A trained-looking head (its output layer starts at zero), then the same loss from the cache and from the
      // full network on raw pixels, in inference and in training mode (the same seeded dropout mask).
      tf.tidy(() =>
        parts.head.setWeights(parts.head.getWeights().map((w, i) => tf.randomNormal(w.shape, 0, 0.1, 'float32', i))),
      );
      for (const mode of [
        { backboneTraining: false, headTraining: false },
        { backboneTraining: false, headTraining: true, dropoutSeed: 9 },
      ]) {
        const [cached, naive] = tf.tidy(() => [
          batchLoss(parts, prepared.trainInputs, labels, 5, mode).dataSync()[0],
          batchLoss({ backbone: cut, head: parts.head }, trainInputs, labels, 5, mode).dataSync()[0],
        ]);
        expect(Math.abs(cached - naive)).toBeLessThan(1e-5);
      }
    } finally {
      release();
      prepared.dispose();
      tf.dispose([trainInputs, validationInputs]);
    }
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });
});
