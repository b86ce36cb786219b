import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, parseExperimentConfig } from '../core/experiment/config';
import type { ExperimentConfig } from '../core/experiment/types';
import { truncateEcho } from '../core/data/importReasons';
import { UserError, messageOf } from './errors';
import { PRESETS, type Preset } from '../node/presets';
import { isAdaptationStrategy } from '../core/train/types';

/** `transfer-studio run` options as commander hands them over (strings, unparsed). */
export interface RunFlags {
  preset?: string;
  dataset?: string;
  /** Domain adaptation: the labelled source folder; `target` is then the dataset. */
  source?: string;
  target?: string;
  config?: string;
  backbone?: string;
  modelUrl?: string;
  strategies?: string;
  imageSize?: string;
  seeds?: string;
  repeats?: string;
  epochs?: string;
  perClass?: string;
  batchSize?: string;
  learningRate?: string;
  backboneLrScale?: string;
  validationFraction?: string;
  splitSeed?: string;
  augment?: boolean;
  trainBatchNorm?: boolean;
}

/** Config fields settable by a flag, with the flag's spelling (for messages). */
const FLAG_OF_FIELD: Partial<Record<keyof ExperimentConfig, { flag: string; key: keyof RunFlags }>> = {
  backbone: { flag: '--backbone', key: 'backbone' },
  modelUrl: { flag: '--model-url', key: 'modelUrl' },
  strategies: { flag: '--strategies', key: 'strategies' },
  imageSize: { flag: '--image-size', key: 'imageSize' },
  seeds: { flag: '--seeds', key: 'seeds' },
  repeats: { flag: '--repeats', key: 'repeats' },
  epochs: { flag: '--epochs', key: 'epochs' },
  perClass: { flag: '--per-class', key: 'perClass' },
  batchSize: { flag: '--batch-size', key: 'batchSize' },
  learningRate: { flag: '--learning-rate', key: 'learningRate' },
  backboneLearningRateScale: { flag: '--backbone-lr-scale', key: 'backboneLrScale' },
  validationFraction: { flag: '--validation-fraction', key: 'validationFraction' },
  splitSeed: { flag: '--split-seed', key: 'splitSeed' },
  augment: { flag: '--augment', key: 'augment' },
  trainBatchNorm: { flag: '--train-batch-norm', key: 'trainBatchNorm' },
};

/**
 * Where the examples come from: a folder of class subfolders, or a built-in preset's generator. `sourceDir`: the
 * labelled source domain of adaptation strategies (`--source`), the folder being the target.
 */
export type DataSource =
  { kind: 'folder'; dir: string; sourceDir?: string } | { kind: 'preset'; preset: Preset; trainPerClass: number };

export interface ResolvedRun {
  config: ExperimentConfig;
  data: DataSource;
}

/** Numbers from flags: a numeric literal becomes a number; anything else stays a string so the config says why. */
function flagNumber(text: string): number | string {
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text.trim()) ? Number(text) : text;
}

/** The config fields the flags set (only those given). */
function flagPatch(flags: RunFlags): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [field, { key }] of Object.entries(FLAG_OF_FIELD) as [keyof ExperimentConfig, { key: keyof RunFlags }][]) {
    const value = flags[key];
    if (value === undefined) continue;
    if (typeof value === 'boolean') patch[field] = value;
    else if (field === 'strategies')
      patch[field] = value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
    else if (field === 'backbone' || field === 'modelUrl') patch[field] = value;
    else patch[field] = flagNumber(value);
  }
  return patch;
}

interface ConfigFile {
  path: string;
  fields: Record<string, unknown>;
  /** CLI-only keys a config file may carry besides the ExperimentConfig fields. */
  dataset?: string;
  preset?: string;
}

/**
 * Reads `--config FILE.json`: an ExperimentConfig (validated later, with the flags on top), optionally with the
 * CLI-only keys `dataset` (a folder, relative to the file) and `preset`. A results.json is accepted too: its
 * `config` is used, so a run can be repeated from its output.
 */
