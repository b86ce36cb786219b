import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { activateNodeBackend } from '../../testing/node';
import { expectClose, seededTensor, valuesOn } from '../testing/kernelParity';
import { expectNoLeaks } from '../testing/noLeaks';
import { registerRelu6Activation, RELU6_GRAD } from './relu6Activation';

/** The 'relu6' activation as the Relu6 kernel, and its gradient, on WASM against plain ops on CPU. */

beforeAll(async () => {
  registerRelu6Activation();
  expect((await activateNodeBackend('wasm')).backend).toBe('wasm');
});

/** relu6 of x and the gradient of Σ w·relu6(x); `plain` = tfjs-layers' old formula, minimum(6, relu(x)). */
function relu6AndGradient(shape: number[], seed: number, plain: boolean): tf.Tensor[] {
  return tf.tidy(() => {
    const x = tf.mul(seededTensor(shape, seed), 9); // in (−9, 9): both clamps; exact 0 and 6 have measure zero
    const w = seededTensor(shape, seed + 1);
    const f = (t: tf.Tensor) => (plain ? tf.minimum(6, tf.relu(t)) : tf.relu6(t));
    const { value, grad } = tf.valueAndGrad((t: tf.Tensor) => tf.sum(tf.mul(f(t), w)))(x);
    return [f(x), grad, value];
  });
}

describe("the 'relu6' activation", () => {
  it('equals minimum(6, relu(x)) on CPU, values and gradient', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        async (shape, seed) => {
          const expected = await valuesOn('cpu', () => relu6AndGradient(shape, seed, true));
          const actual = await valuesOn('wasm', () => relu6AndGradient(shape, seed, false));
          ['relu6', 'gradient', 'value'].forEach((what, i) => expectClose(actual[i], expected[i], what));
        },
      ),
      { numRuns: 40 },
    );
    await tf.setBackend('wasm');
  });

  it('differentiates through one WASM kernel of ours, leaving no tensors behind', async () => {
    const x = tf.mul(seededTensor([2, 5, 5, 3], 7), 9);
    const gradient = tf.grad((t: tf.Tensor) => tf.sum(tf.relu6(t)));
    const profile = await tf.profile(() => tf.dispose(gradient(x)));
    expect(profile.kernelNames).toContain(RELU6_GRAD);
    expect(profile.kernelNames).not.toContain('Step');
    await expectNoLeaks(() => tf.dispose(gradient(x)));
    x.dispose();
  });

  it('is what a Keras layer with activation relu6 runs: the Relu6 kernel, no Minimum', async () => {
    const model = tf.sequential({
      layers: [tf.layers.conv2d({ inputShape: [4, 4, 2], filters: 3, kernelSize: 1, activation: 'relu6' })],
    });
    const x = tf.randomUniform([1, 4, 4, 2]);
    const profile = await tf.profile(() => tf.dispose(model.predict(x) as tf.Tensor));
    expect(profile.kernelNames).toContain('Relu6');
    expect(profile.kernelNames).not.toContain('Minimum');
    x.dispose();
    model.dispose();
  });
});
