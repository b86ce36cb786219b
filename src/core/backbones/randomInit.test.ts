import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { fileURLToPath } from 'node:url';
import { activateNodeBackend, nodeModelHandler } from '../../testing/node';
import { getBackbone } from './catalogue';
import { buildDigitsVgg } from './digitsVgg';
import { loadBackbone } from './load';
import { freshCopy } from './randomInit';
import { cutAt } from './truncate';

const MODEL_JSON = fileURLToPath(
  new URL('../../../../shared/models/mobilenet_v1_0.25_224/model.json', import.meta.url),
);

function weightValues(model: tf.LayersModel, name: string): Float32Array {
  const variable = model.weights.find((w) => w.originalName === name);
  if (!variable) throw new Error(`no weight ${name}`);
  return variable.read().dataSync() as Float32Array;
}

describe('freshCopy', () => {
  beforeAll(async () => {
    await activateNodeBackend('wasm');
  });

  it('re-initialises the same architecture, identically for a seed and differently across seeds', async () => {
    const trained = buildDigitsVgg(99);
    const before = tf.memory().numTensors;
    const [a, b, c] = await Promise.all([freshCopy(trained, 7), freshCopy(trained, 7), freshCopy(trained, 8)]);
    expect(a.layers.map((l) => l.name)).toEqual(trained.layers.map((l) => l.name));
    expect(a.countParams()).toBe(trained.countParams());
    for (const name of ['block1_conv1/kernel', 'block3_conv1/kernel', 'head_dense/kernel']) {
      expect(weightValues(a, name)).toEqual(weightValues(b, name));
      expect(weightValues(a, name)).not.toEqual(weightValues(c, name));
      expect(weightValues(a, name)).not.toEqual(weightValues(trained, name));
    }
    for (const m of [a, b, c]) m.dispose();
    expect(tf.memory().numTensors).toBe(before);
    trained.dispose();
  });

  it('re-initialises a MobileNet (Keras JSON) deterministically, all layers trainable, BN statistics reset', async () => {
    const spec = getBackbone('mobilenet_v1_0.25');
    const mobilenet = await loadBackbone(spec, nodeModelHandler(MODEL_JSON));
    const features = cutAt(mobilenet, 'conv_pw_13_relu');
    features.layers.forEach((layer) => (layer.trainable = false));
    const [a, b] = [await freshCopy(features, 3), await freshCopy(features, 3)];
    expect(a.outputs[0].shape).toEqual([null, 7, 7, 256]);
    expect(weightValues(a, 'conv_pw_7/kernel')).toEqual(weightValues(b, 'conv_pw_7/kernel'));
    // Two same-shaped layers get different draws (each initialiser has its own derived seed).
    expect(weightValues(a, 'conv_pw_7/kernel')).not.toEqual(weightValues(a, 'conv_pw_8/kernel'));
    expect(weightValues(a, 'conv_pw_7/kernel')).not.toEqual(weightValues(mobilenet, 'conv_pw_7/kernel'));
    expect(Array.from(weightValues(a, 'conv_pw_7_bn/moving_variance')).every((v) => v === 1)).toBe(true);
    expect(a.layers.filter((layer) => layer.weights.length > 0).every((layer) => layer.trainable)).toBe(true);
    for (const m of [a, b, features, mobilenet]) m.dispose();
  });
});
