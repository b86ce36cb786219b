import { z } from '../zod';
import { isAdaptationStrategy, type StrategyId } from '../train/types';
import type { ExperimentConfig } from './types';

/**
 * Validation of ExperimentConfig at the boundary (CLI `--config FILE.json`, CLI flags, saved studio configs).
 * Schema version 1. Unknown keys are errors (they are almost always typos: `epoch`, `learningrate`).
 */

export const CONFIG_SCHEMA_VERSION = 1 as const;

/** The defaults a config gets for every field it leaves out (backbone has none: it is required). */
export const CONFIG_DEFAULTS = {
  schemaVersion: CONFIG_SCHEMA_VERSION,
  strategies: ['scratch', 'feature-extraction', 'fine-tune:1'] as StrategyId[],
  seeds: 3,
  epochs: 20,
  batchSize: 16,
  learningRate: 0.001,
  backboneLearningRateScale: 0.1,
  validationFraction: 0.2,
  splitSeed: 1,
  augment: false,
  trainBatchNorm: false,
} satisfies Omit<ExperimentConfig, 'backbone'>;

/** scratch | feature-extraction | fine-tune:<k>, k a positive integer without leading zeros. */
const STRATEGY_PATTERN = /^(scratch|feature-extraction|fine-tune:[1-9][0-9]{0,5})$/;

/** True when `value` is a strategy id string of the accepted grammar (or an adaptation strategy). */
export function isStrategyId(value: string): value is StrategyId {
  return STRATEGY_PATTERN.test(value) || isAdaptationStrategy(value);
}

/** One bad field: `field` is a dotted path (`strategies[1]`, `seeds`, or `config` for the whole value). */
export interface ConfigIssue {
  field: string;
  reason: string;
}

/** A config that does not validate. The message lists every bad field as `field: reason`, one per line. */
export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(`invalid experiment config:\n${issues.map((i) => `  ${i.field}: ${i.reason}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const integer = (min: number, max: number) => z.number().int().min(min).max(max);

const strategySchema = z.string().refine(isStrategyId, {
  message:
    'must be scratch, feature-extraction or fine-tune:<k> with k ≥ 1, or an adaptation strategy ' +
    '(source-only, coral, deep-coral, dan, dann, tradaboost, oracle)',
});

const configSchema = z
  .strictObject({
    schemaVersion: z.literal(CONFIG_SCHEMA_VERSION).default(CONFIG_SCHEMA_VERSION),
    backbone: z.string().trim().min(1),
    modelUrl: z.string().trim().min(1).optional(),
    strategies: z
      .array(strategySchema)
      .min(1)
      .max(32)
      .refine((list) => new Set(list).size === list.length, { message: 'must not repeat a strategy' })
      .refine((list) => list.every(isAdaptationStrategy) || !list.some(isAdaptationStrategy), {
        message: 'adaptation strategies (source-only, coral, …) cannot be mixed with scratch or fine-tuning',
      })
      .default(CONFIG_DEFAULTS.strategies),
    seeds: integer(1, 20).default(CONFIG_DEFAULTS.seeds),
    // Optional (absent = 1) so configs made before repeats existed read back exactly as they were written.
    repeats: integer(1, 20).optional(),
    epochs: integer(1, 500).default(CONFIG_DEFAULTS.epochs),
    batchSize: integer(1, 1024).default(CONFIG_DEFAULTS.batchSize),
    learningRate: z.number().gt(0).max(1).default(CONFIG_DEFAULTS.learningRate),
    backboneLearningRateScale: z.number().min(0).max(10).default(CONFIG_DEFAULTS.backboneLearningRateScale),
    perClass: integer(1, 1_000_000).optional(),
    validationFraction: z.number().gt(0).lt(0.9).default(CONFIG_DEFAULTS.validationFraction),
    splitSeed: integer(-(2 ** 31), 2 ** 32).default(CONFIG_DEFAULTS.splitSeed),
    imageSize: integer(16, 512).optional(),
    augment: z.boolean().default(CONFIG_DEFAULTS.augment),
    trainBatchNorm: z.boolean().default(CONFIG_DEFAULTS.trainBatchNorm),
  })
  .transform((c): ExperimentConfig => {
    // Drop absent optionals so the result serialises and compares the same as the JSON it came from.
    const out: ExperimentConfig = { ...c, strategies: [...c.strategies] as StrategyId[] };
    if (out.modelUrl === undefined) delete out.modelUrl;
    if (out.perClass === undefined) delete out.perClass;
    if (out.repeats === undefined) delete out.repeats;
    if (out.imageSize === undefined) delete out.imageSize;
    return out;
  });

/** The keys an ExperimentConfig may have, in schema order (for help texts and UIs). */
export const CONFIG_KEYS = [
  'schemaVersion',
  'backbone',
  'modelUrl',
  'strategies',
  'seeds',
  'repeats',
  'epochs',
  'batchSize',
  'learningRate',
  'backboneLearningRateScale',
  'perClass',
  'validationFraction',
  'splitSeed',
  'imageSize',
  'augment',
  'trainBatchNorm',
] as const satisfies readonly (keyof ExperimentConfig)[];

/**
 * Validates `input` (parsed JSON, or an object of CLI flags) and fills defaults.
 * Throws ConfigError (and nothing else) listing every bad field; never mutates `input`.
 */
export function parseExperimentConfig(input: unknown): ExperimentConfig {
  let result: ReturnType<typeof configSchema.safeParse>;
  try {
    result = configSchema.safeParse(input, { reportInput: true });
  } catch (error) {
    // Exotic inputs (getters that throw, proxies) must still surface as a ConfigError.
    throw new ConfigError([{ field: 'config', reason: `could not be read (${clip(String(error))})` }]);
  }
  if (result.success) return result.data;
  const issues = result.error.issues.flatMap(describeIssue);
  const more = issues.length - MAX_ISSUES_LISTED;
  if (more > 0) issues.splice(MAX_ISSUES_LISTED, more, { field: 'config', reason: `and ${more} more problems` });
  throw new ConfigError(issues);
}

const MAX_UNKNOWN_KEYS_LISTED = 20;
const MAX_ISSUES_LISTED = 50;

function describeIssue(issue: z.core.$ZodIssue): ConfigIssue[] {
  const field = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    // A pasted blob as a key (or a million keys) is named briefly, never echoed whole (issue 13, item 11).
    const shown = issue.keys.slice(0, MAX_UNKNOWN_KEYS_LISTED);
    const more = issue.keys.length - shown.length;
    const listed = shown.map((key) => {
      const guess = key.length <= 40 ? closestKey(key) : undefined;
      return {
        field: formatPath([...issue.path, key]),
        reason: guess
          ? `unknown field (did you mean ${guess}?)`
          : `unknown field (valid fields: ${CONFIG_KEYS.join(', ')})`,
      };
    });
    if (more > 0) listed.push({ field: formatPath(issue.path), reason: `and ${more} more unknown fields` });
    return listed;
  }
  return [{ field, reason: describeReason(issue) }];
}

