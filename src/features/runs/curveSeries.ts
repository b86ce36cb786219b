/**
 * Chart data from learning curves: per strategy, the mean of a metric (validation accuracy or validation loss) over
 * the seeds that have reached each epoch, its ± 1 std band, and each seed's own value, against epochs or seconds.
 * Pure, so it is tested without a browser. Keys are `s<i>_…` (i = the strategy's index) because recharts reads
 * dotted keys as paths.
 *
 * Against seconds, each seed's points sit at its own wall-clock time and the mean at the mean time of the seeds at
 * that epoch, so rows are merged by x and a strategy's keys are missing on other strategies' rows (lines are drawn
 * with connectNulls).
 */
import { meanStd } from '../../core/math/stats';
import type { StrategySummary } from '../../core/metrics/types';
import type { CurvePoint, StrategyId } from '../../core/train/types';
import type { CurveRecord } from '../../store';

export type ChartValue = number | [number, number];
export interface ChartRow {
  /** Epoch, or seconds since the run started. */
  x: number;
  /** The epoch the row's mean values belong to (the tooltip's title in seconds mode too). */
  epoch: number;
  [key: string]: ChartValue;
}

export type CurveMetric = 'accuracy' | 'loss';
export type CurveAxis = 'epoch' | 'seconds';
export interface CurveView {
  metric: CurveMetric;
  x: CurveAxis;
}
export const DEFAULT_VIEW: CurveView = { metric: 'accuracy', x: 'epoch' };

export interface StrategySeries {
  strategy: StrategyId;
  /** Prefix of this strategy's keys in the rows. */
  key: string;
  /** Seeds with at least one point, ascending. */
  seeds: number[];
}

export const meanKey = (key: string) => `${key}_mean`;
export const stdKey = (key: string) => `${key}_std`;
export const countKey = (key: string) => `${key}_n`;
export const bandKey = (key: string) => `${key}_band`;
export const seedKey = (key: string, seed: number) => `${key}_seed${seed}`;

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const valueOf = (point: CurvePoint, metric: CurveMetric) => (metric === 'accuracy' ? point.valAccuracy : point.valLoss);
/** Rows are merged on x rounded to the millisecond (epochs are integers). */
const xKey = (x: number) => Math.round(x * 1000);

export function buildCurveRows(
  curves: readonly (CurveRecord | undefined)[],
  strategies: readonly StrategyId[],
  view: CurveView = DEFAULT_VIEW,
): { rows: ChartRow[]; series: StrategySeries[] } {
  const rows = new Map<number, ChartRow>();
  const rowAt = (x: number, epoch: number) => {
    const key = xKey(x);
    let row = rows.get(key);
    if (!row) {
      row = { x, epoch };
      rows.set(key, row);
    }
    return row;
  };
  const series = strategies.map((strategy, i): StrategySeries => {
    const key = `s${i}`;
    const mine = curves.filter(
      (c): c is CurveRecord => c !== undefined && c.strategy === strategy && c.points.length > 0,
    );
    const byEpoch = new Map<number, { values: number[]; seconds: number[] }>();
    for (const curve of mine) {
      for (const point of curve.points) {
        const value = valueOf(point, view.metric);
        if (!Number.isFinite(value)) continue;
        rowAt(view.x === 'epoch' ? point.epoch : point.seconds, point.epoch)[seedKey(key, curve.seed)] = value;
        const entry = byEpoch.get(point.epoch) ?? { values: [], seconds: [] };
        entry.values.push(value);
        entry.seconds.push(point.seconds);
        byEpoch.set(point.epoch, entry);
      }
    }
    for (const [epoch, { values, seconds }] of byEpoch) {
      const row = rowAt(view.x === 'epoch' ? epoch : meanStd(seconds).mean, epoch);
      const { mean, std } = meanStd(values);
      row[meanKey(key)] = mean;
      row[stdKey(key)] = std;
      row[countKey(key)] = values.length;
      row[bandKey(key)] =
        view.metric === 'accuracy' ? [clamp01(mean - std), clamp01(mean + std)] : [Math.max(0, mean - std), mean + std];
    }
    return { strategy, key, seeds: [...new Set(mine.map((c) => c.seed))].sort((a, b) => a - b) };
  });
  return { rows: [...rows.values()].sort((a, b) => a.x - b.x), series };
}

/** The largest x of the rows (the axis end), at least 1. */
export function maxX(rows: readonly ChartRow[]): number {
  return Math.max(1, ...rows.map((r) => r.x));
}

/**
 * A round upper end for a loss axis covering every value in the rows (means, band tops, seeds): the next multiple
 * of 0.5 (0.1 below 1), at least 0.1.
 */
export function lossAxisMax(rows: readonly ChartRow[]): number {
  let max = 0;
  for (const row of rows) {
    for (const [key, value] of Object.entries(row)) {
      if (key === 'x' || key === 'epoch' || key.endsWith('_std') || key.endsWith('_n')) continue;
      const top = Array.isArray(value) ? value[1] : value;
      if (Number.isFinite(top)) max = Math.max(max, top);
    }
  }
  const step = max < 1 ? 0.1 : 0.5;
  return Math.max(0.1, Math.ceil(max / step - 1e-9) * step);
}

/** Where the start, slope and level of one strategy are drawn (from the engine's summary). */
export interface MetricMarkers {
  strategy: string;
  start: { x: number; y: number };
  /** The level line: the asymptote where every trial identified it, otherwise the plateau (a lower bound). */
  level: number;
  levelKind: 'asymptote' | 'plateau';
  /** The half-rise segment (the slope's definition): from epoch 0 to half the curve's gain; null when not rising. */
  slope: [{ x: number; y: number }, { x: number; y: number }] | null;
}

/**
 * Markers per strategy (accuracy against epochs only). The slope is drawn as what it measures: a segment from the
 * mean epoch-0 accuracy rising at the slope's rate until it has covered half the gain to the plateau
 * (metrics/learningCurve.ts), capped at the budget.
 */
export function buildMarkers(
  summary: readonly StrategySummary[],
  rows: readonly ChartRow[],
  series: readonly StrategySeries[],
  epochs: number,
): MetricMarkers[] {
  return summary.flatMap((s) => {
    const info = series.find((x) => x.strategy === s.strategy);
    if (!info) return [];
    const epoch0 = rows.find((r) => r.epoch === 0 && r[meanKey(info.key)] !== undefined)?.[meanKey(info.key)];
    const start = { x: 1, y: s.metrics.start.mean };
    const plateau = s.metrics.plateau.mean;
    const reached = s.metrics.asymptote.reached && s.metrics.asymptote.mean !== null;
    const level = reached ? (s.metrics.asymptote.mean as number) : plateau;
    const slope = s.metrics.slope.mean;
    let tangent: MetricMarkers['slope'] = null;
    if (typeof epoch0 === 'number' && slope > 0 && plateau > epoch0) {
      const length = Math.min(epochs, (plateau - epoch0) / 2 / slope);
      tangent = [
        { x: 0, y: epoch0 },
        { x: length, y: clamp01(epoch0 + slope * length) },
      ];
    }
    return [{ strategy: s.strategy, start, level, levelKind: reached ? 'asymptote' : 'plateau', slope: tangent }];
  });
}
