import { describe, expect, it } from 'vitest';
import type { CurvePoint } from '../../core/train/types';
import { createRun, type CurveRecord } from '../../store/runs';
import { estimateSecondsLeft, splitDuration } from './timeLeft';

const config = {
  schemaVersion: 1 as const,
  backbone: 'digits-vgg',
  strategies: ['scratch' as const, 'feature-extraction' as const],
  seeds: 2,
  epochs: 10,
  batchSize: 16,
  learningRate: 0.001,
  backboneLearningRateScale: 0.1,
  validationFraction: 0.2,
  splitSeed: 1,
  augment: false,
  trainBatchNorm: false,
};
const curve = (strategy: CurveRecord['strategy'], seed: number, seconds: number[]): CurveRecord => ({
  strategy,
  seed,
  points: seconds.map((s, epoch): CurvePoint => ({
    epoch,
    seconds: s,
    valAccuracy: 0.5,
    valLoss: 1,
    trainLoss: 1,
    examplesSeen: epoch,
  })),
});

describe('estimateSecondsLeft', () => {
  it('is unknown before the first epoch and for finished runs', () => {
    const run = createRun('r', config, '2026-01-01T00:00:00Z');
    expect(estimateSecondsLeft(run)).toBeNull();
    expect(estimateSecondsLeft({ ...run, curves: [curve('scratch', 1, [0.1, 2.1])], status: 'done' })).toBeNull();
  });

  it('multiplies each strategy’s epochs left by its own seconds per epoch, caching left out', () => {
    const run = createRun('r', config, '2026-01-01T00:00:00Z');
    // scratch: 3 epochs of 2 s done (20 planned); feature extraction: 2 epochs of 0.5 s after 5 s of caching.
    const curves = [curve('scratch', 1, [0.1, 2.1, 4.1, 6.1]), curve('feature-extraction', 1, [0, 5.5, 6])];
    const left = estimateSecondsLeft({ ...run, curves, cacheSeconds: { 'feature-extraction': 5 } });
    expect(left).toBeCloseTo(17 * 2 + 18 * 0.5);
  });

  it('uses the mean epoch of the strategies seen for those not started', () => {
    const run = createRun('r', config, '2026-01-01T00:00:00Z');
    expect(estimateSecondsLeft({ ...run, curves: [curve('scratch', 1, [0, 1, 2])] })).toBeCloseTo(18 + 20);
  });
});

describe('splitDuration', () => {
  it('rounds up: seconds below a minute, to 5 s above', () => {
    expect(splitDuration(12.2)).toEqual({ minutes: 0, seconds: 13 });
    expect(splitDuration(81)).toEqual({ minutes: 1, seconds: 25 });
    expect(splitDuration(120)).toEqual({ minutes: 2, seconds: 0 });
  });
});
