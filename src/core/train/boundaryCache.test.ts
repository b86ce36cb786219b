import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { activateNodeBackend } from '../../testing/node';
import { computeBoundary, defaultBatchSize } from './boundaryCache';
import { CancelledError } from './types';

function smallConvModel(): tf.LayersModel {
  const input = tf.input({ shape: [8, 8, 3] });
  const conv = tf.layers.conv2d({
    filters: 4,
    kernelSize: 3,
    activation: 'relu',
    kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
  });
  return tf.model({ inputs: input, outputs: conv.apply(input) as tf.SymbolicTensor });
}

describe('computeBoundary', () => {
  it('equals one big predict, reports progress, and leaves only the returned tensor', async () => {
    await tf.setBackend('cpu');
    const model = smallConvModel();
    const inputs = tf.randomUniform([10, 8, 8, 3], -1, 1, 'float32', 2);
    const before = tf.memory().numTensors;
    const progress: number[] = [];
    const out = await computeBoundary(model, inputs, { batchSize: 3, onProgress: (done) => progress.push(done) });
    expect(tf.memory().numTensors).toBe(before + 1);
    expect(out.shape).toEqual([10, 6, 6, 4]);
    expect(progress).toEqual([3, 6, 9, 10]);
    const whole = model.predict(inputs) as tf.Tensor;
    expect(tf.max(tf.abs(tf.sub(out, whole))).dataSync()[0]).toBeLessThan(1e-6);
    tf.dispose([out, whole, inputs]);
    model.dispose();
  });

  it('by default passes 8 (WASM) or 16 full-size images at a time, and more smaller ones, up to 64', async () => {
    expect(defaultBatchSize(224 * 224 * 3, 'wasm')).toBe(8);
    expect(defaultBatchSize(224 * 224 * 3, 'webgl')).toBe(16);
    expect(defaultBatchSize(299 * 299 * 3, 'wasm')).toBe(8); // never fewer than at 224 px
    expect(defaultBatchSize(112 * 112 * 3, 'wasm')).toBe(32);
    expect(defaultBatchSize(28 * 28 * 3, 'wasm')).toBe(64);
    // The default reaches computeBoundary: 100 rows of 8 × 8 × 3 go in two batches of 64 and 36.
    await tf.setBackend('cpu');
    const model = smallConvModel();
    const inputs = tf.randomUniform([100, 8, 8, 3], -1, 1, 'float32', 3);
    const before = tf.memory().numTensors;
    const progress: number[] = [];
    const out = await computeBoundary(model, inputs, { onProgress: (done) => progress.push(done) });
    expect(progress).toEqual([64, 100]);
    expect(tf.memory().numTensors).toBe(before + 1);
    tf.dispose([out, inputs]);
    model.dispose();
  });

  it('rejects with CancelledError between batches and frees what it made', async () => {
    const model = smallConvModel();
    const inputs = tf.randomUniform([10, 8, 8, 3], -1, 1, 'float32', 2);
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const run = computeBoundary(model, inputs, {
      batchSize: 2,
      signal: controller.signal,
      onProgress: (done) => done >= 4 && controller.abort(),
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(tf.memory().numTensors).toBe(before);
    inputs.dispose();
    model.dispose();
  });

  it('on WASM: every batch is written into one heap tensor, equal to one big predict, and nothing else is kept', async () => {
    expect((await activateNodeBackend('wasm')).backend).toBe('wasm');
    const model = smallConvModel();
    const inputs = tf.randomUniform([11, 8, 8, 3], -1, 1, 'float32', 3);
    const [tensorsBefore, dataBefore] = [tf.memory().numTensors, tf.engine().backend.numDataIds()];
    const out = await computeBoundary(model, inputs, { batchSize: 4 });
    expect([tf.memory().numTensors, tf.engine().backend.numDataIds()]).toEqual([tensorsBefore + 1, dataBefore + 1]);
    const pooled = await computeBoundary(model, inputs, { batchSize: 3, pool: 'gap' });
    expect(pooled.shape).toEqual([11, 4]);
    tf.tidy(() => {
      const whole = model.predict(inputs) as tf.Tensor;
      expect(out.shape).toEqual([11, 6, 6, 4]);
      expect(tf.max(tf.abs(tf.sub(out, whole))).dataSync()[0]).toBeLessThan(1e-6);
      expect(tf.max(tf.abs(tf.sub(pooled, tf.mean(whole, [1, 2])))).dataSync()[0]).toBeLessThan(1e-6);
    });
    tf.dispose([out, pooled]);

    // Cancelled after 2 of 3 batches: the heap tensor made before the first batch is freed too.
    const controller = new AbortController();
    const run = computeBoundary(model, inputs, {
      batchSize: 4,
      signal: controller.signal,
      onProgress: (done) => done >= 8 && controller.abort(),
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect([tf.memory().numTensors, tf.engine().backend.numDataIds()]).toEqual([tensorsBefore, dataBefore]);
    inputs.dispose();
    model.dispose();
    await tf.setBackend('cpu');
  });
});
