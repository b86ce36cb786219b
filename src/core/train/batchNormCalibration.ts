import * as tf from '@tensorflow/tfjs';
import { checkpoint, type CancelSignal } from './cancel';

/** The one BatchNormalization field this file changes; tfjs reads it on every call in training mode. */
interface MomentumField {
  momentum: number;
}

/**
 * Re-estimates the BatchNorm moving statistics of `model` from `inputs` ("precise BN", Wu & Johnson 2021,
 * "Rethinking 'Batch' in BatchNorm"): the moving mean and variance become the plain average of the batch
 * statistics over `inputs`, as seen by the current weights.
 *
 * Why: a network trained from scratch for a few dozen steps still has moving statistics close to their initial
 * values (momentum 0.99 forgets slowly), so evaluated in inference mode it predicts one class whatever it has
 * learned. Scratch is the baseline transfer is measured against, so it is evaluated with calibrated statistics.
 *
 * How: each batch runs in training mode with momentum seen / (seen + batch size), which turns tfjs's exponential
 * moving average into a running mean weighted by examples; the layers' momentum is restored afterwards, on every path. Only the moving statistics
 * change (no gradients, no trainable weight). Does nothing for a model without BatchNorm. `inputs` is borrowed.
 */
export async function recalibrateBatchNorm(
  model: tf.LayersModel,
  inputs: tf.Tensor,
  batchSize: number,
  signal?: CancelSignal,
): Promise<void> {
  const layers = model.layers.filter((layer) => layer.getClassName() === 'BatchNormalization');
  const total = inputs.shape[0];
  if (layers.length === 0 || total === 0) return;
  const fields = layers as unknown as MomentumField[];
  const momenta = fields.map((layer) => layer.momentum);
  try {
    for (let start = 0; start < total; start += batchSize) {
      const size = Math.min(batchSize, total - start);
      // Weighted by batch size, so a short last batch counts for what it holds.
      fields.forEach((layer) => (layer.momentum = start / (start + size)));
      tf.tidy(() => {
        model.apply(tf.slice(inputs, start, size), { training: true });
      });
      if (start + size < total) await checkpoint(signal);
    }
  } finally {
    fields.forEach((layer, i) => (layer.momentum = momenta[i]));
  }
}
