import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { activateNodeBackend, nodeEnvironment } from './backend';

describe('activateNodeBackend', () => {
  it('initialises the WASM backend in Node and computes', async () => {
    const active = await activateNodeBackend('wasm');
    expect(active).toEqual({ backend: 'wasm', reason: 'chosen by you (wasm)', measurements: [], fromCache: false });
    const sum = tf.tidy(() => tf.add(tf.tensor1d([1, 2]), tf.tensor1d([3, 4])).arraySync());
    expect(sum).toEqual([4, 6]);
  });

  it('makes WASM able to train convolutions (the conv gradient kernels are registered)', async () => {
    await activateNodeBackend('wasm');
    const grads = tf.tidy(() => {
      const x = tf.ones([1, 4, 4, 2]) as tf.Tensor4D;
      const loss = (w1: tf.Tensor, w2: tf.Tensor) =>
        tf.sum(tf.depthwiseConv2d(tf.conv2d(x, w1 as tf.Tensor4D, 1, 'same'), w2 as tf.Tensor4D, 2, 'same'));
      return tf
        .grads(loss)([tf.ones([3, 3, 2, 3]), tf.ones([3, 3, 3, 1])])
        .map((g) => g.shape);
    });
    expect(grads).toEqual([
      [3, 3, 2, 3],
      [3, 3, 3, 1],
    ]);
  });
});

describe("activateNodeBackend('auto')", () => {
  it('measures wasm and cpu with a conv probe and activates the faster trainer', async () => {
    const probe = { imageSize: 16, batchSize: 4, secondsPerMeasurement: 0.1 };
    const active = await activateNodeBackend('auto', { probe });
    expect(active.measurements.map((m) => m.backend)).toEqual(['wasm', 'cpu']);
    for (const m of active.measurements) {
      expect(m.forwardImagesPerSecond).toBeGreaterThan(0);
      expect(m.trainStepsPerSecond).toBeGreaterThan(0);
    }
    expect(active.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(active.reason).toMatch(/^wasm: [\d.]+ train steps\/s, [\d.]+× cpu/);
    const environment = nodeEnvironment(active);
    expect(environment).toMatchObject({ backend: 'wasm', platform: 'node', backendMeasurements: active.measurements });
  });
});
