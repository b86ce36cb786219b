import * as tf from '@tensorflow/tfjs';

/**
 * Runs `fn` and fails if it leaves tensors behind. Test-only helper (tfjs-models' knn-classifier tests do the
 * same): compares tf.memory().numTensors before and after.
 */
export async function expectNoLeaks<T>(fn: () => Promise<T> | T): Promise<T> {
  const before = tf.memory().numTensors;
  const result = await fn();
  const after = tf.memory().numTensors;
  if (after !== before) {
    throw new Error(`tensor leak: ${after - before} tensors left behind (before ${before}, after ${after})`);
  }
  return result;
}
