/**
 * Embeddings for the transferability scores and the shift meter: one forward pass per image batch reads every
 * requested cut and, when the backbone has one, its source classifier's probabilities (for LEEP and NCE). Each
 * cut's feature map is pooled the way the studio's head for that backbone family pools it (HEAD_FOR_FAMILY: global
 * average for MobileNet, flatten for the digits network), so the scores see what the trained head would see.
 *
 * Ownership: `model` is borrowed (its view is disposed here); the result is plain float64 numbers, no tensors.
 * On any error or cancellation nothing is left allocated.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackboneSpec } from '../backbones/types';
import { cutsAt, rebuildAtInputSize } from '../backbones/truncate';
import { imageBatches } from '../data/inputBatches';
import type { DecodedImage } from '../data/types';
import { HEAD_FOR_FAMILY } from '../heads/denseHead';
import { matrix, type Matrix } from '../math/linalg';
import { checkpoint, type CancelSignal } from '../train/cancel';

export interface ScoreEmbeddings {
  /** One N × D matrix per requested cut, in the order asked. */
  cuts: { cut: string; features: Matrix }[];
  /** N × Cs source-class probabilities, or null when the model's output is not a classifier ([N, Cs ≥ 2]). */
  sourceProbabilities: Matrix | null;
}

export interface EmbedOptions {
  /** Input side in pixels; default the backbone's own. */
  imageSize?: number;
  batchSize?: number;
  signal?: CancelSignal;
  onProgress?: (done: number, total: number) => void;
}

export async function embedForScores(
  model: tf.LayersModel,
  spec: BackboneSpec,
  cuts: readonly string[],
  images: readonly DecodedImage[],
  options: EmbedOptions = {},
): Promise<ScoreEmbeddings> {
  const size = options.imageSize ?? spec.preprocessing.inputSize;
  const owned: tf.LayersModel[] = [];
  try {
    const sized = model.inputs[0].shape[1] === size ? model : await rebuildAtInputSize(model, size);
    if (sized !== model) owned.push(sized);
    const head = sourceHeadLayer(sized);
    const view = cutsAt(sized, head ? [...cuts, head] : cuts);
    owned.push(view);
    const pooling = HEAD_FOR_FAMILY[spec.family].pooling;
    const batches = imageBatches(images, spec.preprocessing, size);
    const batchSize = Math.max(1, Math.floor(options.batchSize ?? 32));
    const rows: Float32Array[][] = view.outputs.map(() => []);
    for (let start = 0; start < batches.count; start += batchSize) {
      const count = Math.min(batchSize, batches.count - start);
      const pooled = tf.tidy(() => {
        const outputs = view.predict(batches.take(start, count), { batchSize: count });
        return (Array.isArray(outputs) ? outputs : [outputs]).map((y) => pool(y, pooling));
      });
      try {
        const values = await Promise.all(pooled.map((y) => y.data() as Promise<Float32Array>));
        values.forEach((v, k) => rows[k].push(v));
      } finally {
        tf.dispose(pooled);
      }
      options.onProgress?.(start + count, batches.count);
      await checkpoint(options.signal);
    }
    const toMatrix = (k: number) => {
      const width = view.outputs[k].shape.slice(1).reduce<number>((a, d) => a * (d ?? 1), 1);
      const dims = pooling === 'gap' && view.outputs[k].shape.length === 4 ? (view.outputs[k].shape[3] ?? 1) : width;
      const out = matrix(images.length, dims);
      let offset = 0;
      for (const part of rows[k]) {
        out.data.set(part, offset);
        offset += part.length;
      }
      return out;
    };
    return {
      cuts: cuts.map((cut, k) => ({ cut, features: toMatrix(k) })),
      sourceProbabilities: head ? asProbabilities(toMatrix(cuts.length)) : null,
    };
  } finally {
    for (const m of owned.reverse()) m.dispose();
  }
}

/** Rank-4 maps averaged over space ('gap') or flattened; rank-2 features as they are. Inside a tidy. */
function pool(y: tf.Tensor, pooling: 'gap' | 'flatten'): tf.Tensor2D {
  if (y.rank === 2) return y as tf.Tensor2D;
  if (pooling === 'gap' && y.rank === 4) return tf.mean(y, [1, 2]) as tf.Tensor2D;
  return tf.reshape(y, [y.shape[0], -1]) as tf.Tensor2D;
}

/** The layer producing the model's output when that output is a classifier [batch, C ≥ 2]; else null. */
function sourceHeadLayer(model: tf.LayersModel): string | null {
  if (model.outputs.length !== 1) return null;
  const output = model.outputs[0];
  const shape = output.shape;
  const units = shape[shape.length - 1];
  const flat = shape.slice(1, -1).every((d) => d === 1);
  return flat && typeof units === 'number' && units >= 2 ? output.sourceLayer.name : null;
}

/** Rows that are already distributions are kept; otherwise (logits) a softmax is applied per row. */
function asProbabilities(m: Matrix): Matrix {
  let distribution = true;
  for (let i = 0; i < m.rows && distribution; i++) {
    let sum = 0;
    for (let j = 0; j < m.cols; j++) {
      const v = m.data[i * m.cols + j];
      if (v < 0) distribution = false;
      sum += v;
    }
    if (Math.abs(sum - 1) > 1e-3) distribution = false;
  }
  if (distribution) return m;
  const out = matrix(m.rows, m.cols);
  for (let i = 0; i < m.rows; i++) {
    const row = m.data.subarray(i * m.cols, (i + 1) * m.cols);
    const top = Math.max(...row);
    let sum = 0;
    for (let j = 0; j < m.cols; j++) sum += out.data[i * m.cols + j] = Math.exp(row[j] - top);
    for (let j = 0; j < m.cols; j++) out.data[i * m.cols + j] /= sum;
  }
  return out;
}