async function readConfigFile(file: string): Promise<ConfigFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(`${file}: ${code === 'ENOENT' ? 'config file not found' : messageOf(error)}`);
  }
  let json: unknown;
  try {
    // A UTF-8 byte-order mark (Windows Notepad writes one) is not part of the JSON (issue 13, item 13).
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UserError(`${file}: not valid JSON (${truncateEcho(messageOf(error))})`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new UserError(`${file}: expected a JSON object with experiment config fields`);
  }
  let fields = { ...(json as Record<string, unknown>) };
  if ('runs' in fields && typeof fields.config === 'object' && fields.config !== null) {
    fields = { ...(fields.config as Record<string, unknown>) };
  }
  const result: ConfigFile = { path: file, fields };
  for (const key of ['dataset', 'preset'] as const) {
    if (!(key in fields)) continue;
    const value = fields[key];
    delete fields[key];
    if (typeof value !== 'string' || value.trim() === '') {
      throw new UserError(`${file}: ${key}: expected a non-empty string`);
    }
    result[key] = key === 'dataset' ? path.resolve(path.dirname(file), value) : value;
  }
  return result;
}

/**
 * Combines preset < config file < flags into a validated config and a data source. Throws UserError naming the
 * bad fields (with the flag or file each came from).
 */
export async function resolveRun(flags: RunFlags): Promise<ResolvedRun> {
  const file = flags.config ? await readConfigFile(flags.config) : undefined;
  const presetName = flags.preset ?? file?.preset;
  if (flags.target !== undefined && flags.dataset !== undefined) {
    throw new UserError('--target is the dataset of domain adaptation: give --target or --dataset, not both');
  }
  if ((flags.source === undefined) !== (flags.target === undefined)) {
    throw new UserError('domain adaptation needs both --source DIR (labelled) and --target DIR');
  }
  const datasetDir = flags.target ?? flags.dataset ?? file?.dataset;
  if (presetName !== undefined && datasetDir !== undefined) {
    throw new UserError('give either --preset or --dataset, not both');
  }
  if (presetName === undefined && datasetDir === undefined) {
    throw new UserError(
      `nothing to train on: give --dataset DIR (a folder of class subfolders) or --preset NAME (${Object.keys(PRESETS).join(', ')})`,
    );
  }

  let preset: Preset | undefined;
  if (presetName !== undefined) {
    preset = PRESETS[presetName];
    if (!preset)
      throw new UserError(`unknown preset "${presetName}"; valid presets: ${Object.keys(PRESETS).join(', ')}`);
  }

  const fromFlags = flagPatch(flags);
  // A preset sizes its data by the training examples per class; an invalid value is reported by the config check.
  const perClassInput = fromFlags.perClass ?? file?.fields.perClass;
  const trainPerClass =
    preset && typeof perClassInput === 'number' && Number.isInteger(perClassInput) && perClassInput >= 1
      ? perClassInput
      : preset?.defaultTrainPerClass;
  const presetFields = preset && trainPerClass !== undefined ? preset.config(trainPerClass) : {};
  const merged = { ...presetFields, ...(file?.fields ?? {}), ...fromFlags };
  let config: ExperimentConfig;
  try {
    config = parseExperimentConfig(merged);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new UserError(describeConfigError(error, fromFlags, file));
  }

  const data: DataSource = preset
    ? { kind: 'preset', preset, trainPerClass: config.perClass ?? preset.defaultTrainPerClass }
    : { kind: 'folder', dir: datasetDir as string, ...(flags.source ? { sourceDir: flags.source } : {}) };
  const adapting = config.strategies.some(isAdaptationStrategy);
  if (adapting && !(flags.source ?? preset?.loadSource)) {
    throw new UserError(
      `strategies ${config.strategies.join(', ')} adapt across domains: give --source DIR and --target DIR ` +
        '(or --preset digits-mnist-to-mnistm)',
    );
  }
  if (!adapting && flags.source) {
    throw new UserError(
      '--source/--target are for the adaptation strategies (--strategies source-only,coral,deep-coral,dan,dann,' +
        'tradaboost,oracle)',
    );
  }
  return { config, data };
}

/** ConfigError's lines as `field: reason`, a field set by a flag annotated with it; the header names the config file. */
function describeConfigError(
  error: ConfigError,
  fromFlags: Record<string, unknown>,
  file: ConfigFile | undefined,
): string {
  const lines = error.issues.map(({ field, reason }) => {
    const top = field.split(/[.[]/)[0] as keyof ExperimentConfig;
    const flag = FLAG_OF_FIELD[top]?.flag;
    const fromFlag = top in fromFlags || (flag !== undefined && reason.startsWith('required'));
    return `  ${field}${fromFlag ? ` (${flag})` : ''}: ${reason}`;
  });
  return `invalid experiment config${file ? ` in ${file.path} (flags override its fields)` : ''}:\n${lines.join('\n')}`;
}
