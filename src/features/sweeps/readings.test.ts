import { describe, expect, it } from 'vitest';
import { negativeReading } from './readings';
import type { Estimate } from '../../core/math/intervals';
import type { DepthView } from './sweepView';

/** The negative-transfer reading: a verdict per series and depth from the paired interval, never from the mean. */
const estimate = (mean: number, ci95: [number, number] | null): Estimate => ({ mean, ci95, n: 3, method: 't-repeats' });
const view: DepthView = {
  perClass: 50,
  final: true,
  scratch: { plateau: estimate(0.93, [0.9, 0.96]), cell: 4 },
  series: [
    {
      id: 'noisy',
      points: [
        { x: 0, cell: 0, plateau: estimate(0.88, [0.86, 0.9]), gain: estimate(-0.05, [-0.08, -0.02]) },
        { x: 3, cell: 1, plateau: estimate(0.93, [0.9, 0.96]), gain: estimate(-0.01, [-0.04, 0.02]) },
      ],
    },
    { id: 'transfer', points: [{ x: 0, cell: 2, plateau: estimate(0.96, null), gain: estimate(0.03, [0.01, 0.05]) }] },
  ],
};

describe('negativeReading', () => {
  it('says negative transfer only where the interval lies below zero, and when it appears', () => {
    const lines = negativeReading(view, (id) => id);
    expect(lines.map((l) => l.key)).toEqual([
      'sweeps.reading.wang',
      'sweeps.reading.negativeAt',
      'sweeps.reading.neutralAt',
      'sweeps.reading.positiveAt',
      'sweeps.reading.whenNegative',
      'sweeps.reading.intervals',
    ]);
    expect(lines[1].params).toEqual({ series: 'noisy', depth: 0, value: '−5.0' });
  });

  it('waits for scratch before any verdict', () => {
    expect(negativeReading({ ...view, scratch: null }, (id) => id).map((l) => l.key)).toEqual([
      'sweeps.reading.wang',
      'sweeps.reading.noScratch',
    ]);
  });
});
