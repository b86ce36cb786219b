import { describe, expect, it } from 'vitest';
import jpeg from 'jpeg-js';
import { nodeDecoder, readFolderDataset } from '../../testing/node';
import { FLOWERS_DIR, SHARED_DATASETS } from '../../testing/paths';
import {
  areNearDuplicates,
  findDuplicateGroups,
  NEAR_CORRELATION,
  perceptualHash,
  pixelHash,
  thumbnailCorrelation,
} from './duplicates';
import type { DecodedImage } from './types';

/** `image` re-saved as a JPEG at `quality`, optionally shrunk by `scale` (area average): a re-saved copy. */
function resaved(image: DecodedImage, quality: number, scale = 1): DecodedImage {
  const w = Math.max(1, Math.round(image.width * scale));
  const h = Math.max(1, Math.round(image.height * scale));
  const rgba = Buffer.alloc(w * h * 4, 255);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const [x0, y0] = [Math.floor(x / scale), Math.floor(y / scale)];
      const [x1, y1] = [Math.max(x0 + 1, Math.floor((x + 1) / scale)), Math.max(y0 + 1, Math.floor((y + 1) / scale))];
      for (let c = 0; c < 3; c++) {
        let sum = 0;
        let count = 0;
        for (let yy = y0; yy < Math.min(y1, image.height); yy++) {
          for (let xx = x0; xx < Math.min(x1, image.width); xx++) {
            sum += image.data[(yy * image.width + xx) * 3 + c];
            count++;
          }
        }
        rgba[(y * w + x) * 4 + c] = sum / count;
      }
    }
  }
  const back = jpeg.decode(jpeg.encode({ data: rgba, width: w, height: h }, quality).data, {
    useTArray: true,
    formatAsRGBA: false,
  });
  return { width: back.width, height: back.height, data: back.data };
}

describe('duplicate groups (issue 13, item 5)', () => {
  it('finds no groups among distinct real photos, glyphs and digits (the shared datasets)', async () => {
    for (const name of ['flowers', 'omniglot', 'digits-mnist', 'digits-mnistm']) {
      const { dataset } = await readFolderDataset(`${SHARED_DATASETS}/${name}`, nodeDecoder);
      const found = findDuplicateGroups(dataset.examples);
      expect(found.groupCount, name).toBe(0);
    }
  });

  it('finds exact copies, re-saved and resized copies, and webcam bursts, and counts each kind', async () => {
    const { dataset } = await readFolderDataset(FLOWERS_DIR, nodeDecoder);
    const photos = dataset.examples.slice(0, 30).map((e) => e.image);
    const examples = [
      ...photos.map((image) => ({ image })),
      { image: { ...photos[0], data: photos[0].data.slice() } }, // 30: an exact copy of 0
      { image: resaved(photos[1], 75) }, // 31: photo 1 re-saved
      { image: resaved(photos[2], 80, 0.5) }, // 32: photo 2 at half size
      { image: photos[3], burst: 'hold-1' }, // 33: the same frame twice in a burst…
      { image: photos[4], burst: 'hold-1' }, // 34: …and a different one: a burst groups them anyway
      { image: photos[5], burst: 'hold-1' },
    ];
    const found = findDuplicateGroups(examples);
    expect(found.groups[30]).toBe(0);
    expect(found.groups[31]).toBe(1);
    expect(found.groups[32]).toBe(2);
    expect(new Set([3, 4, 5, 33, 34, 35].map((i) => found.groups[i]))).toEqual(new Set([3]));
    expect(found.exactCopies).toBe(1 + 3); // 30, and the burst's frames equal to 3, 4, 5
    expect(found.nearCopies).toBe(2);
    expect(found.burstFrames).toBe(3);
    expect(found.groupCount).toBe(3 + 1);
    expect(found.groups.slice(6, 30)).toEqual(Array.from({ length: 24 }, (_, k) => 6 + k));
  });

  it('flat images only group when their pixels are equal; colour matters; the same picture in two classes is counted', () => {
    const flat = (r: number, g: number, b: number): DecodedImage => ({
      width: 8,
      height: 8,
      data: new Uint8Array(Array.from({ length: 64 }, () => [r, g, b]).flat()),
    });
    expect(areNearDuplicates(perceptualHash(flat(255, 0, 0)), perceptualHash(flat(250, 0, 0)))).toBe(false);
    expect(pixelHash(flat(1, 2, 3))).toBe(pixelHash(flat(1, 2, 3)));
    expect(pixelHash(flat(1, 2, 3))).not.toBe(pixelHash(flat(1, 2, 4)));
    const ramp = (tint: number): DecodedImage => ({
      width: 16,
      height: 16,
      data: new Uint8Array(Array.from({ length: 256 }, (_, i) => [(i % 16) * 16, (i >> 4) * 16, tint]).flat()),
    });
    expect(thumbnailCorrelation(perceptualHash(ramp(0)), perceptualHash(ramp(200)))).toBeGreaterThan(NEAR_CORRELATION);
    expect(areNearDuplicates(perceptualHash(ramp(0)), perceptualHash(ramp(200)))).toBe(false); // blue differs
    const twice = findDuplicateGroups([{ image: ramp(9) }, { image: ramp(9) }], [0, 1]);
    expect(twice.mixedLabelGroups).toBe(1);
  });
});
