import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { activateNodeBackend } from '../../testing/node';
import { expectClose, seededTensor, valuesOn } from '../testing/kernelParity';
import { FastConv2D, registerConv2DLayer } from './conv2dLayer';

/** Conv2D layers whose bias-free linear convolutions run tf.conv2d on WASM, against tfjs's layer on the CPU backend. */

beforeAll(async () => {
  registerConv2DLayer();
  expect((await activateNodeBackend('wasm')).backend).toBe('wasm');
});

const CONFIGS = [
  { filters: 8, kernelSize: 3, strides: 2, padding: 'same', useBias: false },
  { filters: 5, kernelSize: 1, strides: 1, padding: 'valid', useBias: false },
  { filters: 4, kernelSize: 3, strides: 1, padding: 'valid', useBias: true, activation: 'relu' },
] as const;

/** A one-layer model from JSON (as loaded backbones are built) with seeded weights. */
async function modelOf(config: (typeof CONFIGS)[number]): Promise<tf.LayersModel> {
  const built = tf.sequential({ layers: [tf.layers.conv2d({ ...config, inputShape: [9, 9, 3] })] });
  const topology = JSON.parse(built.toJSON() as string);
  built.dispose();
  const model = await tf.models.modelFromJSON({ modelTopology: topology });
  model.setWeights(model.getWeights().map((w, i) => seededTensor(w.shape, 30 + i)));
  return model;
}

/** Output, and the gradients of Σ w·y for the input and for every weight (by variable name). */
const valuesAndGradients = (model: tf.LayersModel) => () =>
  tf.tidy(() => {
    const x = seededTensor([2, 9, 9, 3], 40);
    const y = model.apply(x) as tf.Tensor;
    const w = seededTensor(y.shape, 41);
    const loss = (xs: tf.Tensor) => tf.sum(tf.mul(model.apply(xs) as tf.Tensor, w));
    const dx = tf.grad(loss)(x);
    const { grads } = tf.variableGrads(() => loss(x) as tf.Scalar);
    const names = Object.keys(grads).sort();
    expect(names.length).toBe(model.trainableWeights.length);
    return [y, dx, ...names.map((name) => grads[name])];
  });

describe('Conv2D layers on WASM', () => {
  it("equal tfjs's layer on CPU: output, input and weight gradients", async () => {
    for (const config of CONFIGS) {
      const model = await modelOf(config);
      expect(model.layers[0]).toBeInstanceOf(FastConv2D);
      expect(model.layers[0].getClassName()).toBe('Conv2D');
      const expected = await valuesOn('cpu', valuesAndGradients(model));
      const actual = await valuesOn('wasm', valuesAndGradients(model));
      expect(actual.length).toBe(expected.length);
      actual.forEach((a, i) => expectClose(a, expected[i], `${JSON.stringify(config)} #${i}`));
      model.dispose();
    }
  });

  it('skips the input gradient of a first convolution when training (no Conv2DBackpropInput, no FusedConv2D)', async () => {
    await tf.setBackend('wasm');
    const model = await modelOf(CONFIGS[0]);
    model.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError' });
    const x = seededTensor([2, 9, 9, 3], 42);
    const y = tf.zeros([2, 5, 5, 8]);
    await model.trainOnBatch(x, y);
    const profile = await tf.profile(async () => {
      await model.trainOnBatch(x, y);
    });
    expect(profile.kernelNames).toContain('Conv2DBackpropFilter');
    expect(profile.kernelNames).not.toContain('Conv2DBackpropInput');
    expect(profile.kernelNames).not.toContain('FusedConv2D');
    tf.dispose([x, y]);
    model.dispose();
  });
});
