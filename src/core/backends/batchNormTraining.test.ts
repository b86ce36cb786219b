import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { activateNodeBackend } from '../../testing/node';
import { expectClose, seededTensor, valuesOn } from '../testing/kernelParity';
import { expectNoLeaks } from '../testing/noLeaks';
import { batchNormTraining, FastBatchNormalization, registerBatchNormTraining } from './batchNormTraining';
import { BATCH_NORM_TRAINING } from './batchNormTrainingWasm';

/**
 * Training-mode batch norm as one WASM kernel and its gradient kernel, against plain ops (tf.moments and arithmetic)
 * and tfjs-layers' own BatchNormalization, both on the CPU backend.
 */

beforeAll(async () => {
  registerBatchNormTraining();
  expect((await activateNodeBackend('wasm')).backend).toBe('wasm');
});

interface Case {
  shape: number[];
  epsilon: number;
  seed: number;
}

const dim = (max: number) => fc.integer({ min: 1, max });
const caseOf: fc.Arbitrary<Case> = fc.record({
  shape: fc.oneof(fc.tuple(dim(6), dim(12)), fc.tuple(dim(3), dim(5), dim(5), dim(12))),
  epsilon: fc.constantFrom(1e-3, 1e-5),
  seed: fc.integer({ min: 0, max: 1_000_000 }),
});

/**
 * y, μ, σ² and the gradients of L = Σ w·y + Σ u·μ + Σ v·σ² for x, γ and β; `plain` = as plain ops (tf.moments), else
 * through the kernel.
 */
function valuesAndGradients(c: Case, plain: boolean): tf.Tensor[] {
  return tf.tidy(() => {
    const channels = c.shape[c.shape.length - 1];
    const x = seededTensor(c.shape, c.seed);
    const gamma = seededTensor([channels], c.seed + 1);
    const beta = seededTensor([channels], c.seed + 2);
    const [w, u, v] = [c.shape, [channels], [channels]].map((s, i) => seededTensor(s, c.seed + 3 + i));
    const axes = c.shape.slice(0, -1).map((_, i) => i);
    const forward = (xs: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Tensor[] => {
      if (!plain) return batchNormTraining(xs, g, b, c.epsilon);
      const { mean, variance } = tf.moments(xs, axes);
      return [tf.add(tf.mul(tf.mul(tf.sub(xs, mean), tf.rsqrt(tf.add(variance, c.epsilon))), g), b), mean, variance];
    };
    const loss = (xs: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
      const [y, mean, variance] = forward(xs, g, b);
      return tf.addN([tf.sum(tf.mul(y, w)), tf.sum(tf.mul(mean, u)), tf.sum(tf.mul(variance, v))]);
    };
    return [...forward(x, gamma, beta), ...tf.grads(loss)([x, gamma, beta])];
  });
}

describe('batch norm in training mode on WASM', () => {
  it('equals plain ops on CPU: y, batch mean and variance, and the gradients for x, γ and β', async () => {
    await fc.assert(
      fc.asyncProperty(caseOf, async (c) => {
        const expected = await valuesOn('cpu', () => valuesAndGradients(c, true));
        const actual = await valuesOn('wasm', () => valuesAndGradients(c, false));
        ['y', 'mean', 'variance', 'dx', 'dγ', 'dβ'].forEach((name, i) =>
          expectClose(actual[i], expected[i], `${name} ${JSON.stringify(c)}`),
        );
      }),
      { numRuns: 50 },
    );
    await tf.setBackend('wasm');
  });

  it("is what a BatchNormalization layer loaded from JSON runs, equal to tfjs's layer on CPU", async () => {
    const config = { inputShape: [3, 4, 6], momentum: 0.9, epsilon: 1e-3 };
    /** Output, input gradient, updated moving mean and variance after one training call, on `backend`. */
    const run = (layer: () => tf.layers.Layer) => () =>
      tf.tidy(() => {
        const model = tf.sequential({ layers: [layer()] });
        model.setWeights([6, 6, 6, 6].map((n, i) => tf.add(seededTensor([n], 10 + i), i === 3 ? 1.5 : 0)));
        const x = tf.mul(seededTensor([5, 3, 4, 6], 20), 3);
        const w = seededTensor([5, 3, 4, 6], 21);
        const dx = tf.grad((xs: tf.Tensor) => tf.sum(tf.mul(model.apply(xs, { training: true }) as tf.Tensor, w)))(x);
        const y = model.apply(x, { training: true }) as tf.Tensor; // a second step: the moving statistics move twice
        const [, , movingMean, movingVariance] = model.getWeights();
        const out = [y, dx, movingMean, movingVariance].map((t) => t.clone());
        model.dispose();
        return out;
      });
    const expected = await valuesOn(
      'cpu',
      run(() => tf.layers.batchNormalization(config)),
    );
    const fromJson = () => {
      const topology = JSON.parse(tf.sequential({ layers: [tf.layers.batchNormalization(config)] }).toJSON() as string);
      return tf.models.modelFromJSON({ modelTopology: topology });
    };
    await tf.setBackend('wasm');
    const loaded = await fromJson();
    expect(loaded.layers[0]).toBeInstanceOf(FastBatchNormalization);
    expect(loaded.layers[0].getClassName()).toBe('BatchNormalization');
    const x = tf.ones([2, 3, 4, 6]);
    const profile = await tf.profile(() => tf.dispose(loaded.apply(x, { training: true }) as tf.Tensor));
    expect(profile.kernelNames).toContain(BATCH_NORM_TRAINING);
    expect(profile.kernelNames).not.toContain('FusedBatchNorm');
    tf.dispose(x);
    loaded.dispose();
    const actual = await valuesOn(
      'wasm',
      run(() => new FastBatchNormalization(config)),
    );
    ['y', 'dx', 'moving mean', 'moving variance'].forEach((name, i) => expectClose(actual[i], expected[i], name));
  });

  it('computes the batch variance without cancellation when |μ| ≫ σ (float64 reference)', async () => {
    await tf.setBackend('wasm');
    const [count, channels] = [64, 3];
    const x = tf.tidy(() => tf.add(tf.mul(seededTensor([count, channels], 7), 0.01), 1000));
    const values = x.dataSync();
    const [y, mean, variance] = batchNormTraining(x, tf.ones([channels]), tf.zeros([channels]), 1e-3);
    const [means, variances] = [mean.dataSync(), variance.dataSync()];
    for (let c = 0; c < channels; c++) {
      const column = Array.from({ length: count }, (_, i) => values[i * channels + c]);
      const mu = column.reduce((a, b) => a + b, 0) / count;
      const sigma2 = column.reduce((a, b) => a + (b - mu) ** 2, 0) / count;
      expect(Math.abs(means[c] - mu)).toBeLessThan(1e-3);
      expect(Math.abs(variances[c] - sigma2) / sigma2).toBeLessThan(1e-4);
    }
    tf.dispose([x, y, mean, variance]);
  });

  it('runs one kernel each way (no Mean, Tile or FusedBatchNorm) and leaves no tensors behind', async () => {
    await tf.setBackend('wasm');
    const c: Case = { shape: [4, 6, 6, 8], epsilon: 1e-3, seed: 3 };
    tf.dispose(valuesAndGradients(c, false)); // first calls may allocate lasting state
    const profile = await tf.profile(() => {
      tf.dispose(valuesAndGradients(c, false));
    });
    for (const kernel of ['Mean', 'FusedBatchNorm', 'Tile']) expect(profile.kernelNames).not.toContain(kernel);
    await expectNoLeaks(() => tf.dispose(valuesAndGradients(c, false)));
  });
});
