import * as tf from '@tensorflow/tfjs';
import { deriveSeed } from '../math/rng';

/**
 * The built-in source model: a small VGG-style CNN (Simonyan & Zisserman's conv-conv-pool blocks, scaled down) for
 * 28×28 greyscale digits in MNIST polarity (white digit on black, values in [0, 1]).
 *
 *   input 28×28×1
 *   block1: conv3×3(16) relu, conv3×3(16) relu, maxpool 2 → 14×14×16   (ends at `block1_pool`)
 *   block2: conv3×3(32) relu, conv3×3(32) relu, maxpool 2 → 7×7×32     (ends at `block2_pool`)
 *   block3: conv3×3(64) relu, maxpool 2 → 3×3×64                        (ends at `block3_pool`, the default cut)
 *   head:   global average pooling → dense(numClasses, softmax)
 *
 * Global average pooling (rather than flatten) keeps the head independent of the input size, so the model also
 * runs at other image sizes. About 35k parameters (~140 KB of float32 weights).
 */
export const DIGITS_VGG_BLOCK_OUTPUTS = ['block1_pool', 'block2_pool', 'block3_pool'] as const;

/**
 * Builds the untrained network; weights are drawn from Glorot-uniform initialisers seeded from `seed` (biases zero),
 * so the same seed gives the same initial weights. The caller owns and disposes the model.
 */
export function buildDigitsVgg(seed: number, numClasses = 5): tf.LayersModel {
  const init = (layerName: string) => tf.initializers.glorotUniform({ seed: deriveSeed(seed, layerName) });
  const conv = (filters: number, name: string) =>
    tf.layers.conv2d({
      filters,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: init(name),
      name,
    });
  const pool = (name: string) => tf.layers.maxPooling2d({ poolSize: 2, strides: 2, name });

  const input = tf.input({ shape: [28, 28, 1], name: 'digits_input' });
  let x = conv(16, 'block1_conv1').apply(input) as tf.SymbolicTensor;
  x = conv(16, 'block1_conv2').apply(x) as tf.SymbolicTensor;
  x = pool('block1_pool').apply(x) as tf.SymbolicTensor;
  x = conv(32, 'block2_conv1').apply(x) as tf.SymbolicTensor;
  x = conv(32, 'block2_conv2').apply(x) as tf.SymbolicTensor;
  x = pool('block2_pool').apply(x) as tf.SymbolicTensor;
  x = conv(64, 'block3_conv1').apply(x) as tf.SymbolicTensor;
  x = pool('block3_pool').apply(x) as tf.SymbolicTensor;
  x = tf.layers.globalAveragePooling2d({ name: 'head_pool' }).apply(x) as tf.SymbolicTensor;
  const output = tf.layers
    .dense({ units: numClasses, activation: 'softmax', kernelInitializer: init('head_dense'), name: 'head_dense' })
    .apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output, name: 'digits_vgg' });
}
