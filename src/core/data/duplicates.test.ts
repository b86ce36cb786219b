import { describe, expect, it } from 'vitest';
import jpeg from 'jpeg-js';
import { nodeDecoder, readFolderDataset } from '../../testing/node';
import { FLOWERS_DIR, SHARED_DATASETS } from '../../testing/paths';
import {
  areNearDuplicates,
  areNearDuplicatesBounded,
  findDuplicateGroups,
  NEAR_CORRELATION,
  perceptualHash,
  pixelHash,
  thumbnailCorrelation,
  thumbnailTails,
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

/**
 * `image` darkened by `levels`, with noise of up to ±`noise` on its darker half (a deterministic LCG from `seed`):
 * its blank rows keep their dHash bands, its mean colour moves by `levels` and its strokes change a little.
 */
function darkened(image: DecodedImage, levels: number, noise: number, seed: number): DecodedImage {
  let state = (seed * 2654435761 + 1) >>> 0;
  const data = image.data.map((value) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const jitter = value < 128 ? Math.round(((state / 2 ** 32) * 2 - 1) * noise) : 0;
    return Math.min(255, Math.max(0, value - levels + jitter));
  });
  return { ...image, data };
}

/**
 * The grouping as first written, the referee for the faster one: union-find over exact copies and over every pair
 * in every band's bucket (its first 256 members) that areNearDuplicates accepts, each pair tested in every band it
 * shares. Returns the groups (smallest index of each) and the near-copy count.
 */
function referenceGroups(images: DecodedImage[]): { groups: number[]; nearCopies: number } {
  const parent = images.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const union = (a: number, b: number) => {
    const [ra, rb] = [find(a), find(b)];
    if (ra === rb) return false;
    parent[Math.max(ra, rb)] = Math.min(ra, rb);
    return true;
  };
  const byPixels = new Map<string, number>();
  images.forEach((image, i) => {
    const key = pixelHash(image);
    if (byPixels.has(key)) union(byPixels.get(key)!, i);
    else byPixels.set(key, i);
  });
  const hashes = images.map(perceptualHash);
  const buckets = new Map<number, number[]>();
  hashes.forEach((hash, i) => {
    for (let band = 0; band < 16; band++) {
      const key = band * 65536 + ((hash.bits[band >>> 1] >>> ((band & 1) * 16)) & 0xffff);
      buckets.set(key, [...(buckets.get(key) ?? []), i]);
    }
  });
  let nearCopies = 0;
  for (const bucket of buckets.values()) {
    const members = bucket.slice(0, 256);
    for (let a = 0; a < members.length; a++) {
      for (let b = a + 1; b < members.length; b++) {
        const [i, j] = [members[a], members[b]];
        if (find(i) !== find(j) && areNearDuplicates(hashes[i], hashes[j]) && union(i, j)) nearCopies++;
      }
    }
  }
  return { groups: images.map((_, i) => find(i)), nearCopies };
}

describe('duplicate groups (issue 13, item 5)', () => {
  it('the early-stopping near test answers as areNearDuplicates, also just either side of the threshold', () => {
    let state = 12345;
    const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
    const unit = (v: Float32Array) => {
      const norm = Math.hypot(...v);
      return v.map((x) => x / norm);
    };
    const hashOf = (thumbnail: Float32Array) => ({
      bits: new Uint32Array(8),
      thumbnail,
      mean: [128, 128, 128] as [number, number, number],
    });
    let near = 0;
    for (let k = 0; k < 2000; k++) {
      const x = unit(Float32Array.from({ length: 256 }, random));
      // y = x·cos θ + r·sin θ with r ⟂ x: correlation cos θ, spread over 0.97–0.99 around the threshold 0.98.
      const r = Float32Array.from({ length: 256 }, random);
      const along = r.reduce((sum, v, i) => sum + v * x[i], 0);
      const side = unit(r.map((v, i) => v - along * x[i]));
      const target = 0.97 + 0.02 * (k / 2000);
      const y = x.map((v, i) => v * target + side[i] * Math.sqrt(1 - target * target));
      const [a, b] = [hashOf(x), hashOf(y)];
      const expected = areNearDuplicates(a, b);
      expect(areNearDuplicatesBounded(a, b, thumbnailTails(a), thumbnailTails(b)), `pair ${k}`).toBe(expected);
      if (expected) near++;
    }
    expect(near).toBeGreaterThan(500);
    expect(near).toBeLessThan(1500);
  });

  it('groups as comparing every candidate pair in every band does, on 300 digits and 300 altered copies', async () => {
    // Digits share their blank rows' bands, so buckets pass the 256 cap and most pairs share several bands: the
    // cases where comparing each pair once (and stopping the correlation early) could differ if it were wrong.
    const { dataset } = await readFolderDataset(`${SHARED_DATASETS}/digits-mnist`, nodeDecoder);
    const digits = dataset.examples.map((e) => e.image);
    // Copies darkened by 0–23 levels (those beyond NEAR_MEAN_LEVELS are not near) with noise of 0–159 on the strokes (correlations from 1 down past NEAR_CORRELATION).
    const images = [...digits, ...digits.map((image, k) => darkened(image, k % 24, (k * 7) % 160, k))];
    const found = findDuplicateGroups(images.map((image) => ({ image })));
    const reference = referenceGroups(images);
    expect(found.groups).toEqual(reference.groups);
    expect(found.nearCopies).toBe(reference.nearCopies);
    expect(found.nearCopies).toBeGreaterThan(100); // the copies were found, so the comparison is not vacuous
  });

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
