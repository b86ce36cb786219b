import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { activateNodeBackend } from '../../testing/node';
import type { Preprocessing } from '../backbones/types';
import { imagesToTensor } from './preprocess';
import type { DecodedImage } from './types';

/**
 * imagesToTensor on ANY decoded images (sizes 1..24 px, any aspect, any bytes) and any preprocessing: the shape is
 * [n, size, size, channels], every value lies in the documented range ([0, 1] or [-1, 1]) and is finite, and no
 * tensor is left behind but the returned one (docs/guarantees.md).
 */
const imageArb: fc.Arbitrary<DecodedImage> = fc
  .record({
    width: fc.integer({ min: 1, max: 24 }),
    height: fc.integer({ min: 1, max: 24 }),
    seed: fc.integer({ min: 0, max: 255 }),
    flat: fc.boolean(),
  })
  .map(({ width, height, seed, flat }) => ({
    width,
    height,
    // Extremes (0 and 255) are the interesting values for the range; a flat image tests the resize of constants.
    data: Uint8Array.from({ length: width * height * 3 }, (_, i) =>
      flat ? seed : (i * 97 + seed * 31) % 256 < 128 ? 0 : 255 - ((i + seed) % 7),
    ),
  }));

const preprocessingArb: fc.Arbitrary<Preprocessing> = fc.record({
  inputSize: fc.constant(8),
  channels: fc.constantFrom(1 as const, 3 as const),
  range: fc.constantFrom('zero-to-one' as const, 'minus-one-to-one' as const),
  centreCrop: fc.boolean(),
  invert: fc.boolean(),
});

describe('imagesToTensor (properties, cpu)', () => {
  beforeAll(async () => {
    expect((await activateNodeBackend('cpu')).backend).toBe('cpu');
  });

  it('shape, range and no leaks for any images, sizes and preprocessing', () => {
    fc.assert(
      fc.property(
        fc.array(imageArb, { minLength: 1, maxLength: 4 }),
        preprocessingArb,
        fc.integer({ min: 1, max: 16 }),
        (images, pre, size) => {
          const before = tf.memory().numTensors;
          const t = imagesToTensor(images, pre, size);
          try {
            expect(t.shape).toEqual([images.length, size, size, pre.channels]);
            expect(t.dtype).toBe('float32');
            const [lo, hi] = pre.range === 'zero-to-one' ? [0, 1] : [-1, 1];
            const values = t.dataSync();
            const eps = 1e-5;
            for (const v of values) {
              if (!(Number.isFinite(v) && v >= lo - eps && v <= hi + eps))
                throw new Error(`value ${v} outside [${lo}, ${hi}]`);
            }
          } finally {
            t.dispose();
          }
          expect(tf.memory().numTensors).toBe(before);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('fitted RGB images (size×size) give the per-image path’s float32 values exactly, on CPU and WASM', async () => {
    const fittedArb = fc.integer({ min: 1, max: 6 }).chain((size) =>
      fc.record({
        size: fc.constant(size),
        images: fc.array(
          fc.uint8Array({ minLength: size * size * 3, maxLength: size * size * 3 }).map((data) => ({
            width: size,
            height: size,
            data,
          })),
          { minLength: 1, maxLength: 3 },
        ),
        pre: preprocessingArb.map((p) => ({ ...p, channels: 3 as const })),
      }),
    );
    // The per-image path's arithmetic for a size×size image, written as tf ops (no crop, resize or grey).
    const reference = (images: DecodedImage[], pre: Preprocessing, size: number) =>
      tf.tidy(() => {
        let x = tf
          .tensor4d(
            images.flatMap((im) => [...im.data]),
            [images.length, size, size, 3],
            'int32',
          )
          .toFloat();
        if (pre.invert) x = tf.sub(255, x);
        return pre.range === 'zero-to-one' ? tf.div(x, 255) : tf.sub(tf.div(x, 127.5), 1);
      });
    for (const backend of ['cpu', 'wasm'] as const) {
      expect((await activateNodeBackend(backend)).backend).toBe(backend);
      fc.assert(
        fc.property(fittedArb, ({ size, images, pre }) => {
          const before = tf.memory().numTensors;
          const [fast, slow] = [imagesToTensor(images, pre, size), reference(images, pre, size)];
          expect(Array.from(fast.dataSync())).toEqual(Array.from(slow.dataSync()));
          tf.dispose([fast, slow]);
          expect(tf.memory().numTensors).toBe(before);
        }),
        { numRuns: 60 },
      );
    }
    await tf.setBackend('cpu');
  });

  it('refuses a size that is not a positive integer, and bytes that do not match the size, leaving nothing behind', () => {
    const pre: Preprocessing = { inputSize: 8, channels: 3, range: 'zero-to-one', centreCrop: true };
    const before = tf.memory().numTensors;
    for (const size of [0, -1, 1.5, NaN])
      expect(() => imagesToTensor([{ width: 1, height: 1, data: new Uint8Array(3) }], pre, size)).toThrow(RangeError);
    expect(() => imagesToTensor([{ width: 2, height: 2, data: new Uint8Array(3) }], pre, 4)).toThrow(
      /holds 3 bytes, not 12/,
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});
