import * as tf from '@tensorflow/tfjs';
import { checkpoint, type CancelSignal } from './cancel';

/** Validation rows: inputs [n, ...] of whatever the caller's logits function takes, and their labels. */
export interface ValidationRows {
  inputs: tf.Tensor;
  labels: readonly number[];
  numClasses: number;
}

export interface Evaluation {
  accuracy: number;
  /** Mean softmax cross-entropy per validation example. */
  loss: number;
  predictions: number[];
}

/**
 * Accuracy, mean softmax cross-entropy and predictions on the validation rows, `batchSize` rows at a time, giving
 * queued messages (a worker's "cancel") a turn between batches. `logitsOf` gets a slice of the inputs inside
 * tf.tidy and returns its logits; the caller chooses the forward mode (inference for validation). Every tensor
 * made here is freed.
 */
export async function evaluate(
  rows: ValidationRows,
  logitsOf: (x: tf.Tensor) => tf.Tensor,
  options: { batchSize: number; signal?: CancelSignal },
): Promise<Evaluation> {
  const total = rows.labels.length;
  const predictions: number[] = [];
  let lossSum = 0;
  for (let start = 0; start < total; start += options.batchSize) {
    const size = Math.min(options.batchSize, total - start);
    const labels = rows.labels.slice(start, start + size) as number[];
    const [loss, predicted] = tf.tidy(() => {
      const logits = logitsOf(tf.slice(rows.inputs, start, size));
      const oneHot = tf.oneHot(tf.tensor1d(labels, 'int32'), rows.numClasses);
      return [
        tf.losses.softmaxCrossEntropy(oneHot, logits, undefined, undefined, tf.Reduction.SUM),
        tf.argMax(logits, 1),
      ];
    });
    try {
      lossSum += (await loss.data())[0];
      predictions.push(...(await predicted.data()));
    } finally {
      tf.dispose([loss, predicted]);
    }
    if (start + size < total) await checkpoint(options.signal);
  }
  const correct = predictions.filter((p, i) => p === rows.labels[i]).length;
  return { accuracy: total ? correct / total : 0, loss: total ? lossSum / total : Number.NaN, predictions };
}
