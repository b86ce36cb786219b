import { directionOf, repeatInterval, type Estimate } from '../math/intervals';
import { summarizeCurve } from '../metrics/learningCurve';
import type { CurvePoint } from '../train/types';
import type { PlannedCell } from './plan';
import type {
  AxisPoint,
  CellMetrics,
  DepthPoint,
  DepthAxis,
  SizeAxis,
  SweepCell,
  SweepConfig,
  SweepTrial,
} from './types';

/**
 * The numbers of a sweep, computed once here and only shown by the CLI and the studio: per cell the mean and 95 %
 * interval of start, plateau and AUC over repeats × seeds (t over per-repeat means with ≥ 2 repeats, else t over
 * seeds: math/intervals.ts), the paired gain over scratch on the same size, repeat and seed, and per axis what the
 * charts draw.
 */

/** A trial's record from its learning curve (plateau = mean of the last three epochs). */
export function sweepTrial(repeat: number, seed: number, curve: CurvePoint[]): SweepTrial {
  const metrics = summarizeCurve(curve);
  return { repeat, seed, curve, start: metrics.start, plateau: metrics.plateau, auc: metrics.auc };
}

type MetricKey = 'start' | 'plateau' | 'auc';

/** Mean and interval of each metric over the trials of one cell. */
export function cellMetrics(trials: readonly SweepTrial[]): CellMetrics {
  const of = (key: MetricKey) => repeatInterval(trials.map((t) => ({ repeat: t.repeat, value: t[key] })));
  return { start: of('start'), plateau: of('plateau'), auc: of('auc') };
}

/** Paired differences cell − baseline over the (repeat, seed) pairs both have. */
export function pairedGain(trials: readonly SweepTrial[], baseline: readonly SweepTrial[]): CellMetrics | null {
  const base = new Map(baseline.map((t) => [`${t.repeat}:${t.seed}`, t]));
  const pairs = trials.flatMap((t) => {
    const b = base.get(`${t.repeat}:${t.seed}`);
    return b ? [[t, b] as const] : [];
  });
  if (pairs.length === 0) return null;
  const of = (key: MetricKey) => repeatInterval(pairs.map(([t, b]) => ({ repeat: t.repeat, value: t[key] - b[key] })));
  return { start: of('start'), plateau: of('plateau'), auc: of('auc') };
}

/** Every cell with its metrics and paired gain over scratch of the same size. */
export function summarizeCells(planned: readonly PlannedCell[], trialsByCell: readonly SweepTrial[][]): SweepCell[] {
  const scratchOf = new Map<number, SweepTrial[]>();
  planned.forEach((cell, i) => {
    if (cell.arm.kind === 'scratch') scratchOf.set(cell.key.perClass, trialsByCell[i]);
  });
  return planned.map((cell, i) => {
    const trials = trialsByCell[i];
    const baseline = cell.arm.kind === 'scratch' ? undefined : scratchOf.get(cell.key.perClass);
    const gain = baseline ? pairedGain(trials, baseline) : null;
    return {
      ...cell.key,
      trials,
      metrics: cellMetrics(trials),
      gain,
      negativeTransfer: gain !== null && directionOf(gain.plateau) === 'below',
    };
  });
}

const pointOf = (cell: SweepCell, index: number, x: number): AxisPoint => ({
  x,
  cell: index,
  plateau: cell.metrics.plateau,
  auc: cell.metrics.auc,
  gain: cell.gain?.plateau ?? null,
});

/** Accuracy against depth, one chart per size. */
export function depthAxes(config: SweepConfig, cells: readonly SweepCell[]): DepthAxis[] {
  if (config.depths.length === 0) return [];
  return config.perClass.map((perClass) => {
    const series = config.series.map((s) => ({
      id: s.id,
      upper: s.upper,
      points: cells
        .map((cell, index) => ({ cell, index }))
        .filter(({ cell }) => cell.series === s.id && cell.perClass === perClass && cell.depth !== undefined)
        .map(({ cell, index }) => pointOf(cell, index, cell.depth!)),
    }));
    const plateauContrast = (a: AxisPoint | undefined, b: AxisPoint | undefined) =>
      a && b && a.cell !== b.cell ? (pairedGain(cells[a.cell].trials, cells[b.cell].trials)?.plateau ?? null) : null;
    const first = series[0];
    const withContrasts = series.map((s) => ({
      ...s,
      points: s.points.map((p): DepthPoint => ({
        ...p,
        versusDepth0: plateauContrast(
          p,
          s.points.find((q) => q.x === 0),
        ),
        versusFirstSeries:
          s === first
            ? null
            : plateauContrast(
                p,
                first?.points.find((q) => q.x === p.x),
              ),
      })),
    }));
    const scratchIndex = cells.findIndex((c) => c.strategy === 'scratch' && c.perClass === perClass);
    const scratch =
      scratchIndex >= 0
        ? { plateau: cells[scratchIndex].metrics.plateau, auc: cells[scratchIndex].metrics.auc, cell: scratchIndex }
        : null;
    const best = series
      .filter((s) => s.points.length > 0)
      .map((s) => ({
        series: s.id,
        depth: s.points.reduce((a, b) => (b.plateau.mean > a.plateau.mean ? b : a)).x,
      }));
    return { perClass, series: withContrasts, scratch, best };
  });
}

/** Accuracy against examples per class, one chart per series × depth, with scratch and the gap between them. */
export function sizeAxes(config: SweepConfig, cells: readonly SweepCell[]): SizeAxis[] {
  const indexed = cells.map((cell, index) => ({ cell, index }));
  const pointsOf = (strategy: string) =>
    indexed
      .filter(({ cell }) => cell.strategy === strategy)
      .map(({ cell, index }) => pointOf(cell, index, cell.perClass));
  const scratch = pointsOf('scratch');
  const multitask = pointsOf('multitask');
  return config.series.flatMap((s) =>
    config.depths.map((depth) => {
      const transfer = indexed
        .filter(({ cell }) => cell.series === s.id && cell.depth === depth)
        .map(({ cell, index }) => pointOf(cell, index, cell.perClass));
      const multitaskOverTransfer = transfer.map((t) => {
        const m = multitask.find((p) => p.x === t.x);
        return m ? (pairedGain(cells[m.cell].trials, cells[t.cell].trials)?.plateau ?? null) : null;
      });
      return { series: s.id, depth, transfer, scratch, multitask, multitaskOverTransfer, ...gapOf(transfer) };
    }),
  );
}

/** Where the paired gap changes sign (first adjacent pair), and how much it shrinks from smallest to largest size. */
function gapOf(points: readonly AxisPoint[]): Pick<SizeAxis, 'crossover' | 'gapShrink'> {
  const gaps = points.filter(
    (p): p is AxisPoint & { gain: Estimate } => p.gain !== null && Number.isFinite(p.gain.mean),
  );
  let crossover: SizeAxis['crossover'] = null;
  for (let i = 1; i < gaps.length && !crossover; i++) {
    const [a, b] = [gaps[i - 1], gaps[i]];
    if (Math.sign(a.gain.mean) !== Math.sign(b.gain.mean) && a.gain.mean !== 0 && b.gain.mean !== 0) {
      const clear = directionOf(a.gain) !== 'unclear' && directionOf(b.gain) !== 'unclear';
      crossover = { between: [a.x, b.x], clear };
    }
  }
  const gapShrink = gaps.length >= 2 ? gaps[0].gain.mean - gaps[gaps.length - 1].gain.mean : null;
  return { crossover, gapShrink };
}
