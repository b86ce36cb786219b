import { ConfigError } from '../core/experiment/config';
import { parseIntegerList, parseSweepConfig } from '../core/sweep/config';
import type { SweepConfig } from '../core/sweep/types';
import { PRESETS, type Preset } from '../node/presets';
import { UserError } from './errors';
import type { DataSource } from './runOptions';

/** `transfer-studio sweep` options as commander hands them over (strings, unparsed). */
export interface SweepFlags {
  preset?: string;
  dataset?: string;
  backbone?: string;
  modelUrl?: string;
  depths?: string;
  perClass?: string;
  seeds?: string;
  repeats?: string;
  epochs?: string;
  batchSize?: string;
  learningRate?: string;
  backboneLrScale?: string;
  validationFraction?: string;
  splitSeed?: string;
  imageSize?: string;
  trainBatchNorm?: boolean;
  /** commander's --no-scratch: false when given. */
  scratch?: boolean;
}

/** Sweep config fields settable by a flag, with the flag's spelling (for messages). */
const FLAGS: [keyof SweepConfig, keyof SweepFlags, string][] = [
  ['backbone', 'backbone', '--backbone'],
  ['modelUrl', 'modelUrl', '--model-url'],
  ['depths', 'depths', '--depths'],
  ['perClass', 'perClass', '--per-class'],
  ['seeds', 'seeds', '--seeds'],
  ['repeats', 'repeats', '--repeats'],
  ['epochs', 'epochs', '--epochs'],
  ['batchSize', 'batchSize', '--batch-size'],
  ['learningRate', 'learningRate', '--learning-rate'],
  ['backboneLearningRateScale', 'backboneLrScale', '--backbone-lr-scale'],
  ['validationFraction', 'validationFraction', '--validation-fraction'],
  ['splitSeed', 'splitSeed', '--split-seed'],
  ['imageSize', 'imageSize', '--image-size'],
  ['trainBatchNorm', 'trainBatchNorm', '--train-batch-norm'],
  ['scratch', 'scratch', '--no-scratch'],
];

const flagNumber = (text: string): number | string =>
  /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text.trim()) ? Number(text) : text;

/** The config fields the flags set (only those given); lists are "1,2,5" or ranges "0-3". */
function flagPatch(flags: SweepFlags): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [field, key, flag] of FLAGS) {
    const value = flags[key];
    if (value === undefined) continue;
    if (typeof value === 'boolean') patch[field] = value;
    else if (field === 'depths' || field === 'perClass') {
      const list = parseIntegerList(value);
      if (!list)
        throw new UserError(`${flag}: expected numbers and ranges such as "0-3" or "1,2,5,10" (got "${value}")`);
      patch[field] = list;
    } else if (field === 'backbone' || field === 'modelUrl') patch[field] = value;
    else patch[field] = flagNumber(value);
  }
  return patch;
}

/**
 * Preset (with its sweep defaults, sized for the largest examples per class) < flags, validated. Throws UserError
 * naming the bad fields and their flags.
 */
export function resolveSweep(flags: SweepFlags): { config: SweepConfig; data: DataSource } {
  if (flags.preset !== undefined && flags.dataset !== undefined)
    throw new UserError('give either --preset or --dataset, not both');
  if (flags.preset === undefined && flags.dataset === undefined) {
    throw new UserError(
      `nothing to train on: give --dataset DIR (a folder of class subfolders) or --preset NAME (${Object.keys(PRESETS).join(', ')})`,
    );
  }
  let preset: Preset | undefined;
  if (flags.preset !== undefined) {
    preset = PRESETS[flags.preset];
    if (!preset)
      throw new UserError(`unknown preset "${flags.preset}"; valid presets: ${Object.keys(PRESETS).join(', ')}`);
  }
  const fromFlags = flagPatch(flags);
  const sizes = Array.isArray(fromFlags.perClass) ? (fromFlags.perClass as number[]) : undefined;
  const sweepDefaults = preset?.sweep?.() ?? {};
  const largest = Math.max(...(sizes ?? sweepDefaults.perClass ?? [preset?.defaultTrainPerClass ?? 1]));
  const presetFields: Record<string, unknown> = {};
  if (preset) {
    const { backbone, validationFraction, splitSeed, epochs, batchSize, learningRate } = preset.config(largest);
    Object.assign(presetFields, { backbone, validationFraction, splitSeed, epochs, batchSize, learningRate });
    for (const key of Object.keys(presetFields)) if (presetFields[key] === undefined) delete presetFields[key];
  }
  let config: SweepConfig;
  try {
    config = parseSweepConfig({ ...presetFields, ...sweepDefaults, ...fromFlags });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const lines = error.issues.map(({ field, reason }) => {
      const flag = FLAGS.find(([f]) => f === field.split(/[.[]/)[0])?.[2];
      return `  ${field}${flag && field.split(/[.[]/)[0] in fromFlags ? ` (${flag})` : ''}: ${reason}`;
    });
    throw new UserError(`invalid sweep config:\n${lines.join('\n')}`);
  }
  const data: DataSource = preset
    ? { kind: 'preset', preset, trainPerClass: Math.max(...config.perClass) }
    : { kind: 'folder', dir: flags.dataset as string };
  return { config, data };
}
