import type { Estimate } from '../core/math/intervals';
import { directionOf } from '../core/math/intervals';
import type { SweepCell, SweepResult } from '../core/sweep/types';
import { formatTable } from '../node/textTable';
import { CURVE_POINT_COLUMNS } from './report';

/**
 * Text and CSV renderings of a SweepResult (pure, tested on plain objects). Every number comes from the result;
 * nothing is recomputed here.
 */

/** cells.csv columns: one row per cell, each metric's mean and 95 % interval. */
export const SWEEP_CELL_COLUMNS = [
  'series',
  'strategy',
  'depth',
  'perClass',
  'trials',
  ...['start', 'plateau', 'auc'].flatMap((m) => [m, `${m}Low`, `${m}High`]),
  ...['start', 'plateau', 'auc'].flatMap((m) => [`gain_${m}`, `gain_${m}Low`, `gain_${m}High`]),
  'negativeTransfer',
] as const;

/** sweep-curves.csv columns: one row per trial and epoch. */
export const SWEEP_CURVE_COLUMNS = ['series', 'strategy', 'depth', 'perClass', ...CURVE_POINT_COLUMNS] as const;

const num = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? '' : String(x));
const estimateColumns = (e: Estimate | undefined) => [num(e?.mean), num(e?.ci95?.[0]), num(e?.ci95?.[1])];

export function formatSweepCellsCsv(result: SweepResult): string {
  const rows = result.cells.map((c) => [
    c.series ?? '',
    c.strategy,
    num(c.depth),
    String(c.perClass),
    String(c.trials.length),
    ...estimateColumns(c.metrics.start),
    ...estimateColumns(c.metrics.plateau),
    ...estimateColumns(c.metrics.auc),
    ...estimateColumns(c.gain?.start),
    ...estimateColumns(c.gain?.plateau),
    ...estimateColumns(c.gain?.auc),
    c.gain ? String(c.negativeTransfer) : '',
  ]);
  return [SWEEP_CELL_COLUMNS.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n';
}

export function formatSweepCurvesCsv(result: SweepResult): string {
  const lines: string[] = [SWEEP_CURVE_COLUMNS.join(',')];
  for (const c of result.cells) {
    for (const t of c.trials) {
      for (const p of t.curve) {
        lines.push(
          [c.series ?? '', c.strategy, num(c.depth), c.perClass, t.repeat, t.seed, p.epoch]
            .map(String)
            .concat([num(p.valAccuracy), num(p.valLoss), num(p.trainLoss), num(p.seconds)])
            .join(','),
        );
      }
    }
  }
  return lines.join('\n') + '\n';
}

const fmt = (x: number) => x.toFixed(3);
const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(3)}`;

/** "0.812 [0.790, 0.834]"; without an interval, the mean alone. */
export function formatEstimate(e: Estimate, show = fmt): string {
  return e.ci95 ? `${show(e.mean)} [${show(e.ci95[0])}, ${show(e.ci95[1])}]` : show(e.mean);
}

/** The cell's verdict against scratch, as `run` words it: from the intervals of the paired gains. */
function verdict(cell: SweepCell): string {
  if (!cell.verdict) return '—';
  if (cell.negativeTransfer) return 'NEGATIVE TRANSFER';
  if (cell.verdict.overallBasis === 'one-trial') return 'one trial: no interval';
  return { above: 'beats scratch', below: 'worse than scratch', unclear: 'no clear difference' }[cell.verdict.overall];
}

function label(cell: SweepCell): string {
  return cell.series && cell.series !== 'transfer' ? `${cell.series} ${cell.strategy}` : cell.strategy;
}

/** The text printed after a sweep: a table per size, the axis readings and the cache reuse. */
export function formatSweepReport(result: SweepResult): string {
  const { config, dataset, environment, cache } = result;
  const parts = [
    `${dataset.name}: ${dataset.classNames.length} classes, ${dataset.validationCount} validation; training sizes ` +
      config.perClass.map((p) => `${p}/class (${dataset.trainCounts[p]})`).join(', '),
    `backbone ${config.backbone}; ${result.cells.length} cells × ${config.repeats} repeat(s) × ${config.seeds} ` +
      `seed(s) = ${cache.trials} trainings of ${config.epochs} epochs; backend ${environment.backend} ` +
      `(${environment.cores} cores); ${result.seconds.toFixed(1)} s`,
  ];
  for (const perClass of config.perClass) {
    const cells = result.cells.filter((c) => c.perClass === perClass);
    const rows = cells.map((c) => [
      label(c),
      formatEstimate(c.metrics.start),
      formatEstimate(c.metrics.plateau),
      formatEstimate(c.metrics.auc),
      c.gain ? formatEstimate(c.gain.plateau, signed) : '—',
      verdict(c),
    ]);
    parts.push(
      '',
      `${perClass} per class:`,
      formatTable([['cell', 'start', 'plateau', 'AUC', 'plateau gain', 'verdict'], ...rows]),
    );
  }
  for (const axis of result.axes.perClass) {
    if (axis.scratch.length === 0 || axis.transfer.length < 2) continue;
    const first = axis.transfer[0];
    const last = axis.transfer[axis.transfer.length - 1];
    const name = `${axis.series === 'transfer' ? '' : `${axis.series} `}depth ${axis.depth}`;
    const gapAt = (p: typeof first) => (p.gain ? formatEstimate(p.gain, signed) : '—');
    const crossing = axis.crossover
      ? `; the gap changes sign between ${axis.crossover.between.join(' and ')} per class` +
        (axis.crossover.clear ? '' : ' (not clear: an interval includes zero)')
      : '; no crossover within these sizes';
    parts.push(
      `${name}: plateau gain over scratch ${gapAt(first)} at ${first.x}/class, ${gapAt(last)} at ${last.x}/class${crossing}`,
    );
    if (axis.gapShrinkPaired) {
      const change = axis.gapShrinkPaired;
      const reading = { above: 'larger', below: 'smaller', unclear: 'no clear difference' }[directionOf(change)];
      parts.push(
        `  gain at ${first.x}/class − gain at ${last.x}/class: ${formatEstimate(change, signed)} (paired; ${reading})`,
      );
    }
    axis.multitaskOverTransfer.forEach((e, i) => {
      if (!e) return;
      const who = { above: 'multi-task wins', below: 'transfer wins', unclear: 'no clear difference' }[directionOf(e)];
      parts.push(`  multi-task − transfer at ${axis.transfer[i].x}/class: ${formatEstimate(e, signed)} (${who})`);
    });
  }
  parts.push(
    '',
    `cache: ${cache.blockPasses} image×block passes instead of ${cache.naiveBlockPasses} ` +
      `(reuse ${cache.reuseRatio.toFixed(1)}×, ${cache.cacheSeconds.toFixed(1)} s)`,
    '',
    `mean [95 % interval]: ${config.repeats >= 2 ? `t over the ${config.repeats} repeats' means (split, sample, seeds)` : `t over ${config.seeds} seeds of one split (covers initialisation and order only)`}. ` +
      'plateau = mean of the last three epochs; gain = cell − scratch, paired on size, repeat and seed; ' +
      'verdicts as `run`: beats / worse from the AUC gain, negative transfer from the asymptote (else plateau) ' +
      'gain, only when its interval excludes zero.',
  );
  return parts.join('\n');
}
