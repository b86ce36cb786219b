import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { expectNoLeaks } from '../testing/noLeaks';
import type { Preprocessing } from '../backbones/types';
import { embedImages } from './embed';

const PRE: Preprocessing = { inputSize: 8, channels: 3, range: 'zero-to-one', centreCrop: false };

function image(value: number, side = 6) {
  return { width: side, height: side, data: new Uint8Array(side * side * 3).fill(value) };
}

describe('embedImages', () => {
  it('pools [h, w, c] features by averaging (gap) or flattening, batch by batch, leaving no tensors', async () => {
    await tf.setBackend('cpu');
    // 8×8×3 → conv 1×1 to 2 channels with weights 1 → every position holds the sum of the channels.
    const model = tf.sequential({
      layers: [tf.layers.conv2d({ inputShape: [8, 8, 3], filters: 2, kernelSize: 1, kernelInitializer: 'ones' })],
    });
    const images = [image(255), image(0), image(51)];
    const progress: number[] = [];
    const gap = await expectNoLeaks(() =>
      embedImages(model, images, PRE, 8, 'gap', { batchSize: 2, onProgress: (done) => progress.push(done) }),
    );
    expect(progress).toEqual([2, 3]);
    expect(gap.map((v) => v.length)).toEqual([2, 2, 2]);
    expect(gap[0][0]).toBeCloseTo(3, 5);
    expect(gap[1][1]).toBeCloseTo(0, 5);
    expect(gap[2][0]).toBeCloseTo(0.6, 5);
    const flat = await expectNoLeaks(() => embedImages(model, images, PRE, 8, 'flatten'));
    expect(flat[0].length).toBe(8 * 8 * 2);
    model.dispose();
  });

  it('stops between batches when cancelled', async () => {
    await tf.setBackend('cpu');
    const model = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [8, 8, 3] })] });
    const signal = { aborted: true };
    await expect(
      expectNoLeaks(() => embedImages(model, [image(1), image(2)], PRE, 8, 'flatten', { batchSize: 1, signal })),
    ).rejects.toThrow(/cancel/i);
    model.dispose();
  });
});
