import { directionOf, repeatInterval, type Estimate } from '../math/intervals';
import { SCRATCH, summarizeStrategies, type StrategyTrial } from '../metrics/compare';
import { summarizeCurve } from '../metrics/learningCurve';
import type { SummaryContext } from '../metrics/types';
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
 * The numbers of a sweep, computed once here and only shown by the CLI and the studio. Each cell is summarised by
 * metrics/compare.ts summarizeStrategies together with the scratch cell of its size — exactly as `run` summarises
 * an experiment: mean and 95 % interval of every metric over repeats × seeds, paired gains over scratch on the same
 * repeat and seed, and the verdicts read off those intervals. Per axis: what the charts draw, and the paired
 * contrasts the readings state (a depth against depth 0, one series against another, multi-task against transfer).
 */

/** A trial's record from its learning curve. */
export function sweepTrial(repeat: number, seed: number, curve: CurvePoint[], validationCount: number): SweepTrial {
  return { repeat, seed, curve, metrics: summarizeCurve(curve, { validationCount }) };
}

const asStrategyTrials = (strategy: string, trials: readonly SweepTrial[]): StrategyTrial[] =>
  trials.map((t) => ({
    strategy,
    repeat: t.repeat,
    seed: t.seed,
    curve: t.curve,
    metrics: t.metrics,
    cacheSeconds: 0,
  }));

/** Mean and interval of each metric over the trials of one cell. */
export function cellMetrics(trials: readonly SweepTrial[], context: SummaryContext): CellMetrics {
  return summarizeStrategies(asStrategyTrials('cell', trials), context)[0]?.metrics ?? emptyMetrics();
}

/** A cell without trials (never in a finished sweep): every estimate undefined. */
function emptyMetrics(): CellMetrics {
  const none = { mean: NaN, ci95: null, n: 0, method: 'none' as const };
  return {
    start: none,
    slope: none,
    plateau: none,
    asymptote: { ...none, mean: null, reached: false, reachedBy: 0, trials: 0, lowerBound: none },
    auc: none,
  };
}

/**
 * The paired plateau difference a − b over the (repeat, seed) pairs both cells have (t over per-repeat means of the
 * differences, math/intervals.ts), for contrasts between two transferred cells; null without pairs. `resolution`:
 * one validation image, 1/n (the floor of the spread, math/intervals.ts).
 */
export function pairedPlateau(a: readonly SweepTrial[], b: readonly SweepTrial[], resolution = 0): Estimate | null {
  const base = new Map(b.map((t) => [`${t.repeat}:${t.seed}`, t]));
  const diffs = a.flatMap((t) => {
    const other = base.get(`${t.repeat}:${t.seed}`);
    return other ? [{ repeat: t.repeat, value: t.metrics.plateau - other.metrics.plateau }] : [];
  });
  return diffs.length > 0 ? repeatInterval(diffs, resolution) : null;
}

/**
 * How much the paired plateau gain over scratch changes from one size to another: per (repeat, seed) present in all
 * four cells, (transferA − scratchA) − (transferB − scratchB), then t over per-repeat means (math/intervals.ts).
 * Positive when the gain at A is larger. Null without a complete pair. `resolution` as for pairedPlateau.
 */
export function pairedGainChange(
  transferA: readonly SweepTrial[],
  scratchA: readonly SweepTrial[],
  transferB: readonly SweepTrial[],
  scratchB: readonly SweepTrial[],
  resolution = 0,
): Estimate | null {
  const byKey = (trials: readonly SweepTrial[]) => new Map(trials.map((t) => [`${t.repeat}:${t.seed}`, t]));
  const [sa, tb, sb] = [byKey(scratchA), byKey(transferB), byKey(scratchB)];
  const diffs = transferA.flatMap((t) => {
    const key = `${t.repeat}:${t.seed}`;
    const [a0, b1, b0] = [sa.get(key), tb.get(key), sb.get(key)];
    if (!a0 || !b1 || !b0) return [];
    const value = t.metrics.plateau - a0.metrics.plateau - (b1.metrics.plateau - b0.metrics.plateau);
    return [{ repeat: t.repeat, value }];
  });
  return diffs.length > 0 ? repeatInterval(diffs, resolution) : null;
}

/** Every cell with its metrics, gains and verdict, each summarised with the scratch cell of its size. */
export function summarizeCells(
  planned: readonly PlannedCell[],
  trialsByCell: readonly SweepTrial[][],
  context: SummaryContext,
): SweepCell[] {
  const scratchOf = new Map<number, SweepTrial[]>();
  planned.forEach((cell, i) => {
    if (cell.arm.kind === 'scratch') scratchOf.set(cell.key.perClass, trialsByCell[i]);
  });
  return planned.map((cell, i) => {
    const trials = trialsByCell[i];
    const scratch = cell.arm.kind === 'scratch' ? [] : (scratchOf.get(cell.key.perClass) ?? []);
    const name = cell.arm.kind === 'scratch' ? SCRATCH : cell.key.strategy;
    const summaries = summarizeStrategies(
      [...asStrategyTrials(name, trials), ...asStrategyTrials(SCRATCH, scratch)],
      context,
    );
    const own = summaries.find((s) => s.strategy === name);
    return {
      ...cell.key,
      trials,
      metrics: own?.metrics ?? emptyMetrics(),
      gain: own?.transferGain ?? null,
      verdict: own?.verdict ?? null,
      negativeTransfer: own?.negativeTransfer ?? false,
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

/** Accuracy against depth, one chart per size. `resolution`: one validation image, 1/n (pairedPlateau). */
export function depthAxes(config: SweepConfig, cells: readonly SweepCell[], resolution = 0): DepthAxis[] {
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
      a && b && a.cell !== b.cell ? pairedPlateau(cells[a.cell].trials, cells[b.cell].trials, resolution) : null;
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

/**
 * Accuracy against examples per class, one chart per series × depth, with scratch and the gap between them.
 * `resolution`: one validation image, 1/n (the validation set is the same at every size).
 */
export function sizeAxes(config: SweepConfig, cells: readonly SweepCell[], resolution = 0): SizeAxis[] {
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
        return m ? pairedPlateau(cells[m.cell].trials, cells[t.cell].trials, resolution) : null;
      });
      const first = transfer[0];
      const last = transfer[transfer.length - 1];
      const scratchAt = (x: number) => scratch.find((p) => p.x === x);
      const [firstScratch, lastScratch] = [first && scratchAt(first.x), last && scratchAt(last.x)];
      const gapShrinkPaired =
        first && last && first !== last && firstScratch && lastScratch
          ? pairedGainChange(
              cells[first.cell].trials,
              cells[firstScratch.cell].trials,
              cells[last.cell].trials,
              cells[lastScratch.cell].trials,
              resolution,
            )
          : null;
      return {
        series: s.id,
        depth,
        transfer,
        scratch,
        multitask,
        multitaskOverTransfer,
        ...gapOf(transfer),
        gapShrinkPaired,
      };
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
