import type { Estimate } from '../../core/math/intervals';
import type { DepthAxis, SizeAxis } from '../../core/sweep/types';
import type { SweepRun } from '../../store/sweepSlice';

/**
 * What the Sweeps charts draw, arranged from the sweep's numbers (nothing is computed here): the result's axes once
 * the sweep is done, and while it runs the same shapes made of the cells finished so far (their plateau with its
 * interval; gains, contrasts and crossovers only come with the result, as they need scratch's cells).
 */

export interface ViewPoint {
  x: number;
  cell: number;
  plateau: Estimate;
  gain: Estimate | null;
  versusDepth0?: Estimate | null;
  versusFirstSeries?: Estimate | null;
}

export interface DepthView {
  perClass: number;
  series: { id: string; points: ViewPoint[] }[];
  scratch: { plateau: Estimate; cell: number } | null;
  final: boolean;
}

export interface SizeView {
  series: string;
  depth: number;
  transfer: ViewPoint[];
  scratch: ViewPoint[];
  multitask: ViewPoint[];
  multitaskOverTransfer: (Estimate | null)[];
  crossover: SizeAxis['crossover'];
  gapShrink: number | null;
  final: boolean;
}

/** The depth charts of `run` (one per size), or none when the sweep has no depth axis to show. */
export function depthViews(run: SweepRun): DepthView[] {
  if (run.result) return run.result.axes.depth.map((axis) => fromDepthAxis(axis));
  const { config } = run;
  return config.perClass.map((perClass) => ({
    perClass,
    series: config.series.map((s) => ({
      id: s.id,
      points: livePoints(run, (k) => k.series === s.id && k.perClass === perClass && k.depth !== undefined, 'depth'),
    })),
    scratch: liveScratch(run, perClass),
    final: false,
  }));
}

/** The size charts of `run` (one per series × depth). */
export function sizeViews(run: SweepRun): SizeView[] {
  if (run.result) return run.result.axes.perClass.map((axis) => ({ ...axis, final: true }));
  const { config } = run;
  const scratch = livePoints(run, (k) => k.strategy === 'scratch', 'perClass');
  const multitask = livePoints(run, (k) => k.strategy === 'multitask', 'perClass');
  return config.series.flatMap((s) =>
    config.depths.map((depth) => {
      const transfer = livePoints(run, (k) => k.series === s.id && k.depth === depth, 'perClass');
      // What only the finished sweep's summary knows (core/sweep/summarize.ts) stays empty while it runs.
      const unknown = { multitaskOverTransfer: transfer.map(() => null), crossover: null, gapShrink: null };
      return { series: s.id, depth, transfer, scratch, multitask, ...unknown, final: false };
    }),
  );
}

function fromDepthAxis(axis: DepthAxis): DepthView {
  return {
    perClass: axis.perClass,
    series: axis.series.map((s) => ({ id: s.id, points: s.points })),
    scratch: axis.scratch ? { plateau: axis.scratch.plateau, cell: axis.scratch.cell } : null,
    final: true,
  };
}

function livePoints(
  run: SweepRun,
  include: (key: SweepRun['cells'][number]) => boolean,
  x: 'depth' | 'perClass',
): ViewPoint[] {
  return run.cells.flatMap((key, cell) => {
    const metrics = run.metrics[cell];
    if (!metrics || !include(key)) return [];
    return [{ x: x === 'depth' ? (key.depth ?? 0) : key.perClass, cell, plateau: metrics.plateau, gain: null }];
  });
}

function liveScratch(run: SweepRun, perClass: number): DepthView['scratch'] {
  const cell = run.cells.findIndex((k) => k.strategy === 'scratch' && k.perClass === perClass);
  const metrics = cell >= 0 ? run.metrics[cell] : null;
  return metrics ? { plateau: metrics.plateau, cell } : null;
}

/** An interval for drawing: clamped to accuracies' range [0, 1] (a t interval over few repeats can overshoot it). */
export function drawnInterval(estimate: Estimate): [number, number] {
  const [low, high] = estimate.ci95 ?? [estimate.mean, estimate.mean];
  return [Math.max(0, low), Math.min(1, high)];
}