function describeReason(issue: z.core.$ZodIssue): string {
  const got = 'input' in issue && issue.input !== undefined ? ` (got ${preview(issue.input)})` : '';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined)
        return issue.path.length === 0 ? 'missing' : `required (expected ${issue.expected})`;
      if (issue.expected === 'int') return `must be an integer${got}`;
      return `expected ${issue.expected}${got}`;
    case 'too_small':
      if (issue.origin === 'array') return `must have at least ${String(issue.minimum)} item(s)`;
      if (issue.origin === 'string') return 'must not be empty';
      return `must be ${issue.inclusive ? '≥' : '>'} ${String(issue.minimum)}${got}`;
    case 'too_big':
      if (issue.origin === 'array') return `must have at most ${String(issue.maximum)} item(s)`;
      return `must be ${issue.inclusive ? '≤' : '<'} ${String(issue.maximum)}${got}`;
    case 'invalid_value':
      if (issue.path.length === 1 && issue.path[0] === 'schemaVersion') {
        return `unsupported schema version${got}; this version reads ${CONFIG_SCHEMA_VERSION}`;
      }
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}${got}`;
    case 'custom':
      return `${issue.message}${got}`;
    default:
      return `${issue.message}${got}`;
  }
}

/** `strategies[1]`, `seeds`; the whole value is `config`. */
function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'config';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${clip(String(p))}`)).join('');
}

/** `text` cut to 60 characters: names and values in messages stay short whatever was pasted. */
const clip = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}...` : text);

/** A short, safe rendering of a bad value for messages. */
function preview(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'number' && !Number.isFinite(value) ? String(value) : JSON.stringify(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  if (text === undefined) text = typeof value;
  return clip(text);
}

/** The config key a typo most likely meant: case-insensitive edit distance ≤ 2 (or ≤ 3 for long keys). */
function closestKey(key: string): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of CONFIG_KEYS) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const allowed = key.length >= 10 ? 3 : 2;
  return bestDistance <= allowed ? best : undefined;
}

/** Levenshtein distance (small strings only: keys). */
function editDistance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Infinity;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
