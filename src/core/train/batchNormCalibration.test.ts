import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { recalibrateBatchNorm } from './batchNormCalibration';

describe('recalibrateBatchNorm', () => {
  it('sets the moving statistics to the example-weighted average of batch statistics, restores momentum, leaks nothing', async () => {
    await tf.setBackend('cpu');
    const bn = tf.layers.batchNormalization({ momentum: 0.99 });
    const model = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [3], units: 4, kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
        bn,
      ],
    });
    const inputs = tf.randomNormal([10, 3], 2, 3, 'float32', 4);
    const before = tf.memory().numTensors;
    await recalibrateBatchNorm(model, inputs, 3);
    expect(tf.memory().numTensors).toBe(before);
    expect((bn as unknown as { momentum: number }).momentum).toBe(0.99);

    const [movingMean, movingVariance] = bn
      .getWeights()
      .slice(2)
      .map((w) => Array.from(w.dataSync()));
    const dense = model.layers[0].apply(inputs) as tf.Tensor;
    // Batches of 3, 3, 3 and 1 examples: the weighted mean of batch means is the overall mean.
    const overallMean = Array.from(tf.mean(dense, 0).dataSync());
    movingMean.forEach((m, j) => expect(m).toBeCloseTo(overallMean[j], 4));
    const expectedVariance = [0, 3, 6, 9]
      .map((start) => {
        const size = Math.min(3, 10 - start);
        return tf.tidy(() =>
          Array.from(
            tf
              .moments(tf.slice(dense, start, size), 0)
              .variance.mul(size / 10)
              .dataSync(),
          ),
        );
      })
      .reduce((sum, v) => sum.map((s, j) => s + v[j]));
    movingVariance.forEach((v, j) => expect(v).toBeCloseTo(expectedVariance[j], 4));
    tf.dispose([dense, inputs]);
    model.dispose();
  });

  it('leaves a model without BatchNorm alone', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 2 })] });
    const x = tf.ones([4, 2]);
    const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
    await recalibrateBatchNorm(model, x, 2);
    expect(model.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(weights);
    x.dispose();
    model.dispose();
  });
});
