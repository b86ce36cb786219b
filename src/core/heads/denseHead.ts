import * as tf from '@tensorflow/tfjs';
import { deriveSeed } from '../math/rng';
import type { BackboneSpec } from '../backbones/types';

/**
 * The new classifier that goes on top of a backbone's features.
 * - 'gap': global average pooling of a [h, w, c] feature map, as in the Keras transfer-learning guide
 *   (MobileNet at conv_pw_13_relu: 7×7×256 → 256), so the head stays small and input-size independent.
 * - 'flatten': keeps the spatial layout, for tiny feature maps (the digits backbone's few-pixel maps carry
 *   "where" information that averaging would throw away); usually with a hidden dense layer.
 */
export interface HeadOptions {
  pooling: 'gap' | 'flatten';
  /** Units of a ReLU dense layer after pooling; undefined or 0 = none (pooled features go straight to logits). */
  hiddenUnits?: number;
  /** Dropout rate before the output layer, in [0, 1); undefined or 0 = none. */
  dropout?: number;
}

/**
 * Builds a fresh, randomly initialised head: [batch, ...featureShape] → [batch, numClasses] **logits** (no softmax:
 * the loss is softmax cross-entropy on logits, which is numerically stabler; add a softmax when exporting).
 * Initialisers are seeded from `seed`, so the same seed gives the same head.
 *
 * Ownership: the caller owns the returned model and its weights, and frees them with `model.dispose()`.
 * Rank-1 features skip the pooling layer; rank ≥ 2 features use `options.pooling` ('gap' needs rank 3).
 */
export function buildHead(
  featureShape: readonly number[],
  numClasses: number,
  seed: number,
  options: HeadOptions,
): tf.LayersModel {
  if (!Number.isInteger(numClasses) || numClasses < 2)
    throw new RangeError(`a head needs ≥ 2 classes, got ${numClasses}`);
  if (featureShape.some((d) => !Number.isInteger(d) || d <= 0)) {
    throw new RangeError(`feature shape must be known positive sizes, got [${featureShape.join(', ')}]`);
  }
  const dropout = options.dropout ?? 0;
  if (!(dropout >= 0 && dropout < 1)) throw new RangeError(`dropout must be in [0, 1), got ${dropout}`);

  const input = tf.input({ shape: [...featureShape] });
  let x: tf.SymbolicTensor = input;
  if (featureShape.length > 1) {
    if (options.pooling === 'gap') {
      if (featureShape.length !== 3)
        throw new RangeError(`'gap' pooling needs [h, w, c] features, got [${featureShape.join(', ')}]`);
      x = tf.layers.globalAveragePooling2d({}).apply(x) as tf.SymbolicTensor;
    } else {
      x = tf.layers.flatten().apply(x) as tf.SymbolicTensor;
    }
  }
  // One seed stream per layer, so adding a layer never changes another layer's initial weights.
  const init = (salt: string) => tf.initializers.glorotUniform({ seed: deriveSeed(seed, 'head', salt) });
  if (options.hiddenUnits) {
    x = tf.layers
      .dense({ units: options.hiddenUnits, activation: 'relu', kernelInitializer: init('hidden') })
      .apply(x) as tf.SymbolicTensor;
  }
  // No seed here: a seeded tf.layers.dropout reuses one mask for every batch. Training applies its own
  // per-step seeded mask instead (applyHead), so trials stay repeatable; the layer documents the rate for export.
  if (dropout > 0) x = tf.layers.dropout({ rate: dropout }).apply(x) as tf.SymbolicTensor;
  // Zero-initialised output layer (as ViT's transfer heads, Dosovitskiy et al. 2021): epoch 0 predicts uniformly
  // (loss ln K) instead of confidently wrong, so a few-shot head learns in its first steps; gradients still reach it.
  const logits = tf.layers.dense({ units: numClasses, kernelInitializer: 'zeros' }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: logits, name: 'head' });
}

/**
 * Applies a head built by buildHead to a batch of features, returning logits (a new tensor; wrap in tf.tidy).
 * A 'gap' head also takes features already pooled ([batch, c]): its pooling layer is then skipped.
 * In training, dropout layers draw their mask from `dropoutSeed` (use a different one per step), so a trial is
 * repeatable from its seed; tfjs's own dropout would draw from Math.random. Not in training, dropout is identity.
 */
export function applyHead(
  head: tf.LayersModel,
  features: tf.Tensor,
  mode: { training: boolean; dropoutSeed?: number },
): tf.Tensor {
  let x = features;
  head.layers.forEach((layer, i) => {
    if (layer.getClassName() === 'InputLayer') return;
    // Features a cache already pooled ([batch, c], computeBoundary's pool 'gap') skip the head's own pooling.
    if (layer.getClassName() === 'GlobalAveragePooling2D' && x.rank === 2) return;
    if (layer.getClassName() === 'Dropout') {
      const rate = Number(layer.getConfig().rate);
      if (mode.training && rate > 0) x = tf.dropout(x, rate, undefined, deriveSeed(mode.dropoutSeed ?? 0, i));
      return;
    }
    x = layer.apply(x, { training: mode.training }) as tf.Tensor;
  });
  return x;
}

/**
 * The head each backbone family gets (registry, so a new family is one entry). MobileNet: GAP → dropout 0.2 →
 * logits, the Keras transfer-learning guide's head. Digits VGG: its cut is a few pixels square, so flatten keeps
 * the layout, and a small hidden layer gives the head some capacity of its own (as Teachable Machine's dense(100)).
 */
export const HEAD_FOR_FAMILY: Record<BackboneSpec['family'], HeadOptions> = {
  'digits-vgg': { pooling: 'flatten', hiddenUnits: 64, dropout: 0.25 },
  'mobilenet-v1': { pooling: 'gap', dropout: 0.2 },
  'mobilenet-v2': { pooling: 'gap', dropout: 0.2 },
};
