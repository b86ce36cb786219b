import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { activateNodeBackend } from '../../testing/node';
import { seededTensor, valuesOn } from '../testing/kernelParity';
import { expectNoLeaks } from '../testing/noLeaks';
import { registerWasmConvGradients } from './wasmConvGradients';

/** The wrapped WASM Slice (shared data for the whole tensor, one heap copy for contiguous slices) against CPU. */

beforeAll(async () => {
  registerWasmConvGradients();
  expect((await activateNodeBackend('wasm')).backend).toBe('wasm');
});

/** A shape of rank 1..4 and a begin/size inside it: contiguous (leading axes) or strided (any axes). */
const sliceCase = fc
  .array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 4 })
  .chain((shape) =>
    fc.record({
      shape: fc.constant(shape),
      begin: fc.tuple(...shape.map((d) => fc.integer({ min: 0, max: d - 1 }))),
      fraction: fc.tuple(...shape.map(() => fc.double({ min: 0, max: 1, noNaN: true }))),
      whole: fc.boolean(),
      dtype: fc.constantFrom<'float32' | 'int32'>('float32', 'int32'),
      seed: fc.integer({ min: 0, max: 1_000_000 }),
    }),
  )
  .map(({ shape, begin, fraction, whole, dtype, seed }) => {
    const start = whole ? shape.map(() => 0) : begin;
    const size = shape.map((d, i) => (whole ? d : Math.max(0, Math.round(fraction[i] * (d - start[i])))));
    return { shape, begin: start, size, dtype, seed };
  });

describe('Slice on WASM', () => {
  it('equals the CPU backend for contiguous, whole and strided slices of float and int tensors', async () => {
    await fc.assert(
      fc.asyncProperty(sliceCase, async (c) => {
        const run = () => {
          const x = tf.cast(tf.mul(seededTensor(c.shape, c.seed), 100), c.dtype);
          const y = tf.slice(x, c.begin, c.size);
          x.dispose();
          return [y];
        };
        const [cpu] = await valuesOn('cpu', run);
        const [wasm] = await valuesOn('wasm', run);
        expect(Array.from(wasm)).toEqual(Array.from(cpu));
      }),
      { numRuns: 120 },
    );
    await tf.setBackend('wasm');
  });

  it('shares the data of a whole-tensor slice, which outlives its input, and leaves no buffer behind', async () => {
    await tf.setBackend('wasm');
    const buffersBefore = tf.backend().numDataIds();
    await expectNoLeaks(() => {
      const x = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
      const whole = tf.slice(x, [0, 0], [2, 3]);
      const rows = tf.slice(x, [1, 0], [1, 3]);
      x.dispose();
      expect(Array.from(whole.dataSync())).toEqual([1, 2, 3, 4, 5, 6]);
      expect(Array.from(rows.dataSync())).toEqual([4, 5, 6]);
      tf.dispose([whole, rows]);
    });
    expect(tf.backend().numDataIds()).toBe(buffersBefore);
  });
});
