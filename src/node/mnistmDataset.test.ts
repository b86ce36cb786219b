import { describe, expect, it } from 'vitest';
import type { Dataset, DecodedImage } from '../core/data/types';
import { blendOverPhotos } from './mnistmDataset';

/** A 28×28 black-on-white "digit": a white page with one black pixel at `dark`. */
function cleanDigit(digit: number, index: number, dark: number): Dataset['examples'][number] {
  const data = new Uint8Array(28 * 28 * 3).fill(255);
  data.fill(0, 3 * dark, 3 * dark + 3);
  return {
    id: `mnist:${digit}:${index}`,
    label: digit - 5,
    source: `mnist:${digit}:${index}`,
    image: { width: 28, height: 28, data },
  };
}

/** A flat photo of one colour. */
function flat(width: number, height: number, rgb: [number, number, number]): DecodedImage {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) data.set(rgb, 3 * i);
  return { width, height, data };
}

const clean: Dataset = {
  name: 'clean',
  classNames: ['5', '6'],
  examples: [cleanDigit(5, 0, 0), cleanDigit(5, 1, 100), cleanDigit(6, 0, 400)],
};

describe('blendOverPhotos (MNIST-M recipe, Ganin & Lempitsky 2015)', () => {
  it('the background is the patch and the stroke its inverse, returned black on white', () => {
    const [blended] = blendOverPhotos(clean, [flat(60, 40, [200, 100, 30])]).examples;
    expect(blended.id).toBe('mnistm:5:0');
    // Background (no stroke): 255 − |patch − 0| = 255 − patch.
    expect([...blended.image.data.slice(3, 6)]).toEqual([55, 155, 225]);
    // Stroke (255 in MNIST's white on black): 255 − |patch − 255| = patch.
    expect([...blended.image.data.slice(0, 3)]).toEqual([200, 100, 30]);
    expect(clean.examples[0].image.data[0]).toBe(0);
  });

  it('is deterministic per (seed, digit, index) and keeps labels and classes', () => {
    const photos = [flat(30, 30, [10, 20, 30]), flat(90, 50, [240, 10, 120]), flat(28, 28, [0, 0, 0])];
    const once = blendOverPhotos(clean, photos, 3);
    expect(blendOverPhotos(clean, photos, 3)).toEqual(once);
    // Example (6, 0) alone gets the same image as in the full set: nested subsets stay nested.
    const alone = blendOverPhotos({ ...clean, examples: [clean.examples[2]] }, photos, 3);
    expect(alone.examples[0]).toEqual(once.examples[2]);
    expect(once.classNames).toEqual(['5', '6']);
    expect(once.examples.map((e) => e.label)).toEqual([0, 0, 1]);
    expect(() => blendOverPhotos(clean, [])).toThrow(RangeError);
  });
});
