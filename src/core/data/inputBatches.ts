import * as tf from '@tensorflow/tfjs';
import type { Preprocessing } from '../backbones/types';
import { createRng } from '../math/rng';
import { applyAugmentations, drawAugmentations, type AugmentOptions } from './augment';
import { imagesToTensor } from './preprocess';
import type { DecodedImage } from './types';

/**
 * A model's input rows, made a batch at a time on demand. Caching embeddings or boundary activations only ever
 * needs one batch of preprocessed images at once, so 1,000 photos at 224 px cost 32 × 0.6 MB in flight rather
 * than 600 MB (×3 with augmented views) held together — which is what aborted WASM at that size.
 */
export interface InputBatches {
  /** Number of rows (views × examples for augmented training inputs). */
  readonly count: number;
  /** Rows [start, start + size) as a new tensor [size, ...]; the caller disposes it. */
  take(start: number, size: number): tf.Tensor;
}

/** Rows of a tensor the caller already holds (borrowed: never disposed here). */
export function tensorBatches(tensor: tf.Tensor): InputBatches {
  return { count: tensor.shape[0], take: (start, size) => tf.slice(tensor, start, size) };
}

/** Augmented copies of the images: `views` of them, view v drawn from its own seed. */
export interface AugmentedViews {
  views: number;
  seedOfView: (view: number) => number;
  options: AugmentOptions;
}

/**
 * Rows of decoded images, preprocessed for a backbone (imagesToTensor) when taken. With `augmented`, the rows are
 * view-major ([views × n]): row v·n + i is image i under view v's augmentation. Each view's augmentations are
 * drawn once here, in image order, so a row is the same whichever batch it is taken in, and the result equals one
 * augmentBatch over all images with that view's seed.
 */
export function imageBatches(
  images: readonly DecodedImage[],
  pre: Preprocessing,
  size: number,
  augmented?: AugmentedViews,
): InputBatches {
  const n = images.length;
  const plans = augmented
    ? Array.from({ length: augmented.views }, (_, v) =>
        drawAugmentations(n, size, size, createRng(augmented.seedOfView(v)), augmented.options),
      )
    : null;
  const count = n * (plans?.length ?? 1);
  return {
    count,
    take(start, length) {
      if (!Number.isInteger(start) || !Number.isInteger(length) || start < 0 || length < 0 || start + length > count) {
        throw new RangeError(`rows [${start}, ${start + length}) are outside 0..${count}`);
      }
      if (length === 0) return imagesToTensor([], pre, size);
      // A batch may straddle two views: one piece per view, then joined.
      const pieces: tf.Tensor4D[] = [];
      try {
        for (let row = start; row < start + length;) {
          const view = Math.floor(row / n);
          const first = row - view * n;
          const end = Math.min(n, first + (start + length - row));
          const plain = imagesToTensor(images.slice(first, end), pre, size);
          if (plans) {
            pieces.push(applyAugmentations(plain, plans[view].slice(first, end)));
            plain.dispose();
          } else {
            pieces.push(plain);
          }
          row += end - first;
        }
        return pieces.length === 1 ? pieces.pop()! : tf.concat(pieces, 0);
      } finally {
        tf.dispose(pieces);
      }
    },
  };
}
