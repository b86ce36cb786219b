/**
 * Chart data from the store's curves: one row per epoch with, per strategy, the mean validation accuracy over
 * the seeds that have reached that epoch, its ± 1 std band, and each seed's value. Pure, so it is tested
 * without a browser. Keys are `s<i>_…` (i = the strategy's index) because recharts reads dotted keys as paths.
 */
import { meanStd } from '../../core/math/stats';
import type { StrategySummary } from '../../core/metrics/types';
import type { StrategyId } from '../../core/train/types';
import type { CurveRecord } from '../../store';

export type ChartValue = number | [number, number];
export interface ChartRow {
  epoch: number;
  [key: string]: ChartValue;
}

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

export function buildCurveRows(
  curves: readonly (CurveRecord | undefined)[],
  strategies: readonly StrategyId[],
): { rows: ChartRow[]; series: StrategySeries[] } {
  const byEpoch = new Map<number, ChartRow>();
  const series = strategies.map((strategy, i): StrategySeries => {
    const key = `s${i}`;
    const mine = curves.filter((c): c is CurveRecord => c !== undefined && c.strategy === strategy && c.points.length > 0);
    const accuracies = new Map<number, number[]>();
    for (const curve of mine) {
      for (const point of curve.points) {
        const row = byEpoch.get(point.epoch) ?? { epoch: point.epoch };
        row[seedKey(key, curve.seed)] = point.valAccuracy;
        byEpoch.set(point.epoch, row);
        accuracies.set(point.epoch, [...(accuracies.get(point.epoch) ?? []), point.valAccuracy]);
      }
    }
    for (const [epoch, values] of accuracies) {
      const row = byEpoch.get(epoch)!;
      const { mean, std } = meanStd(values);
      row[meanKey(key)] = mean;
      row[stdKey(key)] = std;
      row[countKey(key)] = values.length;
      row[bandKey(key)] = [clamp01(mean - std), clamp01(mean + std)];
    }
    return { strategy, key, seeds: [...new Set(mine.map((c) => c.seed))].sort((a, b) => a - b) };
  });
  const rows = [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
  return { rows, series };
}

/** Where the start, slope and asymptote of one strategy are drawn (from the engine's summary). */
export interface MetricMarkers {
  strategy: string;
  start: { x: number; y: number };
  asymptote: number;
  /** The initial tangent of the fitted curve, from epoch 0 until it meets the asymptote; null when not rising. */
  slope: [{ x: number; y: number }, { x: number; y: number }] | null;
}

/**
 * Markers per strategy. The slope's tangent starts at the mean epoch-0 accuracy (the fit's s is not reported;
 * epoch 0 is what the fit starts from) and runs for (asymptote − s)/slope epochs, i.e. τ of the fit, capped at
 * the budget.
 */
export function buildMarkers(summary: readonly StrategySummary[], rows: readonly ChartRow[], series: readonly StrategySeries[], epochs: number): MetricMarkers[] {
  return summary.flatMap((s) => {
    const info = series.find((x) => x.strategy === s.strategy);
    if (!info) return [];
    const epoch0 = rows.find((r) => r.epoch === 0)?.[meanKey(info.key)];
    const start = { x: 1, y: s.metrics.start.mean };
    const asymptote = s.metrics.asymptote.mean;
    const slope = s.metrics.slope.mean;
    let tangent: MetricMarkers['slope'] = null;
    if (typeof epoch0 === 'number' && slope > 0 && asymptote > epoch0) {
      const length = Math.min(epochs, (asymptote - epoch0) / slope);
      tangent = [{ x: 0, y: epoch0 }, { x: length, y: clamp01(epoch0 + slope * length) }];
    }
    return [{ strategy: s.strategy, start, asymptote, slope: tangent }];
  });
}
