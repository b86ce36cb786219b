import { z } from '../zod';
import { CONFIG_DEFAULTS, ConfigError, type ConfigIssue } from '../experiment/config';
import type { SweepConfig } from './types';

/**
 * Validation of SweepConfig at the boundary (CLI flags, `--config`, stored studio sweeps). Schema version 1.
 * Unknown keys are errors; lists come back sorted and free of duplicates, so equal grids serialise equally.
 * Training settings share ExperimentConfig's defaults (one experiment = one cell of a sweep).
 */

export const SWEEP_SCHEMA_VERSION = 1 as const;

/** The default single series: the sweep's own weights, fine-tuned. */
export const DEFAULT_SERIES = [{ id: 'transfer', upper: 'pretrained' as const }];

/** Largest grid one sweep may train (cells × repeats × seeds); far beyond what a browser tab finishes in a day. */
export const MAX_SWEEP_TRIALS = 5000;

const integer = (min: number, max: number) => z.number().int().min(min).max(max);
const ascendingUnique = (list: number[]) => [...new Set(list)].sort((a, b) => a - b);

const seriesSchema = z.strictObject({
  id: z
    .string()
    .trim()
    .min(1)
    .max(24)
    .regex(/^[A-Za-z0-9+_-]+$/, 'letters, digits, +, _ or - only'),
  modelUrl: z.string().trim().min(1).optional(),
  upper: z.enum(['pretrained', 'reinitialised']).default('pretrained'),
});

const sweepSchema = z
  .strictObject({
    schemaVersion: z.literal(SWEEP_SCHEMA_VERSION).default(SWEEP_SCHEMA_VERSION),
    backbone: z.string().trim().min(1),
    modelUrl: z.string().trim().min(1).optional(),
    depths: z.array(integer(0, 64)).max(65).default([0]),
    scratch: z.boolean().default(true),
    perClass: z.array(integer(1, 1_000_000)).min(1).max(32).default([10]),
    seeds: integer(1, 20).default(CONFIG_DEFAULTS.seeds),
    repeats: integer(1, 20).default(1),
    epochs: integer(1, 500).default(CONFIG_DEFAULTS.epochs),
    batchSize: integer(1, 1024).default(CONFIG_DEFAULTS.batchSize),
    learningRate: z.number().gt(0).max(1).default(CONFIG_DEFAULTS.learningRate),
    backboneLearningRateScale: z.number().min(0).max(10).default(CONFIG_DEFAULTS.backboneLearningRateScale),
    validationFraction: z.number().gt(0).lt(0.9).default(CONFIG_DEFAULTS.validationFraction),
    splitSeed: integer(-(2 ** 31), 2 ** 32).default(CONFIG_DEFAULTS.splitSeed),
    imageSize: integer(16, 512).optional(),
    trainBatchNorm: z.boolean().default(CONFIG_DEFAULTS.trainBatchNorm),
    series: z
      .array(seriesSchema)
      .max(8)
      .refine((list) => new Set(list.map((s) => s.id)).size === list.length, { message: 'series ids must differ' })
      .default(DEFAULT_SERIES),
    multitask: z
      .strictObject({
        auxiliaryPerClass: integer(1, 100_000),
        auxiliaryWeight: z.number().gt(0).max(100).default(1),
      })
      .optional(),
  })
  .transform((c): SweepConfig => {
    const out: SweepConfig = {
      ...c,
      depths: ascendingUnique(c.depths),
      perClass: ascendingUnique(c.perClass),
      series: c.series.map((s) => (s.modelUrl === undefined ? { id: s.id, upper: s.upper } : { ...s })),
    };
    if (out.modelUrl === undefined) delete out.modelUrl;
    if (out.imageSize === undefined) delete out.imageSize;
    if (out.multitask === undefined) delete out.multitask;
    return out;
  });

/** Number of trainings a sweep runs: cells × repeats × seeds. */
export function sweepTrialCount(config: SweepConfig): number {
  const arms =
    (config.depths.length > 0 ? config.series.length * config.depths.length : 0) +
    (config.scratch ? 1 : 0) +
    (config.multitask ? 1 : 0);
  return arms * config.perClass.length * config.repeats * config.seeds;
}

/**
 * Validates `input` and fills defaults. Throws ConfigError listing every bad field (dotted paths, as the
 * experiment config's), including a grid with nothing to train or more than MAX_SWEEP_TRIALS trainings.
 */
export function parseSweepConfig(input: unknown): SweepConfig {
  let result: ReturnType<typeof sweepSchema.safeParse>;
  try {
    result = sweepSchema.safeParse(input);
  } catch (error) {
    throw new ConfigError([{ field: 'config', reason: `could not be read (${String(error)})` }]);
  }
  if (!result.success) throw new ConfigError(result.error.issues.flatMap(describeIssue));
  const config = result.data;
  const trials = sweepTrialCount(config);
  if (trials === 0) {
    throw new ConfigError([{ field: 'depths', reason: 'nothing to train: give depths, scratch or multitask' }]);
  }
  if (trials > MAX_SWEEP_TRIALS) {
    throw new ConfigError([
      { field: 'config', reason: `${trials} trainings is more than ${MAX_SWEEP_TRIALS}; use fewer sizes or seeds` },
    ]);
  }
  return config;
}

/**
 * "0-3" → [0, 1, 2, 3]; "0,2,5-6" → [0, 2, 5, 6]. Used for `--depths` and `--per-class`. Returns null for text
 * that is not such a list (the caller names the flag in its message).
 */
export function parseIntegerList(text: string): number[] | null {
  const out: number[] = [];
  for (const part of text.split(',').map((p) => p.trim())) {
    const range = /^(\d{1,7})(?:\s*-\s*(\d{1,7}))?$/.exec(part);
    if (!range) return null;
    const from = Number(range[1]);
    const to = range[2] === undefined ? from : Number(range[2]);
    if (to < from || to - from > 1000) return null;
    for (let v = from; v <= to; v++) out.push(v);
  }
  return out.length > 0 ? out : null;
}

function describeIssue(issue: z.core.$ZodIssue): ConfigIssue[] {
  const field =
    issue.path.length === 0
      ? 'config'
      : issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ field: field === 'config' ? key : `${field}.${key}`, reason: 'unknown field' }));
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) return [{ field, reason: 'required' }];
  return [{ field, reason: issue.message }];
}
