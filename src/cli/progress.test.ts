import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../core/math/intervals';
import { createProgressReporter, finalAccuracy } from './progress';

describe('CLI progress lines', () => {
  it('prints each finished trial’s accuracy with its Wilson interval on the validation images', () => {
    const lines: string[] = [];
    const reporter = createProgressReporter({ write: (text: string) => lines.push(text), isTTY: false });
    reporter.onEvent({ type: 'trial.start', trialIndex: 0, trialCount: 1, strategy: 'scratch', seed: 1 });
    reporter.onEvent({
      type: 'trial.epoch',
      trialIndex: 0,
      strategy: 'scratch',
      seed: 1,
      epochs: 1,
      point: { epoch: 1, valAccuracy: 0.8, valLoss: 0.5, trainLoss: 0.6, seconds: 2, examplesSeen: 10 },
    });
    reporter.onEvent({
      type: 'trial.end',
      trialIndex: 0,
      strategy: 'scratch',
      seed: 1,
      accuracy: wilsonInterval(200, 250),
    });
    expect(lines.join('')).toContain(
      'trial 1: scratch seed 1: val accuracy 0.800 [0.746, 0.845] on 250 images (2.0 s)',
    );
  });

  it('falls back to the last epoch’s accuracy when no interval came', () => {
    expect(finalAccuracy(undefined, 0.5)).toBe('0.500');
  });
});
