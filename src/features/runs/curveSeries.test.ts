import { describe, expect, it } from 'vitest';
import type { StrategySummary } from '../../core/metrics/types';
import { summaryOf } from '../../core/metrics/testCurves';
import type { CurvePoint } from '../../core/train/types';
import type { CurveRecord } from '../../store';
import { bandKey, buildCurveRows, buildMarkers, countKey, lossAxisMax, maxX, meanKey, seedKey } from './curveSeries';

const curve = (
  strategy: CurveRecord['strategy'],
  seed: number,
  accuracies: number[],
  secondsPerEpoch = 1,
): CurveRecord => ({
  strategy,
  seed,
  points: accuracies.map((valAccuracy, epoch): CurvePoint => ({
    epoch,
    valAccuracy,
    valLoss: 2 - 2 * valAccuracy,
    trainLoss: 1,
    seconds: epoch * secondsPerEpoch,
    examplesSeen: epoch,
  })),
});

describe('buildCurveRows', () => {
  it('means and ± 1 std bands per epoch over the seeds that reached it', () => {
    const { rows, series } = buildCurveRows(
      [curve('scratch', 1, [0.2, 0.4, 0.6]), curve('scratch', 2, [0.2, 0.6])],
      ['scratch', 'feature-extraction'],
    );
    expect(series).toEqual([
      { strategy: 'scratch', key: 's0', seeds: [1, 2] },
      { strategy: 'feature-extraction', key: 's1', seeds: [] },
    ]);
    expect(rows.map((r) => r.epoch)).toEqual([0, 1, 2]);
    expect(rows[1][meanKey('s0')]).toBeCloseTo(0.5);
    expect(rows[1][countKey('s0')]).toBe(2);
    const [low, high] = rows[1][bandKey('s0')] as [number, number];
    expect(low).toBeCloseTo(0.5 - Math.SQRT2 * 0.1);
    expect(high).toBeCloseTo(0.5 + Math.SQRT2 * 0.1);
    // Epoch 2: only seed 1 so far, no spread.
    expect(rows[2][meanKey('s0')]).toBeCloseTo(0.6);
    expect(rows[2][bandKey('s0')]).toEqual([0.6, 0.6]);
    expect(rows[2][seedKey('s0', 1)]).toBe(0.6);
    expect(rows[2][seedKey('s0', 2)]).toBeUndefined();
  });

  it('clamps the band to [0, 1] and skips holes in the run list', () => {
    const { rows } = buildCurveRows(
      [undefined, curve('feature-extraction', 1, [1]), curve('feature-extraction', 2, [0.8])],
      ['feature-extraction'],
    );
    const [, high] = rows[0][bandKey('s0')] as [number, number];
    expect(high).toBe(1);
  });
});

describe('buildCurveRows: loss and seconds', () => {
  it('draws validation loss with a band clamped at 0 only', () => {
    const { rows } = buildCurveRows([curve('scratch', 1, [0.2, 0.9]), curve('scratch', 2, [0.2, 1])], ['scratch'], {
      metric: 'loss',
      x: 'epoch',
    });
    expect(rows[0][meanKey('s0')]).toBeCloseTo(1.6);
    expect(rows[1][meanKey('s0')]).toBeCloseTo(0.1);
    const [low, high] = rows[1][bandKey('s0')] as [number, number];
    expect(low).toBe(0);
    expect(high).toBeCloseTo(0.1 + Math.SQRT2 * 0.1);
  });

  it('puts seeds at their own seconds and the mean at the mean time of the seeds', () => {
    const { rows } = buildCurveRows(
      [
        curve('scratch', 1, [0.2, 0.4], 2),
        curve('scratch', 2, [0.2, 0.6], 4),
        curve('feature-extraction', 1, [0.5, 0.9], 0.5),
      ],
      ['scratch', 'feature-extraction'],
      { metric: 'accuracy', x: 'seconds' },
    );
    expect(rows.map((r) => r.x)).toEqual([0, 0.5, 2, 3, 4]);
    const at = (x: number) => rows.find((r) => r.x === x)!;
    expect(at(2)[seedKey('s0', 1)]).toBe(0.4);
    expect(at(4)[seedKey('s0', 2)]).toBe(0.6);
    expect(at(3)[meanKey('s0')]).toBeCloseTo(0.5);
    expect(at(3).epoch).toBe(1);
    expect(at(3)[meanKey('s1')]).toBeUndefined();
    expect(at(0.5)[meanKey('s1')]).toBe(0.9);
    expect(maxX(rows)).toBe(4);
  });
});

describe('buildMarkers', () => {
  const summary = (strategy: string, start: number, slope: number, asymptote: number | null): StrategySummary =>
    summaryOf(strategy, { start, slope, asymptote, plateau: 0.8 });

  it('puts the start at epoch 1, the level at the asymptote, and the half-rise segment from epoch 0', () => {
    const { rows, series } = buildCurveRows([curve('scratch', 1, [0.2, 0.5, 0.7])], ['scratch']);
    const [m] = buildMarkers([summary('scratch', 0.5, 0.3, 0.82)], rows, series, 20);
    expect(m.start).toEqual({ x: 1, y: 0.5 });
    expect(m).toMatchObject({ level: 0.82, levelKind: 'asymptote' });
    expect(m.slope![0]).toEqual({ x: 0, y: 0.2 });
    // Half of the plateau gain (0.8 − 0.2) at 0.3 per epoch: one epoch.
    expect(m.slope![1].x).toBeCloseTo(1);
    expect(m.slope![1].y).toBeCloseTo(0.5);
  });

  it('draws the plateau as the level when the asymptote was not reached', () => {
    const { rows, series } = buildCurveRows([curve('scratch', 1, [0.2, 0.5, 0.7])], ['scratch']);
    expect(buildMarkers([summary('scratch', 0.5, 0.1, null)], rows, series, 20)[0]).toMatchObject({
      level: 0.8,
      levelKind: 'plateau',
    });
  });

  it('draws no tangent for a falling curve', () => {
    const { rows, series } = buildCurveRows([curve('scratch', 1, [0.5, 0.4])], ['scratch']);
    expect(buildMarkers([summary('scratch', 0.4, 0, 0.3)], rows, series, 20)[0].slope).toBeNull();
  });
});

describe('lossAxisMax', () => {
  it('rounds the largest loss (band tops and seeds included) up to 0.5, or 0.1 below 1', () => {
    const { rows } = buildCurveRows([curve('scratch', 1, [0.2, 0.9]), curve('scratch', 2, [0.25, 1])], ['scratch'], {
      metric: 'loss',
      x: 'epoch',
    });
    expect(lossAxisMax(rows)).toBe(2);
    const low = buildCurveRows([curve('scratch', 1, [0.8, 0.9])], ['scratch'], { metric: 'loss', x: 'epoch' }).rows;
    expect(lossAxisMax(low)).toBeCloseTo(0.4);
  });
});
