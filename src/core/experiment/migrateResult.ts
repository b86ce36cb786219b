/**
 * Reads an ExperimentResult of any schema this version knows, for results.json files and the studio's stored runs.
 *
 * Schema 1 (before repeats and intervals) stored per-trial metrics and a summary whose asymptote was a clamped
 * extrapolation and whose spread was a std over seeds. Its curves are all there, so a schema-1 result is read by
 * recomputing every trial's metrics and the summary from the curves with today's definitions: repeat 0 for every
 * trial (its config has no `repeats`, which reads as 1), and no split record (schema 1 kept none). Nothing else
 * changes.
 */
import { summarizeCurve } from '../metrics/learningCurve';
import { summarizeStrategies } from '../metrics/compare';
import type { CurvePoint } from '../train/types';
import { RESULT_SCHEMA_VERSION, type ExperimentConfig, type ExperimentResult, type TrialResult } from './types';

/** Thrown for a value that is no ExperimentResult of a known schema. */
export class ResultFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResultFormatError';
  }
}

/**
 * True for a plain object that looks like a result of schema 1 or 2: runs, summary and dataset present. A missing
 * schemaVersion reads as 1 (early stored runs were written without checking it).
 */
export function isExperimentResult(value: unknown): boolean {
  const r = value as (Omit<Partial<ExperimentResult>, 'schemaVersion'> & { schemaVersion?: unknown }) | null;
  return (
    !!r &&
    typeof r === 'object' &&
    (r.schemaVersion === undefined || r.schemaVersion === 1 || r.schemaVersion === RESULT_SCHEMA_VERSION) &&
    Array.isArray(r.runs) &&
    Array.isArray(r.summary) &&
    !!r.dataset &&
    typeof r.dataset === 'object'
  );
}

/** The result in today's schema (a schema-2 value is returned as it is). Throws ResultFormatError otherwise. */
export function migrateResult(value: unknown): ExperimentResult {
  if (!isExperimentResult(value)) {
    const version = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
    throw new ResultFormatError(
      typeof version === 'number' && version > RESULT_SCHEMA_VERSION
        ? `made by a newer version (schema ${version}; this one reads 1 and ${RESULT_SCHEMA_VERSION})`
        : 'not an experiment result (schema 1 or 2 with config, dataset, runs and summary)',
    );
  }
  const result = value as ExperimentResult | (Omit<ExperimentResult, 'schemaVersion'> & { schemaVersion?: 1 });
  if (result.schemaVersion === RESULT_SCHEMA_VERSION) return result as ExperimentResult;

  const validationCount = result.dataset.validationCount;
  const config = result.config as ExperimentConfig | undefined;
  const runs: TrialResult[] = result.runs.map((trial) => {
    const curve = trial.curve as CurvePoint[];
    return { ...trial, repeat: 0, metrics: summarizeCurve(curve, { validationCount }) };
  });
  return {
    ...result,
    schemaVersion: RESULT_SCHEMA_VERSION,
    split: null,
    runs,
    summary: summarizeStrategies(
      runs,
      { validationCount, numClasses: result.dataset.classNames?.length ?? 0 },
      config?.strategies,
    ),
  };
}
