import type { ExperimentResult } from '../core/experiment/types';
import type { Estimate } from '../core/math/intervals';
import { METRIC_DEFINITIONS } from '../core/metrics/definitions';
import type { AsymptoteEstimate, GainEstimate, StrategySummary, Verdict } from '../core/metrics/types';
import { formatTable } from '../node/textTable';

/**
 * Text and CSV renderings of an ExperimentResult for the command line. Pure functions (no I/O) so they are
 * tested on plain objects. Every number is core's (result.summary); nothing is recomputed here.
 */

/** The columns every curve CSV shares for one curve point: which trial (repeat, seed), then the point itself. */
export const CURVE_POINT_COLUMNS = [
  'repeat',
  'seed',
  'epoch',
  'valAccuracy',
  'valLoss',
  'trainLoss',
  'seconds',
] as const;

/** Column order of curves.csv; one row per (trial, epoch). */
export const CURVE_CSV_COLUMNS = ['strategy', ...CURVE_POINT_COLUMNS, 'examplesSeen'] as const;

/** curves.csv: header + one row per curve point of every trial. Non-finite numbers (trainLoss at epoch 0) are empty. */
export function formatCurvesCsv(result: ExperimentResult): string {
  const lines: string[] = [CURVE_CSV_COLUMNS.join(',')];
  for (const trial of result.runs) {
    for (const p of trial.curve) {
      lines.push(
        [
          csvText(trial.strategy),
          trial.repeat ?? 0,
          trial.seed,
          p.epoch,
          p.valAccuracy,
          p.valLoss,
          p.trainLoss,
          p.seconds,
          p.examplesSeen,
        ]
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

const fixed = (x: number, digits: number) => (Object.is(Number(x.toFixed(digits)), -0) ? 0 : x).toFixed(digits);
const signed = (x: number, digits = 3): string => `${x >= 0 ? '+' : ''}${fixed(x, digits)}`;

/** "0.847 [0.821, 0.873]"; without an interval just the mean. */
export function formatEstimate(e: Estimate, digits = 3): string {
  if (!Number.isFinite(e.mean)) return '—';
  return e.ci95
    ? `${fixed(e.mean, digits)} [${fixed(e.ci95[0], digits)}, ${fixed(e.ci95[1], digits)}]`
    : fixed(e.mean, digits);
}

/** A signed gain with its interval: "+0.136 [+0.101, +0.171]". */
export function formatGain(g: GainEstimate): string {
  return g.ci95 ? `${signed(g.mean)} [${signed(g.ci95[0])}, ${signed(g.ci95[1])}]` : signed(g.mean);
}

/** The asymptote, or "not reached (≥ plateau)" when its fit is unidentified in some trial. */
export function formatAsymptote(a: AsymptoteEstimate, epochs: number): string {
  if (a.reached && a.mean !== null) return formatEstimate({ ...a, mean: a.mean });
  return `not reached in ${epochs} ep (${a.reachedBy}/${a.trials}); ≥ ${fixed(a.lowerBound.mean, 3)}`;
}

function formatSlope(s: StrategySummary): string {
  return s.fast ? `fast (${formatEstimate(s.metrics.slope)})` : formatEstimate(s.metrics.slope);
}

/** The verdict in words: only an interval that excludes zero makes a claim. */
export function formatVerdict(v: Verdict | null, baseline = 'scratch'): string {
  if (!v) return '—';
  if (v.overall === 'above') return `beat ${baseline}`;
  if (v.overall === 'below') return `worse than ${baseline}`;
  return v.overallBasis === 'one-trial' ? 'no interval (1 trial)' : 'no clear difference';
}

/** Summary rows: one per strategy, every metric with its 95 % interval, gains paired against scratch. */
export function summaryRows(summary: readonly StrategySummary[], epochs: number, baseline = 'scratch'): string[][] {
  const header = [
    'strategy',
    'start',
    'slope/epoch',
    'plateau',
    'asymptote',
    'AUC',
    'gain AUC',
    'gain asymptote',
    'verdict',
    'negative',
    'time to acc',
  ];
  const rows = summary.map((s) => [
    s.strategy,
    formatEstimate(s.metrics.start),
    formatSlope(s),
    formatEstimate(s.metrics.plateau),
    formatAsymptote(s.metrics.asymptote, epochs),
    formatEstimate(s.metrics.auc),
    s.transferGain ? formatGain(s.transferGain.auc) : '—',
    s.transferGain
      ? `${formatGain(s.transferGain.asymptote)}${s.transferGain.asymptoteBasis === 'asymptote' ? '' : ` (${s.transferGain.asymptoteBasis})`}`
      : '—',
    formatVerdict(s.verdict, baseline),
    s.verdict ? (s.negativeTransfer ? 'YES' : 'no') : '—',
    formatTimeToAccuracy(s),
  ]);
  return [header, ...rows];
}

function formatTimeToAccuracy(s: StrategySummary): string {
  const t = s.timeToAccuracy;
  if (!t) return '—';
  if (t.target === null) return 'no target';
  if (!t.epochs || !t.seconds || t.reachedBy === 0) return `never (0/${t.trials})`;
  return `${formatEstimate(t.epochs, 1)} ep, ${t.seconds.mean.toFixed(1)} s (${t.reachedBy}/${t.trials})`;
}

/** What the intervals of this result cover, in one sentence (the method core recorded). */
export function describeIntervals(result: ExperimentResult): string {
  const repeats = result.config.repeats ?? 1;
  const method = result.summary[0]?.metrics.plateau.method;
  if (method === 't-repeats') {
    return `mean [95 % CI]: t over ${repeats} repeats (each a new stratified split and training sample, ${result.config.seeds} seed(s) each; covers split, sample and seeds)`;
  }
  if (method === 't-seeds') {
    return `mean [95 % CI]: t over ${result.config.seeds} seeds on ONE split (covers initialisation and shuffling only; use --repeats for the split)`;
  }
  return 'one trial per strategy: no interval can be estimated (use --seeds and --repeats)';
}

/** The full text report printed to stdout after a run. */
export function formatReport(result: ExperimentResult): string {
  const { dataset, environment, config } = result;
  const repeats = config.repeats ?? 1;
  const parts = [
    `${dataset.name}: ${dataset.classNames.length} classes, ${dataset.trainCount} train / ${dataset.validationCount} validation per repeat` +
      (result.split ? ` (split digest ${result.split.digest})` : ''),
    `backbone ${config.backbone}; ${repeats} repeat(s) × ${config.seeds} seed(s) × ${config.epochs} epoch(s); backend ${environment.backend} ` +
      `(tfjs ${environment.tfjsVersion}, ${environment.cores} cores); ${result.seconds.toFixed(1)} s`,
    '',
    formatTable(summaryRows(result.summary, config.epochs, baselineOf(result))),
    '',
    describeIntervals(result) + '.',
  ];
  if (result.source) parts.push('', ...adaptationLines(result));
  const notes = result.summary.flatMap((s) => (s.verdict ? [verdictNote(s, baselineOf(result))] : []));
  if (notes.length > 0) parts.push('', ...notes);
  const duplicates = duplicatesNote(result);
  if (duplicates) parts.push('', duplicates);
  const unvalidated = unvalidatedNote(result);
  if (unvalidated) parts.push('', unvalidated);
  const target = result.summary.find((s) => s.timeToAccuracy)?.timeToAccuracy?.target;
  // The definitions name scratch, the usual baseline; domain adaptation's is source-only.
  const againstBaseline = (text: string) => text.replaceAll('scratch', baselineOf(result));
  parts.push(
    '',
    `start: ${METRIC_DEFINITIONS.start}`,
    `slope: ${METRIC_DEFINITIONS.slope}`,
    `plateau: ${METRIC_DEFINITIONS.plateau}`,
    `asymptote: ${METRIC_DEFINITIONS.asymptote}`,
    `AUC: ${METRIC_DEFINITIONS.auc}`,
    `gain: ${againstBaseline(METRIC_DEFINITIONS.gain)}`,
    `time to acc: ${againstBaseline(METRIC_DEFINITIONS.timeToAccuracy)}` +
      (target !== undefined && target !== null ? ` Target here: ${target.toFixed(3)}.` : ''),
  );
  return parts.join('\n');
}

/** What core/data/duplicates.ts found and did, as the studio says it; null when the dataset had no duplicates. */
export function duplicatesNote(result: ExperimentResult): string | null {
  const found = result.dataset.duplicates;
  if (!found || found.groupCount === 0) return null;
  const mixed =
    found.mixedLabelGroups > 0
      ? ` ${found.mixedLabelGroups} of these groups hold images of different classes: the same picture labelled twice.`
      : '';
  return (
    `duplicates: ${found.exactCopies} exact copies, ${found.nearCopies} look-alikes (re-saved or resized) and ` +
    `${found.burstFrames} webcam-burst frames in ${found.groupCount} groups; each group was kept on one side of ` +
    `every split.${mixed}`
  );
}

/** Which classes validation does not score (core's dataset.unvalidatedClasses); null when it scores them all. */
export function unvalidatedNote(result: ExperimentResult): string | null {
  const missing = result.dataset.unvalidatedClasses;
  if (!missing || missing.length === 0) return null;
  return (
    `warning: validation holds no image of ${missing.map((n) => `"${n}"`).join(', ')} (one image, or copies of one ` +
    `picture, kept for training): the accuracies above score the other ${result.dataset.classNames.length - missing.length} ` +
    'classes only. Add images to score every class.'
  );
}

/** One line per transfer strategy saying what the intervals allow to be said, and why. */
function verdictNote(s: StrategySummary, baseline: string): string {
  const g = s.transferGain;
  const v = s.verdict;
  if (!g || !v) return '';
  const auc = formatGain(g.auc);
  if (v.negativeTransfer) {
    return `${s.strategy}: NEGATIVE TRANSFER — asymptote gain ${formatGain(g.asymptote)} lies below zero (${g.pairs} paired trials).`;
  }
  if (v.overall === 'above')
    return `${s.strategy}: beat ${baseline} by ${auc} AUC (interval excludes zero, ${g.pairs} paired trials).`;
  if (v.overall === 'below')
    return `${s.strategy}: worse than ${baseline} by ${auc} AUC (interval excludes zero, ${g.pairs} paired trials).`;
  if (v.overallBasis === 'one-trial')
    return `${s.strategy}: one paired trial, no interval — run more seeds or repeats before reading a difference.`;
  return `${s.strategy}: no clear difference from ${baseline} (AUC gain ${auc} includes zero; ${g.pairs} paired trials — more repeats or more validation images would narrow it).`;
}

/** The strategy gains are paired against: source-only for domain adaptation (result.source set), else scratch. */
export function baselineOf(result: ExperimentResult): string {
  return result.source ? 'source-only' : 'scratch';
}

/** Published MNIST → MNIST-M target accuracies (Ganin & Lempitsky 2015, Table 2), for comparison only. */
const GANIN_2015 = 'Ganin & Lempitsky 2015 (full MNIST → MNIST-M, 28 px): source only 0.52, DANN 0.77, target 0.96';

/**
 * Domain adaptation in words: the source, each method's PLATEAU gain over source-only with its paired interval, and
 * the share of the source-only → oracle plateau gap it closes (means; negative = below source-only).
 */
function adaptationLines(result: ExperimentResult): string[] {
  const floor = result.summary.find((s) => s.strategy === 'source-only');
  const ceiling = result.summary.find((s) => s.strategy === 'oracle');
  const gap = floor && ceiling ? ceiling.metrics.plateau.mean - floor.metrics.plateau.mean : Number.NaN;
  const lines = [
    `domain adaptation: labelled source ${result.source?.name} (${result.source?.count} images) → target ` +
      `${result.dataset.name}; accuracies are on labelled target validation images.`,
  ];
  for (const s of result.summary) {
    const g = s.transferGain;
    if (!g) continue;
    const excludes = g.plateau.direction !== 'unclear' ? 'interval excludes zero' : 'interval includes zero';
    const closed =
      Number.isFinite(gap) && gap > 0 && s.strategy !== 'oracle'
        ? `; closes ${((100 * g.plateau.mean) / gap).toFixed(0)} % of the source-only → oracle gap`
        : '';
    lines.push(`  ${s.strategy}: plateau gain over source-only ${formatGain(g.plateau)} (${excludes})${closed}`);
  }
  lines.push(`reference: ${GANIN_2015}; ours uses 300 + 300 images and a frozen digits network, so it differs.`);
  return lines;
}
