import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { activateNodeBackend } from '../../testing/node';
import { expectClose, seededTensor, valuesOn } from '../testing/kernelParity';
import { expectNoLeaks } from '../testing/noLeaks';
import { registerBatchNormGradient } from './batchNormGradient';

/**
 * The broadcasting FusedBatchNorm gradient (registered globally) on WASM, against the CPU backend differentiating
 * the same function written as plain ops — (x − μ)·rsqrt(σ² + ε)·γ + β — whose gradients owe nothing to either
 * batch-norm gradient.
 */

beforeAll(async () => {
  registerBatchNormGradient();
  expect((await activateNodeBackend('wasm')).backend).toBe('wasm');
});

interface BatchNormCase {
  x: number[];
  /** Shape of μ, σ², γ, β: [C], or broadcastable with x's rank ([1, 1, 1, C]). */
  parameter: number[];
  epsilon: number;
  seed: number;
}

const batchNormCase: fc.Arbitrary<BatchNormCase> = fc
  .record({
    rank: fc.constantFrom(2, 4, 4, 4),
    dims: fc.tuple(...[0, 1, 2].map(() => fc.integer({ min: 1, max: 5 }))),
    channels: fc.integer({ min: 1, max: 20 }),
    fullRankParameter: fc.boolean(),
    epsilon: fc.constantFrom(1e-3, 1e-5),
    seed: fc.integer({ min: 0, max: 1_000_000 }),
  })
  .map(({ rank, dims, channels, fullRankParameter, ...rest }) => {
    const x = [...dims.slice(0, rank - 1), channels];
    const parameter = fullRankParameter ? [...x.slice(0, -1).map(() => 1), channels] : [channels];
    return { x, parameter, ...rest };
  });

/** Gradients of Σ w·batchNorm(x, μ, σ², β, γ) for every input, on the active backend; `plain` = as plain ops. */
function batchNormGradients(c: BatchNormCase, plain: boolean): tf.Tensor[] {
  const x = seededTensor(c.x, c.seed);
  const weight = seededTensor(c.x, c.seed + 1);
  const mean = seededTensor(c.parameter, c.seed + 2);
  const variance = tf.tidy(() => tf.add(tf.abs(seededTensor(c.parameter, c.seed + 3)), 0.05));
  const offset = seededTensor(c.parameter, c.seed + 4);
  const scale = seededTensor(c.parameter, c.seed + 5);
  // Always with γ and β: without them tfjs-core's engine fails while recording the op for any gradient, its own
  // included (it saves the missing `scale`; its tape walks the missing `offset`).
  const f = (xs: tf.Tensor, m: tf.Tensor, v: tf.Tensor, o: tf.Tensor, s: tf.Tensor) => {
    const y = plain
      ? tf.add(tf.mul(tf.mul(tf.sub(xs, m), tf.rsqrt(tf.add(v, c.epsilon))), s), o)
      : tf.batchNorm(xs, m, v, o, s, c.epsilon);
    return tf.sum(tf.mul(y, weight));
  };
  const grads = tf.grads(f as (...args: tf.Tensor[]) => tf.Tensor)([x, mean, variance, offset, scale]);
  tf.dispose([x, weight, mean, variance, offset, scale]);
  return grads;
}

describe('FusedBatchNorm gradient', () => {
  it('equals the plain-ops gradient on CPU for x, mean, variance, offset and scale', async () => {
    await fc.assert(
      fc.asyncProperty(batchNormCase, async (c) => {
        const expected = await valuesOn('cpu', () => batchNormGradients(c, true));
        const actual = await valuesOn('wasm', () => batchNormGradients(c, false));
        ['x', 'mean', 'variance', 'offset', 'scale'].forEach((name, i) =>
          expectClose(actual[i], expected[i], `d${name} ${JSON.stringify(c)}`),
        );
      }),
      { numRuns: 60 },
    );
    await tf.setBackend('wasm');
  });

  it('uses no Tile and leaves no tensors behind', async () => {
    await tf.setBackend('wasm');
    const c: BatchNormCase = { x: [4, 6, 6, 8], parameter: [8], epsilon: 1e-3, seed: 3 };
    batchNormGradients(c, false).forEach((t) => t.dispose()); // first calls may allocate lasting state
    const profile = await tf.profile(() => {
      tf.dispose(batchNormGradients(c, false));
    });
    expect(profile.kernelNames).not.toContain('Tile');
    await expectNoLeaks(() => tf.dispose(batchNormGradients(c, false)));
  });
});
