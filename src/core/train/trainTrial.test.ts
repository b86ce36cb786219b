import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { trainTrial, type TrainData, type TrainTrialOptions } from './trainTrial';
import { buildHead } from '../heads/denseHead';
import { createRng } from '../math/rng';
import { CancelledError, type CurvePoint } from './types';

/** Three Gaussian blobs in 6-d, shifted per class: an easy problem, so these tests check the loop, not learning. */
function blobs(n: number, seed: number, views = 1): { x: tf.Tensor2D; labels: number[] } {
  const rng = createRng(seed);
  const labels = Array.from({ length: n }, (_, i) => i % 3);
  const rows: number[][] = [];
  for (let v = 0; v < views; v++)
    for (const c of labels) rows.push(Array.from({ length: 6 }, (_, d) => (d % 3 === c ? 2 : 0) + rng.normal()));
  return { x: tf.tensor2d(rows), labels };
}

function options(overrides: Partial<TrainTrialOptions> = {}): TrainTrialOptions {
  return {
    strategy: 'feature-extraction',
    seed: 1,
    epochs: 5,
    batchSize: 8,
    learningRate: 0.05,
    backboneLearningRateScale: 0.1,
    trainBatchNorm: false,
    ...overrides,
  };
}

async function withData<T>(views: number, fn: (data: TrainData) => Promise<T>): Promise<T> {
  const train = blobs(30, 1, views);
  const validation = blobs(15, 2);
  try {
    return await fn({
      trainInputs: train.x,
      views,
      trainLabels: train.labels,
      validationInputs: validation.x,
      validationLabels: validation.labels,
      validationIds: validation.labels.map((_, i) => `v${i}`),
      numClasses: 3,
    });
  } finally {
    tf.dispose([train.x, validation.x]);
  }
}

describe('trainTrial', () => {
  it('records epoch 0 before any step, learns, reports confusion and misclassified ids, leaks nothing', async () => {
    await tf.setBackend('cpu');
    await withData(1, async (data) => {
      const head = buildHead([6], 3, 1, { pooling: 'gap', dropout: 0.1 });
      const before = tf.memory().numTensors;
      const points: CurvePoint[] = [];
      let clock = 0;
      const outcome = await trainTrial(
        { backbone: null, head },
        data,
        options({ cacheSeconds: 2, onEpoch: (p) => points.push(p), now: () => (clock += 100) }),
      );
      expect(tf.memory().numTensors).toBe(before);
      head.dispose();
      expect(points).toEqual(outcome.curve);
      expect(outcome.curve.map((p) => p.epoch)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(outcome.curve.map((p) => p.examplesSeen)).toEqual([0, 30, 60, 90, 120, 150]);
      expect(outcome.curve[0].trainLoss).toBeNaN();
      // Cache seconds are inside epoch 1 onwards, not epoch 0; the clock only moves forward.
      expect(outcome.curve[0].seconds).toBeLessThan(2);
      expect(outcome.curve[1].seconds).toBeGreaterThan(2);
      outcome.curve.slice(1).forEach((p, i) => expect(p.seconds).toBeGreaterThan(outcome.curve[i].seconds));
      expect(outcome.curve[5].valAccuracy).toBeGreaterThan(0.8);
      expect(outcome.curve[5].trainLoss).toBeLessThan(outcome.curve[1].trainLoss);
      expect(outcome.confusion.flat().reduce((a, b) => a + b, 0)).toBe(15);
      const wrong = 15 - outcome.confusion.reduce((s, row, i) => s + row[i], 0);
      expect(outcome.misclassified).toHaveLength(wrong);
      expect(wrong / 15).toBeCloseTo(1 - outcome.curve[5].valAccuracy, 10);
    });
  });

  it('is repeatable from its seed, with augmentation views, and a different seed differs', async () => {
    await withData(3, async (data) => {
      const train = async (seed: number) => {
        const backbone = tf.sequential({
          layers: [
            tf.layers.dense({ inputShape: [6], units: 8, kernelInitializer: tf.initializers.glorotUniform({ seed }) }),
            tf.layers.batchNormalization(),
          ],
        });
        const head = buildHead([8], 3, seed, { pooling: 'gap', dropout: 0.3 });
        try {
          return (
            await trainTrial({ backbone, head }, data, options({ strategy: 'fine-tune:1', seed, epochs: 2 }))
          ).curve.map((p) => [p.valLoss, p.trainLoss]);
        } finally {
          head.dispose();
          backbone.dispose();
        }
      };
      const a = await train(3);
      expect(await train(3)).toEqual(a);
      expect(await train(4)).not.toEqual(a);
    });
  });

  it('rejects with CancelledError when aborted after the first epoch, and frees everything', async () => {
    await withData(1, async (data) => {
      const head = buildHead([6], 3, 1, { pooling: 'gap' });
      const before = tf.memory().numTensors;
      const controller = new AbortController();
      const epochsSeen: number[] = [];
      const trial = trainTrial(
        { backbone: null, head },
        data,
        options({
          batchSize: 2,
          epochs: 50,
          signal: controller.signal,
          onEpoch: (p) => {
            epochsSeen.push(p.epoch);
            if (p.epoch === 1) controller.abort();
          },
        }),
      );
      await expect(trial).rejects.toBeInstanceOf(CancelledError);
      expect(epochsSeen).toEqual([0, 1]);
      expect(tf.memory().numTensors).toBe(before);
      head.dispose();
    });
  });
});
