import * as tf from '@tensorflow/tfjs';
import { tensorBatches, type InputBatches } from '../data/inputBatches';
import { checkpoint, type CancelSignal } from './cancel';
import { CancelledError } from './types';

export interface BoundaryOptions {
  /**
   * Images per forward pass; bounds peak memory (default 16: MobileNet v1 0.25 at 224 px holds ~30 MB of
   * activations per batch of 16 in flight, and embeds as fast as at 32 — folded, Node WASM: 236 img/s at batch 8,
   * 215 at 32; v1 0.75 ~10 % slower at 8 than at 32).
   */
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
 * `inputs` may be rows made on demand (imageBatches): then only one batch of preprocessed images exists at a time.
 *
 * Ownership: `inputs` and `frozen` are borrowed (neither is disposed or changed); the returned tensor is new and
 * the caller must dispose it. On any error or cancellation nothing is left allocated.
 * The event loop gets a turn between batches so a worker stays responsive to its "cancel" message.
 */
export async function computeBoundary(
  frozen: tf.LayersModel,
  inputs: tf.Tensor | InputBatches,
  options: BoundaryOptions = {},
): Promise<tf.Tensor> {
  // predict() frees each layer's activations as soon as no later layer needs them; a model.apply() inside
  // tf.tidy would keep every intermediate of the batch alive until the tidy ends.
  return mapBatches(inputs, (x) => frozen.predict(x, { batchSize: x.shape[0] || 1 }) as tf.Tensor, options);
}

/**
 * All rows of `inputs` as one new tensor, made batch by batch with the same cancellation and progress as
 * computeBoundary (training from scratch, or fine-tuning every block, trains on the raw inputs themselves).
 */
export function materialiseInputs(inputs: InputBatches, options: BoundaryOptions = {}): Promise<tf.Tensor> {
  return mapBatches(inputs, (x) => x, options);
}

async function mapBatches(
  inputs: tf.Tensor | InputBatches,
  fn: (batch: tf.Tensor) => tf.Tensor,
  options: BoundaryOptions,
): Promise<tf.Tensor> {
  const rows = inputs instanceof tf.Tensor ? tensorBatches(inputs) : inputs;
  const total = rows.count;
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 16));
  if (total === 0) return tf.tidy(() => fn(rows.take(0, 0)));

  if (readsSynchronously()) return mapBatchesIntoArray(rows, total, batchSize, fn, options);
  const parts: tf.Tensor[] = [];
  try {
    for (let start = 0; start < total; start += batchSize) {
      const size = Math.min(batchSize, total - start);
      parts.push(tf.tidy(() => fn(rows.take(start, size))));
      options.onProgress?.(start + size, total);
      if (start + size < total) await checkpoint(options.signal);
    }
    if (options.signal?.aborted) throw new CancelledError();
    const all = parts.length === 1 ? parts[0].clone() : tf.concat(parts, 0);
    try {
      await finished(all);
    } catch (error) {
      all.dispose();
      throw error;
    }
    return all;
  } finally {
    tf.dispose(parts);
  }
}

/** CPU and WASM compute eagerly and read data back without a GPU round trip. */
const readsSynchronously = () => tf.getBackend() === 'cpu' || tf.getBackend() === 'wasm';

/**
 * mapBatches on CPU and WASM: each batch's rows are copied into one array as soon as they exist and the batch is
 * freed, then the array becomes the result. Holding the batches and then concatenating them kept the cache twice
 * over in the WASM heap, which never shrinks (at 1,000 photos fine-tune:1's 50-MB cache cost 100 MB of heap for
 * good); this holds it once in the heap, once more in a JS array for the moment the tensor is made.
 */
async function mapBatchesIntoArray(
  rows: InputBatches,
  total: number,
  batchSize: number,
  fn: (batch: tf.Tensor) => tf.Tensor,
  options: BoundaryOptions,
): Promise<tf.Tensor> {
  let values: Float32Array | Int32Array | Uint8Array | null = null;
  let rowShape: number[] = [];
  let dtype: tf.DataType = 'float32';
  for (let start = 0; start < total; start += batchSize) {
    const size = Math.min(batchSize, total - start);
    const part = tf.tidy(() => fn(rows.take(start, size)));
    try {
      const rowSize = part.size / size;
      if (values == null) {
        [rowShape, dtype] = [part.shape.slice(1), part.dtype];
        const length = total * rowSize;
        values =
          dtype === 'int32'
            ? new Int32Array(length)
            : dtype === 'bool'
              ? new Uint8Array(length)
              : new Float32Array(length);
      }
      values.set(part.dataSync() as typeof values, start * rowSize);
    } finally {
      part.dispose();
    }
    options.onProgress?.(start + size, total);
    if (start + size < total) await checkpoint(options.signal);
  }
  if (options.signal?.aborted) throw new CancelledError();
  return tf.tensor(values!, [total, ...rowShape], dtype);
}

/**
 * WebGL and WebGPU only queue the work: reading one value waits for it, so the caller's cache time is the real one
 * rather than landing in the first training step. (Free on CPU and WASM, which compute eagerly.)
 */
async function finished(tensor: tf.Tensor): Promise<void> {
  if (tensor.size === 0) return;
  const one = tf.tidy(() => tf.slice(tf.reshape(tensor, [-1]), 0, 1));
  try {
    await one.data();
  } finally {
    one.dispose();
  }
}
