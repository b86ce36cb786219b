import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { augmentBatch } from './augment';
import { createRng } from '../math/rng';
import { expectNoLeaks } from '../testing/noLeaks';
import { activateNodeBackend } from '../../testing/node';

const SIDE = 10;
/** Image b: pixel (i, j) = 1000·b + 10·i + j, so every output pixel tells where it came from. */
function batchOf(n: number): tf.Tensor4D {
  const data = new Float32Array(n * SIDE * SIDE);
  for (let b = 0; b < n; b++)
    for (let i = 0; i < SIDE; i++)
      for (let j = 0; j < SIDE; j++) data[(b * SIDE + i) * SIDE + j] = 1000 * b + 10 * i + j;
  return tf.tensor4d(data, [n, SIDE, SIDE, 1]);
}

/** The expected image for a flip and a shift, by hand: output (i, j) reads input (clamp(i − dy), clamp(j − dx)). */
function expected(b: number, flip: boolean, dy: number, dx: number): number[][] {
  const clamp = (v: number) => Math.min(SIDE - 1, Math.max(0, v));
  return Array.from({ length: SIDE }, (_, i) =>
    Array.from({ length: SIDE }, (_, j) => {
      const source = clamp(j - dx);
      return 1000 * b + 10 * clamp(i - dy) + (flip ? SIDE - 1 - source : source);
    }),
  );
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`augmentBatch (${backend})`, () => {
    beforeAll(async () => {
      expect((await activateNodeBackend(backend)).backend).toBe(backend);
    });

    it('each image is a flip and/or whole-pixel shift within ±10 % with edges repeated', async () => {
      const batch = batchOf(16);
      const out = (await expectNoLeaks(async () => {
        const t = augmentBatch(batch, createRng(5), { flip: true });
        const values = await t.array();
        t.dispose();
        return values;
      })) as number[][][][];
      batch.dispose();
      let flips = 0;
      let shifts = 0;
      out.forEach((img, b) => {
        const got = img.map((row) => row.map((p) => p[0]));
        const matches = [false, true].flatMap((flip) =>
          [-1, 0, 1].flatMap((dy) =>
            [-1, 0, 1]
              .filter((dx) => JSON.stringify(expected(b, flip, dy, dx)) === JSON.stringify(got))
              .map((dx) => ({ flip, dy, dx })),
          ),
        );
        expect(matches.length).toBe(1);
        if (matches[0].flip) flips++;
        if (matches[0].dy !== 0 || matches[0].dx !== 0) shifts++;
      });
      expect(flips).toBeGreaterThan(0);
      expect(flips).toBeLessThan(16);
      expect(shifts).toBeGreaterThan(0);
    });

    it('is deterministic for a seed and varies between seeds', async () => {
      const batch = batchOf(8);
      const run = async (seed: number) => {
        const t = augmentBatch(batch, createRng(seed), { flip: true });
        const values = Array.from(await t.data());
        t.dispose();
        return values;
      };
      expect(await run(3)).toEqual(await run(3));
      expect(await run(3)).not.toEqual(await run(4));
      batch.dispose();
    });

    it('flip off and no shift is the identity; flip off never mirrors', async () => {
      const batch = batchOf(4);
      const identity = augmentBatch(batch, createRng(1), { flip: false, maxShift: 0 });
      expect(await identity.array()).toEqual(await batch.array());
      identity.dispose();
      const noFlip = augmentBatch(batch, createRng(1), { flip: false });
      const out = (await noFlip.array()) as number[][][][];
      noFlip.dispose();
      out.forEach((img, b) => {
        const got = JSON.stringify(img.map((row) => row.map((p) => p[0])));
        const any = [-1, 0, 1].some((dy) =>
          [-1, 0, 1].some((dx) => JSON.stringify(expected(b, false, dy, dx)) === got),
        );
        expect(any).toBe(true);
      });
      batch.dispose();
    });

    it('keeps shape, dtype and channels of an RGB batch', () => {
      const batch = tf.randomUniform([3, 12, 16, 3]) as tf.Tensor4D;
      const out = augmentBatch(batch, createRng(2), { flip: true, maxShift: 0.2 });
      expect(out.shape).toEqual([3, 12, 16, 3]);
      expect(out.dtype).toBe('float32');
      out.dispose();
      batch.dispose();
    });
  });
}
