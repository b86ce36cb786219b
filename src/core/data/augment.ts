import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../math/rng';

export interface AugmentOptions {
  /** Random horizontal flip with probability 1/2. Off for digits and characters, where a mirror is another glyph. */
  flip: boolean;
  /** Largest translation as a fraction of the side (default 0.1 = ±10 %), rounded to whole pixels. */
  maxShift?: number;
}

/**
 * Light augmentation of a batch [n, h, w, c]: per image an optional horizontal flip and a random translation of
 * up to ±maxShift of each side, by whole pixels, with the edge pixels repeated into the uncovered border (so a
 * black digit background stays black and a photo does not get a grey frame).
 *
 * Implemented as one gather over all pixels with an index table built on the CPU (a flip is the column order
 * reversed), because gather runs on the CPU, WASM and WebGL backends alike and involves no interpolation:
 * every output pixel is an input pixel. Draws from `rng` in a fixed order (flip, dy, dx per image), so the result
 * is deterministic for the rng's seed. Does not dispose `batch`; the caller owns both tensors.
 */
export function augmentBatch(batch: tf.Tensor4D, rng: Rng, options: AugmentOptions): tf.Tensor4D {
  return applyAugmentations(batch, drawAugmentations(batch.shape[0], batch.shape[1], batch.shape[2], rng, options));
}

/** One image's augmentation: a mirror, then content moved down by dy and right by dx pixels. */
export interface Augmentation {
  flip: boolean;
  dy: number;
  dx: number;
}

/**
 * The random part of augmentBatch: `n` augmentations for images of height×width, drawn from `rng` in a fixed
 * order (flip, dy, dx per image). Separate from applying them so a long list can be drawn once and applied a
 * batch at a time (see inputBatches.ts) with exactly the result of one augmentBatch over all images.
 */
export function drawAugmentations(
  n: number,
  height: number,
  width: number,
  rng: Rng,
  options: AugmentOptions,
): Augmentation[] {
  const maxShift = options.maxShift ?? 0.1;
  const maxDy = Math.round(maxShift * height);
  const maxDx = Math.round(maxShift * width);
  return Array.from({ length: n }, () => {
    const flip = options.flip && rng.next() < 0.5;
    const dy = maxDy > 0 ? rng.int(2 * maxDy + 1) - maxDy : 0;
    const dx = maxDx > 0 ? rng.int(2 * maxDx + 1) - maxDx : 0;
    return { flip, dy, dx };
  });
}

/** Applies augmentations[b] to image b of `batch` (lengths must match); returns a new tensor. */
export function applyAugmentations(batch: tf.Tensor4D, augmentations: readonly Augmentation[]): tf.Tensor4D {
  const [n, height, width, channels] = batch.shape;
  if (augmentations.length !== n) throw new RangeError(`${augmentations.length} augmentations for a batch of ${n}`);
  // One flat gather index per output pixel: gather on axis 0 of the [n·h·w, c] view is supported by every
  // backend (WASM's gather with batchDims > 0 reads out of bounds in tfjs 4.22, so per-image tables are out).
  const index = new Int32Array(n * height * width);
  const rows = new Int32Array(height);
  const cols = new Int32Array(width);
  augmentations.forEach(({ flip, dy, dx }, b) => {
    // Output pixel (i, j) reads input (i − dy, j − dx), clamped to the image: content moves by (+dy, +dx).
    for (let i = 0; i < height; i++) rows[i] = clamp(i - dy, height - 1);
    for (let j = 0; j < width; j++) {
      const source = clamp(j - dx, width - 1);
      cols[j] = flip ? width - 1 - source : source;
    }
    const base = b * height * width;
    for (let i = 0; i < height; i++) {
      for (let j = 0; j < width; j++) index[base + i * width + j] = base + rows[i] * width + cols[j];
    }
  });

  return tf.tidy(() => {
    const pixels = tf.reshape(batch, [n * height * width, channels]);
    return tf.reshape(tf.gather(pixels, tf.tensor1d(index, 'int32'), 0), batch.shape) as tf.Tensor4D;
  });
}

function clamp(i: number, max: number): number {
  return i < 0 ? 0 : i > max ? max : i;
}
