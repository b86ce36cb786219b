/**
 * Reads a results file made elsewhere — the CLI's `results.json` (an ExperimentResult, schema 1 or 2), its
 * `sweep.json` (a SweepResult), or the same written by `summarize` for an exported PyTorch project — so the studio
 * can show it in its run history. Validated at the boundary: anything else is a ResultsFileError whose `problem`
 * says what is wrong in words the studio translates (the caller names the file). Numbers are taken as written:
 * every summary in these files was computed by this core (never re-computed here, except schema 1's migration).
 */
import type { SweepResult } from '../sweep/types';
import type { CurvePoint } from '../train/types';
import { migrateResult, ResultFormatError } from './migrateResult';
import { RESULT_SCHEMA_VERSION, type ExperimentResult } from './types';

export type ResultsFile = { kind: 'run'; result: ExperimentResult } | { kind: 'sweep'; result: SweepResult };

/**
 * - 'not-json': the text does not parse as JSON;
 * - 'newer': a result or sweep of a schema this version does not know yet;
 * - 'foreign': valid JSON but no experiment result or sweep (another program's file, a config, a damaged file).
 */
export type ResultsFileProblem = 'not-json' | 'newer' | 'foreign';

export class ResultsFileError extends Error {
  constructor(
    readonly problem: ResultsFileProblem,
    message: string,
  ) {
    super(message);
    this.name = 'ResultsFileError';
  }
}

/** The sweep schema this version reads (SweepResult.schemaVersion). */
const SWEEP_SCHEMA_VERSION = 1;

/** Parses and validates one results file's text. Throws ResultsFileError. */
export function readResultsFile(text: string): ResultsFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ResultsFileError('not-json', `not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isObject(value)) throw new ResultsFileError('foreign', 'not an experiment result or a sweep');
  if (value.kind === 'sweep') return { kind: 'sweep', result: readSweep(value) };
  return { kind: 'run', result: readRun(value) };
}

function readRun(value: Record<string, unknown>): ExperimentResult {
  if (typeof value.schemaVersion === 'number' && value.schemaVersion > RESULT_SCHEMA_VERSION)
    throw new ResultsFileError('newer', `made by a newer version (result schema ${value.schemaVersion})`);
  let result: ExperimentResult;
  try {
    result = migrateResult(value);
  } catch (error) {
    if (error instanceof ResultFormatError) throw new ResultsFileError('foreign', error.message);
    throw error;
  }
  const problem = runProblem(result);
  if (problem) throw new ResultsFileError('foreign', problem);
  return { ...result, runs: result.runs.map((trial) => ({ ...trial, curve: restoreCurve(trial.curve) })) };
}

/** What makes a parsed result unusable by the studio's charts and tables, or null. */
function runProblem(result: ExperimentResult): string | null {
  const config = result.config as unknown;
  if (!isObject(config) || !Array.isArray(config.strategies) || typeof config.epochs !== 'number')
    return 'its config has no strategies or epochs';
  if (!Array.isArray(result.dataset.classNames) || typeof result.dataset.validationCount !== 'number')
    return 'its dataset has no classes or validation count';
  for (const trial of result.runs as unknown[]) {
    if (!isObject(trial) || typeof trial.strategy !== 'string' || !Array.isArray(trial.curve))
      return 'a trial has no strategy or curve';
    if (!(trial.curve as unknown[]).every((p) => isObject(p) && typeof p.epoch === 'number'))
      return 'a curve point has no epoch';
  }
  for (const s of result.summary as unknown[]) {
    const metrics = isObject(s) ? s.metrics : null;
    if (!isObject(s) || typeof s.strategy !== 'string' || !isObject(metrics) || !isEstimate(metrics.auc))
      return 'a summary row has no strategy or AUC';
    if (!isEstimate(metrics.start) || !isEstimate(metrics.plateau) || !isEstimate(metrics.slope))
      return `the summary of ${s.strategy} lacks start, slope or plateau`;
  }
  if (!isObject(result.environment)) return 'it records no environment';
  return null;
}

function readSweep(value: Record<string, unknown>): SweepResult {
  if (typeof value.schemaVersion === 'number' && value.schemaVersion > SWEEP_SCHEMA_VERSION)
    throw new ResultsFileError('newer', `made by a newer version (sweep schema ${value.schemaVersion})`);
  if (value.schemaVersion !== SWEEP_SCHEMA_VERSION) throw new ResultsFileError('foreign', 'a sweep of no known schema');
  const axes = value.axes;
  if (
    !isObject(value.config) ||
    !isObject(value.dataset) ||
    !isObject(value.environment) ||
    !Array.isArray(value.cells) ||
    !isObject(axes) ||
    !Array.isArray(axes.depth) ||
    !Array.isArray(axes.perClass)
  )
    throw new ResultsFileError('foreign', 'a sweep without config, dataset, environment, cells and axes');
  for (const cell of value.cells as unknown[]) {
    if (!isObject(cell) || typeof cell.strategy !== 'string' || !Array.isArray(cell.trials) || !isObject(cell.metrics))
      throw new ResultsFileError('foreign', 'a sweep cell has no strategy, trials or metrics');
  }
  const sweep = value as unknown as SweepResult;
  return {
    ...sweep,
    cells: sweep.cells.map((cell) => ({
      ...cell,
      trials: cell.trials.map((trial) => ({ ...trial, curve: restoreCurve(trial.curve) })),
    })),
  };
}

/** JSON writes NaN (epoch 0's training loss) as null: read it back as NaN, as the engine made it. */
function restoreCurve(curve: readonly CurvePoint[]): CurvePoint[] {
  return curve.map((p) => {
    const point = { ...p };
    for (const key of Object.keys(point) as (keyof CurvePoint)[]) {
      if (point[key] === null) (point as Record<string, unknown>)[key] = Number.NaN;
    }
    return point;
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEstimate(value: unknown): boolean {
  return isObject(value) && typeof value.mean === 'number';
}
