import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { Preprocessing } from '../backbones/types';
import { createRng } from '../math/rng';
import { expectNoLeaks } from '../testing/noLeaks';
import { CancelledError } from '../train/types';
import { activateNodeBackend } from '../../testing/node';
import { fitImage, fitImages } from './fitImages';
import { imagesToTensor } from './preprocess';
import type { DecodedImage } from './types';

function randomImage(width: number, height: number, seed: number): DecodedImage {
  const rng = createRng(seed);
  return { width, height, data: Uint8Array.from({ length: width * height * 3 }, () => Math.floor(rng.next() * 256)) };
}

const photo: Preprocessing = { inputSize: 24, channels: 3, range: 'minus-one-to-one', centreCrop: true };
const digit: Preprocessing = { inputSize: 8, channels: 1, range: 'zero-to-one', centreCrop: false, invert: true };

function maxAbsDifference(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

describe('fitImages', () => {
  beforeAll(async () => {
    expect((await activateNodeBackend('wasm')).backend).toBe('wasm');
  });

  for (const [name, pre, range] of [
    ['photo, centre crop, [−1, 1]', photo, 2],
    ['digit, squashed, grey, inverted, [0, 1]', digit, 1],
  ] as const) {
    it(`gives the batch of the original images within half a grey level (${name})`, async () => {
      const images = [randomImage(37, 29, 1), randomImage(20, 31, 2), randomImage(24, 24, 3)];
      const fitted = await fitImages(images, pre, pre.inputSize);
      for (const image of fitted)
        expect([image.width, image.height, image.data.length]).toEqual([
          pre.inputSize,
          pre.inputSize,
          pre.inputSize ** 2 * 3,
        ]);
      const [expected, actual] = [images, fitted].map((set) => imagesToTensor(set, pre, pre.inputSize));
      expect(maxAbsDifference(actual, expected)).toBeLessThanOrEqual((0.5 / 255) * range + 1e-5);
      tf.dispose([expected, actual]);
    });
  }

  it('returns an image that is already size×size as it is, and fitting twice changes nothing', async () => {
    const square = randomImage(24, 24, 4);
    expect(fitImage(square, photo, 24)).toBe(square);
    const once = fitImage(randomImage(50, 40, 5), photo, 24);
    expect(fitImage(once, photo, 24)).toBe(once);
  });

  it('makes no tensor and stops with CancelledError when aborted', async () => {
    const images = Array.from({ length: 40 }, (_, i) => randomImage(30, 20, i));
    await expectNoLeaks(() => fitImages(images, photo, 24));
    const signal = { aborted: false };
    const run = fitImages(images, photo, 24, { signal, onProgress: () => (signal.aborted = true) });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
  });
});
