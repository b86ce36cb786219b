import * as tf from '@tensorflow/tfjs';
import { checkpoint, type CancelSignal } from './cancel';
import { CancelledError } from './types';

export interface BoundaryOptions {
  /** Images per forward pass; bounds peak memory (default 32). */
  batchSize?: number;
  /** Checked between batches; an abort rejects with CancelledError and frees everything computed so far. */
  signal?: CancelSignal;
  /** Called after each batch with examples done and the total. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * "Embed once" (DESIGN.md): runs a frozen model over `inputs` [n, ...] in batches, in inference mode, and returns
 * its outputs concatenated, [n, ...outputShape]. Feature extraction caches the cut-layer embeddings this way;
 * fine-tune top-k caches the activations at the freeze boundary, so each epoch only runs the trainable part.
 *
 * Ownership: `inputs` and `frozen` are borrowed (neither is disposed or changed); the returned tensor is new and
 * the caller must dispose it. On any error or cancellation nothing is left allocated.
 * The event loop gets a turn between batches so a worker stays responsive to its "cancel" message.
 */
export async function computeBoundary(
  frozen: tf.LayersModel,
  inputs: tf.Tensor,
  options: BoundaryOptions = {},
): Promise<tf.Tensor> {
  const total = inputs.shape[0];
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 32));
  // predict() frees each layer's activations as soon as no later layer needs them; a model.apply() inside
  // tf.tidy would keep every intermediate of the batch alive until the tidy ends.
  const forward = (x: tf.Tensor) => frozen.predict(x, { batchSize: x.shape[0] || 1 }) as tf.Tensor;
  if (total === 0) return tf.tidy(() => forward(inputs));

  const parts: tf.Tensor[] = [];
  try {
    for (let start = 0; start < total; start += batchSize) {
      const size = Math.min(batchSize, total - start);
      parts.push(tf.tidy(() => forward(tf.slice(inputs, start, size))));
      options.onProgress?.(start + size, total);
      if (start + size < total) await checkpoint(options.signal);
    }
    if (options.signal?.aborted) throw new CancelledError();
    return parts.length === 1 ? parts[0].clone() : tf.concat(parts, 0);
  } finally {
    tf.dispose(parts);
  }
}
