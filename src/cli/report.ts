import type { ExperimentResult } from '../core/experiment/types';
import type { MeanStd, StrategySummary } from '../core/metrics/types';
import { formatTable } from '../node/textTable';

/**
 * Text and CSV renderings of an ExperimentResult for the command line. Pure functions (no I/O) so they are
 * tested on plain objects.
 */

/** Column order of curves.csv; one row per (trial, epoch). */
export const CURVE_CSV_COLUMNS = [
  'strategy',
  'seed',
  'epoch',
  'valAccuracy',
  'valLoss',
  'trainLoss',
  'seconds',
  'examplesSeen',
] as const;

/** curves.csv: header + one row per curve point of every trial. Non-finite numbers (trainLoss at epoch 0) are empty. */
export function formatCurvesCsv(result: ExperimentResult): string {
  const lines: string[] = [CURVE_CSV_COLUMNS.join(',')];
  for (const trial of result.runs) {
    for (const p of trial.curve) {
      lines.push(
        [csvText(trial.strategy), trial.seed, p.epoch, p.valAccuracy, p.valLoss, p.trainLoss, p.seconds, p.examplesSeen]
          .map((v) => (typeof v === 'number' ? csvNumber(v) : v))
          .join(','),
      );
    }
  }
  return lines.join('\n') + '\n';
}

function csvNumber(x: number): string {
  return Number.isFinite(x) ? String(x) : '';
}

function csvText(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const pm = (m: MeanStd, digits = 3): string => `${m.mean.toFixed(digits)} ± ${m.std.toFixed(digits)}`;
const signed = (x: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(3)}`;

/** Summary rows: strategy, start, slope, asymptote, last-3, AUC, transfer gain, negative transfer, time to accuracy. */
export function summaryRows(summary: readonly StrategySummary[]): string[][] {
  const header = [
    'strategy',
    'start',
    'slope/epoch',
    'asymptote',
    'last-3',
    'AUC',
    'gain AUC / start / asym',
    'negative',
    'time to acc',
  ];
  const rows = summary.map((s) => [
    s.strategy,
    pm(s.metrics.start),
    pm(s.metrics.slope),
    pm(s.metrics.asymptote),
    pm(s.metrics.asymptoteLast3),
    pm(s.metrics.auc),
    s.transferGain
      ? `${signed(s.transferGain.auc)} / ${signed(s.transferGain.start)} / ${signed(s.transferGain.asymptote)}`
      : '—',
    s.negativeTransfer ? 'YES' : 'no',
    formatTimeToAccuracy(s),
  ]);
  return [header, ...rows];
}

function formatTimeToAccuracy(s: StrategySummary): string {
  const t = s.timeToAccuracy;
  if (!t) return '—';
  if (!t.epochs || !t.seconds || t.reachedBy === 0) return `never (0/${s.seeds})`;
  return `${t.epochs.mean.toFixed(1)} ep, ${t.seconds.mean.toFixed(1)} s (${t.reachedBy}/${s.seeds})`;
}

/** The full text report printed to stdout after a run. */
export function formatReport(result: ExperimentResult): string {
  const { dataset, environment, config } = result;
  const parts = [
    `${dataset.name}: ${dataset.classNames.length} classes, ${dataset.trainCount} train / ${dataset.validationCount} validation`,
    `backbone ${config.backbone}; ${config.seeds} seed(s) × ${config.epochs} epoch(s); backend ${environment.backend} ` +
      `(tfjs ${environment.tfjsVersion}, ${environment.cores} cores); ${result.seconds.toFixed(1)} s`,
    '',
    formatTable(summaryRows(result.summary)),
  ];
  const reasons = result.summary.filter((s) => s.negativeTransfer && s.negativeTransferReason);
  if (reasons.length > 0) {
    parts.push('', ...reasons.map((s) => `negative transfer, ${s.strategy}: ${s.negativeTransferReason}`));
  }
  const target = result.summary.find((s) => s.timeToAccuracy)?.timeToAccuracy?.target;
  parts.push(
    '',
    'mean ± std over seeds. start = val accuracy after epoch 1; slope from the fit a − (a − s)·exp(−t/τ); ' +
      'last-3 = mean of the last three epochs; AUC = mean val accuracy over epochs 1..E; gain = strategy − scratch' +
      (target !== undefined
        ? `; time to acc = first epoch reaching ${target.toFixed(3)} (95 % of scratch's asymptote)`
        : '') +
      '.',
  );
  return parts.join('\n');
}
