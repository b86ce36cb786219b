import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { augmentBatch } from './augment';
import { imageBatches, tensorBatches } from './inputBatches';
import { imagesToTensor } from './preprocess';
import type { DecodedImage } from './types';
import type { Preprocessing } from '../backbones/types';
import { createRng } from '../math/rng';
import { computeBoundary, materialiseInputs } from '../train/boundaryCache';
import { expectNoLeaks } from '../testing/noLeaks';
import { activateNodeBackend } from '../../testing/node';

const pre: Preprocessing = { inputSize: 12, channels: 3, range: 'minus-one-to-one', centreCrop: true };
const SIZE = 12;

/** Images of different sizes and aspect ratios, pixels from a seeded RNG. */
function images(n: number): DecodedImage[] {
  const rng = createRng(7);
  return Array.from({ length: n }, (_, i) => {
    const width = 10 + (i % 4) * 5;
    const height = 14 + (i % 3) * 3;
    const data = new Uint8Array(width * height * 3).map(() => rng.int(256));
    return { width, height, data };
  });
}

const seedOfView = (view: number) => 100 + view;

/** Rows of `rows` taken in batches of `batch`, read back as numbers; no tensor left behind. */
async function readInBatches(
  rows: { count: number; take(s: number, n: number): tf.Tensor },
  batch: number,
): Promise<number[]> {
  return expectNoLeaks(async () => {
    const out: number[] = [];
    for (let start = 0; start < rows.count; start += batch) {
      const t = rows.take(start, Math.min(batch, rows.count - start));
      out.push(...(await t.data()));
      t.dispose();
    }
    return out;
  });
}

describe('imageBatches', () => {
  beforeAll(async () => {
    expect((await activateNodeBackend('wasm')).backend).toBe('wasm');
  });

  it('plain rows equal imagesToTensor over all images, whatever the batch size', async () => {
    const all = images(9);
    const whole = imagesToTensor(all, pre, SIZE);
    const expected = Array.from(await whole.data());
    whole.dispose();
    const rows = imageBatches(all, pre, SIZE);
    expect(rows.count).toBe(9);
    for (const batch of [1, 4, 9]) expect(await readInBatches(rows, batch)).toEqual(expected);
  });

  it('augmented rows are view-major and equal one augmentBatch per view, also in batches straddling views', async () => {
    const all = images(7);
    const plain = imagesToTensor(all, pre, SIZE);
    const views = [0, 1, 2].map((v) => augmentBatch(plain, createRng(seedOfView(v)), { flip: true }));
    const stacked = tf.concat(views, 0);
    const expected = Array.from(await stacked.data());
    tf.dispose([plain, stacked, ...views]);

    const rows = imageBatches(all, pre, SIZE, { views: 3, seedOfView, options: { flip: true } });
    expect(rows.count).toBe(21);
    // 5 does not divide 7: batches 5..9 and 10..14 cross from view 0 to 1 and 1 to 2.
    for (const batch of [5, 21]) expect(await readInBatches(rows, batch)).toEqual(expected);
  });

  it('rejects rows outside the range and returns an empty batch for zero rows', async () => {
    const rows = imageBatches(images(3), pre, SIZE);
    expect(() => rows.take(2, 2)).toThrow(/outside 0\.\.3/);
    expect(() => rows.take(-1, 1)).toThrow(RangeError);
    const empty = rows.take(3, 0);
    expect(empty.shape).toEqual([0, SIZE, SIZE, 3]);
    empty.dispose();
  });
});

describe('computeBoundary and materialiseInputs over rows made on demand', () => {
  it('give the same tensors as over the whole input tensor, and leave only the result', async () => {
    const all = images(10);
    const model = tf.sequential({
      layers: [tf.layers.conv2d({ inputShape: [SIZE, SIZE, 3], filters: 2, kernelSize: 3 })],
    });
    const whole = imagesToTensor(all, pre, SIZE);
    const fromTensor = await computeBoundary(model, whole, { batchSize: 4 });
    const rows = imageBatches(all, pre, SIZE);
    const [fromRows, raw] = await expectNoLeaks(async () => {
      const progress: number[] = [];
      const boundary = await computeBoundary(model, rows, { batchSize: 4, onProgress: (done) => progress.push(done) });
      expect(progress).toEqual([4, 8, 10]);
      const materialised = await materialiseInputs(rows, { batchSize: 3 });
      const values = [Array.from(await boundary.data()), Array.from(await materialised.data())];
      tf.dispose([boundary, materialised]);
      return values;
    });
    expect(fromRows).toEqual(Array.from(await fromTensor.data()));
    expect(raw).toEqual(Array.from(await whole.data()));
    const viaTensorRows = await readInBatches(tensorBatches(whole), 3);
    expect(viaTensorRows).toEqual(raw);
    tf.dispose([whole, fromTensor]);
    model.dispose();
  });
});
