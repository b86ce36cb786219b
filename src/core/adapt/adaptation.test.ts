import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../math/rng';
import { fromRows } from '../math/linalg';
import { pooledGram } from '../transferability/pooledGram';
import { coralDistance } from '../transferability/coralDistance';
import { expectNoLeaks } from '../testing/noLeaks';
import { adaptationRamp, coralLoss, mmdLoss, reverseGradient } from './losses';
import { ADAPTATION_METHODS, trainAdaptationTrial, type AdaptationData } from './adaptationTrial';
import { trainTrAdaBoost } from './trAdaBoost';

/** Two classes as Gaussian blobs in 6 dimensions; the target is the source shifted and stretched. */
function blobs(perClass: number, seed: number, shift: number, scale: number) {
  const rng = createRng(seed);
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let c = 0; c < 2; c++) {
    for (let i = 0; i < perClass; i++) {
      rows.push(Array.from({ length: 6 }, (_, j) => (j === 0 ? (c === 0 ? -2 : 2) : 0) * scale + rng.normal() + shift));
      labels.push(c);
    }
  }
  return { rows, labels };
}

describe('adaptation losses', () => {
  it('MMD² is ~0 for one batch against itself and grows with the shift', () => {
    const a = tf.tensor2d(blobs(8, 1, 0, 1).rows);
    const near = tf.tensor2d(blobs(8, 2, 0.2, 1).rows);
    const far = tf.tensor2d(blobs(8, 3, 3, 1).rows);
    const same = mmdLoss(a, a).dataSync()[0];
    const small = mmdLoss(a, near).dataSync()[0];
    const large = mmdLoss(a, far).dataSync()[0];
    expect(Math.abs(same)).toBeLessThan(1e-5);
    expect(large).toBeGreaterThan(small);
    tf.dispose([a, near, far]);
  });

  it('the CORAL loss equals the CORAL distance of the same rows', () => {
    const s = blobs(10, 4, 0, 1).rows;
    const t = blobs(10, 5, 1, 2).rows;
    const loss = tf.tidy(() => coralLoss(tf.tensor2d(s), tf.tensor2d(t)).dataSync()[0]);
    expect(loss).toBeCloseTo(coralDistance(pooledGram(fromRows(s), fromRows(t))), 4);
  });

  it('gradient reversal: identity forward, −λ × the gradient backward; the ramp goes 0 → ~1', () => {
    const forward = tf.tidy(() => Array.from(reverseGradient(tf.tensor1d([1, 2, 3]), 0.5).dataSync()));
    expect(forward).toEqual([1, 2, 3]);
    const g = tf.grad((y: tf.Tensor) => tf.sum(tf.mul(reverseGradient(y, 0.5), tf.tensor1d([1, 1, 2]))));
    const dy = g(tf.tensor1d([1, 2, 3]));
    expect(Array.from(dy.dataSync())).toEqual([-0.5, -0.5, -1]);
    dy.dispose();
    expect(adaptationRamp(0)).toBe(0);
    expect(adaptationRamp(1)).toBeCloseTo(0.9999, 4);
  });
});

describe('adaptation trials on shifted blobs', () => {
  const source = blobs(40, 11, 0, 1);
  const target = blobs(40, 12, 1.5, 1.3);
  const validation = blobs(20, 13, 1.5, 1.3);
  const data = (): AdaptationData => ({
    train: tf.tensor2d(source.rows),
    trainLabels: source.labels,
    target: tf.tensor2d(target.rows),
    validation: tf.tensor2d(validation.rows),
    validationLabels: validation.labels,
    validationIds: validation.labels.map((_, i) => `v${i}`),
    numClasses: 2,
  });

  it.each(ADAPTATION_METHODS)('%s: a full curve, finite losses, repeatable, no leaks', async (method) => {
    const d = data();
    try {
      const run = () =>
        trainAdaptationTrial(method === 'oracle' ? { ...d, train: d.target, trainLabels: target.labels } : d, {
          method,
          seed: 3,
          epochs: 4,
          batchSize: 16,
          learningRate: 0.01,
          stepsPerEpoch: 5,
        });
      const first = await expectNoLeaks(run);
      const second = await run();
      expect(first.curve.map((p) => p.epoch)).toEqual([0, 1, 2, 3, 4]);
      expect(first.curve[0].valAccuracy).toBe(0.5);
      for (const p of first.curve.slice(1)) expect(Number.isFinite(p.trainLoss)).toBe(true);
      expect(first.curve.at(-1)!.valAccuracy).toBeGreaterThan(0.6);
      expect(second.curve.map((p) => p.valAccuracy)).toEqual(first.curve.map((p) => p.valAccuracy));
      expect(first.confusion.flat().reduce((a, b) => a + b, 0)).toBe(40);
    } finally {
      tf.dispose([d.train, d.target, d.validation]);
    }
  });

  it('TrAdaBoost: learns from source + 4 labelled target rows, curve per round, no leaks', async () => {
    const tensors = [tf.tensor2d(source.rows), tf.tensor2d(target.rows.slice(0, 2).concat(target.rows.slice(40, 42)))];
    const v = tf.tensor2d(validation.rows);
    try {
      const out = await expectNoLeaks(() =>
        trainTrAdaBoost(
          {
            source: tensors[0] as tf.Tensor2D,
            sourceLabels: source.labels,
            target: tensors[1] as tf.Tensor2D,
            targetLabels: [0, 0, 1, 1],
            validation: v as tf.Tensor2D,
            validationLabels: validation.labels,
            validationIds: validation.labels.map((_, i) => `v${i}`),
            numClasses: 2,
          },
          { seed: 1, rounds: 4, learningRate: 0.01 },
        ),
      );
      expect(out.curve.map((p) => p.epoch)).toEqual([0, 1, 2, 3, 4]);
      expect(out.curve.at(-1)!.valAccuracy).toBeGreaterThan(0.7);
    } finally {
      tf.dispose([...tensors, v]);
    }
  });
});
