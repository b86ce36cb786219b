/**
 * Images → embedding vectors for the few-shot classifiers: the backbone's features at a cut layer, pooled per
 * family as the trained heads pool them (HEAD_FOR_FAMILY: MobileNet's [h, w, c] map is globally averaged to c
 * values; digits-VGG's few-pixel map is flattened, keeping where the strokes are). One Float32Array per image.
 *
 * Ownership: the model is borrowed; every tensor made here is freed before returning (tested).
 */
import * as tf from '@tensorflow/tfjs';
import type { BackboneSpec, Preprocessing } from '../backbones/types';
import { HEAD_FOR_FAMILY, type HeadOptions } from '../heads/denseHead';
import { imageBatches } from '../data/inputBatches';
import type { Dataset, DecodedImage } from '../data/types';
import { checkpoint, type CancelSignal } from '../train/cancel';

export interface EmbedOptions {
  /** Images per forward pass (default 16). */
  batchSize?: number;
  signal?: CancelSignal;
  onProgress?: (done: number, total: number) => void;
}

/** Pools a batch of features [n, ...] into [n, d] the way `pooling` says (rank-2 features pass through). */
export function poolFeatures(features: tf.Tensor, pooling: HeadOptions['pooling']): tf.Tensor2D {
  return tf.tidy(() => {
    if (features.rank === 2) return features as tf.Tensor2D;
    if (pooling === 'gap' && features.rank === 4) return tf.mean(features, [1, 2]) as tf.Tensor2D;
    return tf.reshape(features, [features.shape[0], -1]) as tf.Tensor2D;
  });
}

/** Rows of a [n, d] tensor as n Float32Arrays (reads the data once; the tensor is borrowed). */
export async function rowsOf(matrix: tf.Tensor2D): Promise<Float32Array[]> {
  const [n, d] = matrix.shape;
  const data = (await matrix.data()) as Float32Array;
  return Array.from({ length: n }, (_, i) => data.slice(i * d, (i + 1) * d));
}

/**
 * Embeds `images` through `cut` (input → cut layer, e.g. cutAt(backbone, spec.defaultCut)) at `size` px,
 * preprocessed per `pre`, a batch at a time. Honours `signal` between batches (CancelledError).
 */
export async function embedImages(
  cut: tf.LayersModel,
  images: readonly DecodedImage[],
  pre: Preprocessing,
  size: number,
  pooling: HeadOptions['pooling'],
  options: EmbedOptions = {},
): Promise<Float32Array[]> {
  const rows = imageBatches(images, pre, size);
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 16));
  const out: Float32Array[] = [];
  for (let start = 0; start < rows.count; start += batchSize) {
    const take = Math.min(batchSize, rows.count - start);
    const pooled = tf.tidy(() => {
      const input = rows.take(start, take);
      return poolFeatures(cut.predict(input, { batchSize: take }) as tf.Tensor, pooling);
    });
    try {
      out.push(...(await rowsOf(pooled)));
    } finally {
      pooled.dispose();
    }
    options.onProgress?.(start + take, rows.count);
    if (start + take < rows.count) await checkpoint(options.signal);
  }
  return out;
}

/** Every example of `dataset` through embedImages at `size` px, preprocessed and pooled as `spec`'s family wants. */
export function embedDataset(
  cut: tf.LayersModel,
  dataset: Dataset,
  spec: BackboneSpec,
  size: number,
  options: EmbedOptions = {},
): Promise<Float32Array[]> {
  const images = dataset.examples.map((e) => e.image);
  return embedImages(cut, images, spec.preprocessing, size, HEAD_FOR_FAMILY[spec.family].pooling, options);
}
