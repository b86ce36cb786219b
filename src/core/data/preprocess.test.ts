import { beforeAll, describe, expect, it } from 'vitest';
import { imagesToTensor } from './preprocess';
import type { DecodedImage } from './types';
import type { Preprocessing } from '../backbones/types';
import { expectNoLeaks } from '../testing/noLeaks';
import { activateNodeBackend } from '../../testing/node';

/** An image from rows of [r, g, b] pixels. */
function image(rows: number[][][]): DecodedImage {
  return { height: rows.length, width: rows[0].length, data: Uint8Array.from(rows.flat(2)) };
}

const rgb01: Preprocessing = { inputSize: 2, channels: 3, range: 'zero-to-one', centreCrop: false };

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`imagesToTensor (${backend})`, () => {
    beforeAll(async () => {
      expect((await activateNodeBackend(backend)).backend).toBe(backend);
    });

    it('keeps pixels at the same size and scales to [0, 1]', async () => {
      const img = image([
        [
          [0, 51, 255],
          [10, 20, 30],
        ],
        [
          [255, 255, 255],
          [0, 0, 0],
        ],
      ]);
      const out = await expectNoLeaks(async () => {
        const t = imagesToTensor([img], rgb01, 2);
        const values = await t.array();
        t.dispose();
        return values;
      });
      expect(out[0][0][0][0]).toBeCloseTo(0, 6);
      expect(out[0][0][0][1]).toBeCloseTo(0.2, 6);
      expect(out[0][0][0][2]).toBeCloseTo(1, 6);
      expect(out[0][1][0]).toEqual([1, 1, 1]);
    });

    it('crops the centre square of a wide image', async () => {
      // 4 wide × 2 high: columns 1 and 2 survive.
      const px = (v: number) => [v, v, v];
      const img = image([
        [px(1), px(2), px(3), px(4)],
        [px(5), px(6), px(7), px(8)],
      ]);
      const pre: Preprocessing = { ...rgb01, channels: 1, centreCrop: true };
      const t = imagesToTensor([img], pre, 2);
      expect(t.shape).toEqual([1, 2, 2, 1]);
      const values = (await t.data()).map((v) => Math.round(v * 255));
      t.dispose();
      expect(Array.from(values)).toEqual([2, 3, 6, 7]);
    });

    it('bilinear resize with half-pixel centres: a hand-checked pixel', async () => {
      // 2×2 → 4×4; output column 1 samples x = (1 + 0.5)/2 − 0.5 = 0.25 → 0.75·0 + 0.25·200 = 50.
      const img = image([
        [
          [0, 0, 0],
          [200, 200, 200],
        ],
        [
          [0, 0, 0],
          [200, 200, 200],
        ],
      ]);
      const t = imagesToTensor([img], { ...rgb01, channels: 1 }, 4);
      const row = (await t.array())[0][0].map((p) => Math.round(p[0] * 255));
      t.dispose();
      expect(row).toEqual([0, 50, 150, 200]);
    });

    it('greyscale is the mean of RGB; invert then scale to [−1, 1]', async () => {
      const img = image([[[30, 60, 90]]]);
      const grey = imagesToTensor([img], { ...rgb01, channels: 1 }, 1);
      expect((await grey.data())[0]).toBeCloseTo(60 / 255, 6);
      const inverted = imagesToTensor([img], { ...rgb01, channels: 1, invert: true, range: 'minus-one-to-one' }, 1);
      expect((await inverted.data())[0]).toBeCloseTo(195 / 127.5 - 1, 5);
      grey.dispose();
      inverted.dispose();
    });

    it('stacks images of different sizes into one batch, within range, without leaks', async () => {
      const big = { width: 30, height: 20, data: new Uint8Array(30 * 20 * 3).map((_, i) => (i * 37) % 256) };
      const small = { width: 5, height: 9, data: new Uint8Array(5 * 9 * 3).fill(255) };
      const pre: Preprocessing = { inputSize: 8, channels: 3, range: 'minus-one-to-one', centreCrop: true };
      await expectNoLeaks(async () => {
        const t = imagesToTensor([big, small], pre, 8);
        expect(t.shape).toEqual([2, 8, 8, 3]);
        expect(t.dtype).toBe('float32');
        const values = await t.data();
        t.dispose();
        expect(Math.min(...values)).toBeGreaterThanOrEqual(-1 - 1e-6);
        expect(Math.max(...values)).toBeLessThanOrEqual(1 + 1e-6);
      });
    });

    it('an empty list gives an empty batch; a wrong byte count is refused', () => {
      const t = imagesToTensor([], rgb01, 4);
      expect(t.shape).toEqual([0, 4, 4, 3]);
      t.dispose();
      expect(() => imagesToTensor([{ width: 2, height: 2, data: new Uint8Array(5) }], rgb01, 2)).toThrow(RangeError);
    });
  });
}
