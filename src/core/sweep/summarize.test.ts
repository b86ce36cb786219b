import { describe, expect, it } from 'vitest';
import { pairedGainChange, sweepTrial } from './summarize';
import type { SweepTrial } from './types';

/** A trial whose curve sits at `accuracy` for four epochs (plateau = accuracy). */
function flat(repeat: number, seed: number, accuracy: number): SweepTrial {
  const curve = [0, 1, 2, 3].map((epoch) => ({
    epoch,
    valAccuracy: accuracy,
    valLoss: 1,
    trainLoss: epoch === 0 ? NaN : 1,
    seconds: epoch,
    examplesSeen: epoch * 10,
  }));
  return sweepTrial(repeat, seed, curve, 100);
}

describe('pairedGainChange', () => {
  it('is (transferA − scratchA) − (transferB − scratchB) per repeat and seed, t over the repeats', () => {
    const trials = (values: number[][]) => values.flatMap((seeds, r) => seeds.map((v, s) => flat(r, s + 1, v)));
    const change = pairedGainChange(
      trials([
        [0.7, 0.72],
        [0.74, 0.7],
        [0.71, 0.73],
      ]),
      trials([
        [0.3, 0.34],
        [0.36, 0.3],
        [0.3, 0.32],
      ]),
      trials([
        [0.9, 0.92],
        [0.93, 0.9],
        [0.91, 0.92],
      ]),
      trials([
        [0.9, 0.9],
        [0.91, 0.9],
        [0.9, 0.9],
      ]),
    )!;
    // Per-repeat means of the differences: 0.38, 0.38, 0.395 → a t interval with 2 degrees of freedom.
    expect(change.method).toBe('t-repeats');
    expect(change.n).toBe(3);
    expect(change.mean).toBeCloseTo((0.38 + 0.38 + 0.395) / 3, 10);
    expect(change.ci95![0]).toBeGreaterThan(0.3);
  });

  it('skips pairs missing from any of the four cells, null when none is complete', () => {
    const a = [flat(0, 1, 0.8), flat(0, 2, 0.8)];
    const b = [flat(0, 1, 0.5)];
    expect(pairedGainChange(a, b, a, b)!.n).toBe(1);
    expect(pairedGainChange(a, [], a, b)).toBeNull();
  });
});
