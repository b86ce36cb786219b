import { describe, expect, it } from 'vitest';
import type { StrategySummary } from '../../core/metrics/types';
import type { CurvePoint } from '../../core/train/types';
import type { CurveRecord } from '../../store';
import { bandKey, buildCurveRows, buildMarkers, countKey, meanKey, seedKey } from './curveSeries';

const curve = (strategy: CurveRecord['strategy'], seed: number, accuracies: number[]): CurveRecord => ({
  strategy,
  seed,
  points: accuracies.map((valAccuracy, epoch): CurvePoint => ({ epoch, valAccuracy, valLoss: 1, trainLoss: 1, seconds: epoch, examplesSeen: epoch })),
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
    const { rows } = buildCurveRows([undefined, curve('feature-extraction', 1, [1]), curve('feature-extraction', 2, [0.8])], ['feature-extraction']);
    const [, high] = rows[0][bandKey('s0')] as [number, number];
    expect(high).toBe(1);
  });
});

describe('buildMarkers', () => {
  const summary = (strategy: string, start: number, slope: number, asymptote: number): StrategySummary => ({
    strategy,
    seeds: 2,
    metrics: {
      start: { mean: start, std: 0 },
      slope: { mean: slope, std: 0 },
      asymptote: { mean: asymptote, std: 0 },
      asymptoteLast3: { mean: asymptote, std: 0 },
      auc: { mean: 0.5, std: 0 },
      fitR2: { mean: 0.9, std: 0 },
    },
    transferGain: null,
    negativeTransfer: false,
    timeToAccuracy: null,
    cacheSeconds: 0,
  });

  it('puts the start at epoch 1 and the slope tangent from epoch 0 up to the asymptote', () => {
    const { rows, series } = buildCurveRows([curve('scratch', 1, [0.2, 0.5, 0.7])], ['scratch']);
    const [m] = buildMarkers([summary('scratch', 0.5, 0.3, 0.8)], rows, series, 20);
    expect(m.start).toEqual({ x: 1, y: 0.5 });
    expect(m.asymptote).toBe(0.8);
    expect(m.slope![0]).toEqual({ x: 0, y: 0.2 });
    expect(m.slope![1].x).toBeCloseTo(2);
    expect(m.slope![1].y).toBeCloseTo(0.8);
  });

  it('draws no tangent for a falling curve', () => {
    const { rows, series } = buildCurveRows([curve('scratch', 1, [0.5, 0.4])], ['scratch']);
    expect(buildMarkers([summary('scratch', 0.4, -0.1, 0.3)], rows, series, 20)[0].slope).toBeNull();
  });
});
