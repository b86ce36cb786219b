import type { Preprocessing } from '../backbones/types';
import { checkpoint, type CancelSignal } from '../train/cancel';
import type { DecodedImage, ImageDecoder } from './types';

/**
 * "Preprocess once": the geometric part of preprocessing (centre crop, bilinear resize to size×size: steps 1–2 of
 * imagesToTensor) done once per image and kept as 8-bit RGB, so every strategy, seed and sweep cell then only scales
 * a batch (imagesToTensor on a fitted image skips the crop and resize). At 224 px a photo is 150 KB, against
 * ~0.6 MB for the ≤ 512-px decoded image it came from, which the caller can then let go.
 *
 * The resize's output is rounded to the nearest integer (as a canvas would store it), so a fitted image's batch
 * differs from imagesToTensor of the original by at most 0.5/255 of the range per pixel.
 *
 * An image that is already size×size is returned as it is (same object): fitting twice costs nothing.
 */
export function isFitted(image: DecodedImage, size: number): boolean {
  return image.width === size && image.height === size;
}

/** One image fitted to size×size (see file comment); the image itself when it already is. */
export function fitImage(image: DecodedImage, pre: Preprocessing, size: number): DecodedImage {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`size must be a positive integer, got ${size}`);
  const { width, height, data } = image;
  if (data.length !== width * height * 3) {
    throw new RangeError(
      `decoded image is ${width}×${height} but holds ${data.length} bytes, not ${width * height * 3}`,
    );
  }
  if (isFitted(image, size)) return image;
  // The crop of imagesToTensor: the largest centred square, or the whole image (squashed).
  const side = Math.min(width, height);
  const [cropWidth, cropHeight] = pre.centreCrop ? [side, side] : [width, height];
  const top = pre.centreCrop ? Math.floor((height - side) / 2) : 0;
  const left = pre.centreCrop ? Math.floor((width - side) / 2) : 0;
  // Bilinear with half-pixel centres, as tf.image.resizeBilinear(x, size, false, true) computes it, in float64 and
  // in plain JS, so the rounded pixels are the same on every backend (a rounding could otherwise flip by a level).
  const rows = samplePositions(cropHeight, size);
  const columns = samplePositions(cropWidth, size);
  const out = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    const { low: y0, high: y1, fraction: fy } = rows[y];
    const rowLow = (top + y0) * width;
    const rowHigh = (top + y1) * width;
    for (let x = 0; x < size; x++) {
      const { low: x0, high: x1, fraction: fx } = columns[x];
      const a = (rowLow + left + x0) * 3;
      const b = (rowLow + left + x1) * 3;
      const c = (rowHigh + left + x0) * 3;
      const d = (rowHigh + left + x1) * 3;
      const o = (y * size + x) * 3;
      for (let ch = 0; ch < 3; ch++) {
        const upper = data[a + ch] + (data[b + ch] - data[a + ch]) * fx;
        const lower = data[c + ch] + (data[d + ch] - data[c + ch]) * fx;
        out[o + ch] = Math.round(upper + (lower - upper) * fy); // in 0..255: a convex combination of pixels
      }
    }
  }
  return { width: size, height: size, data: out };
}

/** Source positions of `outSize` samples over `inSize` pixels (tfjs's CPU resizeBilinear, half-pixel centres). */
function samplePositions(inSize: number, outSize: number): { low: number; high: number; fraction: number }[] {
  const ratio = inSize / outSize;
  return Array.from({ length: outSize }, (_, i) => {
    const position = ratio * (i + 0.5) - 0.5;
    const low = Math.max(0, Math.floor(position));
    return { low, high: Math.min(inSize - 1, Math.ceil(position)), fraction: position - low };
  });
}

export interface FitOptions {
  /** Checked between images; an abort rejects with CancelledError. */
  signal?: CancelSignal;
  /** Called now and then with images done and the total. */
  onProgress?: (done: number, total: number) => void;
}

/** fitImage over `images`, in order, giving the event loop a turn every 16 images. */
export async function fitImages(
  images: readonly DecodedImage[],
  pre: Preprocessing,
  size: number,
  options: FitOptions = {},
): Promise<DecodedImage[]> {
  const fitted: DecodedImage[] = [];
  for (const image of images) {
    fitted.push(fitImage(image, pre, size));
    if (fitted.length % 16 === 0) {
      options.onProgress?.(fitted.length, images.length);
      await checkpoint(options.signal);
    }
  }
  options.onProgress?.(fitted.length, images.length);
  return fitted;
}

/**
 * `decoder` with every image fitted as soon as it is decoded: a loader that keeps a dataset for one experiment (or
 * sweep) at one input size holds 8-bit size×size pixels, and each full-size decode is garbage at once.
 */
export function fittingDecoder(decoder: ImageDecoder, pre: Preprocessing, size: number): ImageDecoder {
  return { decode: async (bytes, fileName) => fitImage(await decoder.decode(bytes, fileName), pre, size) };
}
