import * as tf from '@tensorflow/tfjs';
import { tensorBatches, type InputBatches } from '../data/inputBatches';
import { asWasmBackend } from '../backends/wasmKernelCalls';
import { checkpoint, type CancelSignal } from './cancel';
import { CancelledError } from './types';

export interface BoundaryOptions {
  /**
   * Images per forward pass; bounds peak memory. Default (defaultBatchSize): 8 images of 224 × 224 × 3 on WASM, 16
   * elsewhere, and as many more as fit the same number of input values for smaller images, up to 64. MobileNet v1
   * 0.25 at 224 px grows the WASM heap by ~11 MB at 8 and ~34 MB at 16 (a heap never shrinks), and folded it embeds
   * as fast at 8 as at 32 (Node WASM: 236 img/s at 8, 215 at 32; v1 0.75 ~10 % slower at 8); GPUs keep more images
   * per pass. Small images are cheap per pass and pay the per-pass overhead instead: the digits VGG caches 300
   * 28-px digits ~12 % faster at 64 than at 8 (Node WASM, 130 → 115 ms).
   */
  batchSize?: number;
  /** Checked between batches; an abort rejects with CancelledError and frees everything computed so far. */
  signal?: CancelSignal;
  /** Called after each batch with examples done and the total. */
  onProgress?: (done: number, total: number) => void;
  /**
   * 'gap': each [h, w, c] output row is averaged over h and w as it is made, so the result is [n, c]. For a frozen
   * part followed by a head that starts with global average pooling (no weights), this is the same input to the
   * head's first trained layer at 1/(h·w) of the memory: MobileNet v1 0.25's 7×7×256 cut is 50 KB an image, 1 KB
   * pooled.
   */
  pool?: 'gap';
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
  const run = (x: tf.Tensor) => frozen.predict(x, { batchSize: x.shape[0] || 1 }) as tf.Tensor;
  if (options.pool === 'gap') return mapBatches(inputs, (x) => tf.mean(run(x), [1, 2]), options);
  return mapBatches(inputs, run, options);
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
  if (total === 0) return tf.tidy(() => fn(rows.take(0, 0)));
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? defaultBatchSize(rowValues(rows))));

  if (readsSynchronously()) return mapBatchesIntoOne(rows, total, batchSize, fn, options);
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

/** Values in one input row (h × w × c), read from an empty take: no image is preprocessed to learn it. */
function rowValues(rows: InputBatches): number {
  const none = rows.take(0, 0);
  const size = tf.util.sizeFromShape(none.shape.slice(1));
  none.dispose();
  return size;
}

/** The values of one 224 × 224 × 3 image, the size the default batches were measured at. */
const FULL_IMAGE_VALUES = 224 * 224 * 3;

/** Images per pass when the caller does not say: BoundaryOptions.batchSize. */
export function defaultBatchSize(valuesPerRow: number, backend = tf.getBackend()): number {
  const atFullSize = backend === 'wasm' ? 8 : 16;
  const fits = Math.floor((atFullSize * FULL_IMAGE_VALUES) / Math.max(1, valuesPerRow));
  return Math.min(64, Math.max(atFullSize, fits));
}

/** CPU and WASM compute eagerly and read data back without a GPU round trip. */
const readsSynchronously = () => tf.getBackend() === 'cpu' || tf.getBackend() === 'wasm';

/**
 * Where mapBatchesIntoOne copies each batch's rows: the result's own storage, made before the first batch from one
 * row's shape and dtype.
 */
interface RowSink {
  /** Copies `part`'s rows to rows [start, start + part rows) of the result. */
  write(part: tf.Tensor, start: number): void;
  /** The filled result as a tensor (the caller owns it). */
  finish(): tf.Tensor;
  /** Frees the storage after an error or cancellation. */
  discard(): void;
}

/**
 * On WASM the result is allocated once on the WebAssembly heap and each batch is copied heap to heap: no JS copy
 * of the cache, and no per-batch `dataSync` copy left for the garbage collector (the WASM heap never shrinks, and
 * at 1,000 photos fine-tune:1's 50-MB cache then costs 50 MB once, instead of once more in a JS array).
 */
function heapSink(shape: number[], dtype: tf.DataType): RowSink {
  const wasm = asWasmBackend(tf.backend());
  const out = wasm.makeOutput(shape, dtype);
  const rowSize = tf.util.sizeFromShape(shape.slice(1));
  return {
    // Views taken after every allocation: a growing heap detaches earlier ones.
    write: (part, start) => wasm.typedArrayFromHeap(out).set(wasm.typedArrayFromHeap(part), start * rowSize),
    finish: () => tf.engine().makeTensorFromTensorInfo(out),
    discard: () => void wasm.disposeData(out.dataId),
  };
}

/** On CPU the result is a JS typed array that the CPU backend keeps as the tensor's storage. */
function arraySink(shape: number[], dtype: tf.DataType): RowSink {
  const length = tf.util.sizeFromShape(shape);
  const rowSize = tf.util.sizeFromShape(shape.slice(1));
  const values =
    dtype === 'int32' ? new Int32Array(length) : dtype === 'bool' ? new Uint8Array(length) : new Float32Array(length);
  return {
    write: (part, start) => values.set(part.dataSync() as typeof values, start * rowSize),
    finish: () => tf.tensor(values, shape, dtype),
    discard: () => {},
  };
}

/**
 * mapBatches on CPU and WASM: each batch's rows are copied into the result's storage as soon as they exist and the
 * batch is freed. Holding the batches and then concatenating them kept the cache twice over in the WASM heap, which
 * never shrinks (at 1,000 photos fine-tune:1's 50-MB cache cost 100 MB of heap for good).
 */
async function mapBatchesIntoOne(
  rows: InputBatches,
  total: number,
  batchSize: number,
  fn: (batch: tf.Tensor) => tf.Tensor,
  options: BoundaryOptions,
): Promise<tf.Tensor> {
  // The result's storage is made before the first batch runs (one row's forward pass gives its shape), so on WASM it
  // is allocated before any batch's activations rather than among their freed blocks.
  const probe = tf.tidy(() => fn(rows.take(0, 1)));
  const [shape, dtype] = [[total, ...probe.shape.slice(1)], probe.dtype];
  probe.dispose();
  const sink = tf.getBackend() === 'wasm' ? heapSink(shape, dtype) : arraySink(shape, dtype);
  try {
    for (let start = 0; start < total; start += batchSize) {
      const size = Math.min(batchSize, total - start);
      const part = tf.tidy(() => fn(rows.take(start, size)));
      try {
        sink.write(part, start);
      } finally {
        part.dispose();
      }
      options.onProgress?.(start + size, total);
      if (start + size < total) await checkpoint(options.signal);
    }
    if (options.signal?.aborted) throw new CancelledError();
  } catch (error) {
    sink.discard();
    throw error;
  }
  return sink.finish();
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
