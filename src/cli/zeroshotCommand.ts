import path from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { runZeroShot, zeroShotPreset, type ZeroShotConfig } from '../core/fewshot/runZeroShot';
import { throwIfCancelled } from '../core/train/cancel';
import type { BackendFlag } from './backend';
import { mnistDataset } from '../node/mnistDataset';
import { rangeAsUserError, UserError } from './errors';
import { createProgressReporter } from './progress';
import { writeReport } from './reportFiles';
import { asUserError, backboneSpec, loadEmbedder, prepareOutDir } from './runCommand';
import { formatZeroShotReport } from './zeroshotReport';

/** `transfer-studio zeroshot` flags as commander hands them over (strings, unparsed). */
export interface ZeroShotFlags {
  preset: string;
  backbone?: string;
  modelUrl?: string;
  cut?: string;
  lambda?: string;
  backend: BackendFlag;
  out: string;
  quiet?: boolean;
}

/** The preset's config with the flags on top; UserError naming the flag for anything malformed. */
export function zeroShotConfigOf(flags: ZeroShotFlags): ZeroShotConfig {
  let config: ZeroShotConfig;
  try {
    config = structuredClone(zeroShotPreset(flags.preset).config);
  } catch (error) {
    throw new UserError(`--preset: ${(error as Error).message}`);
  }
  if (flags.backbone) config.backbone = flags.backbone;
  if (flags.modelUrl) config.modelUrl = flags.modelUrl;
  if (flags.cut) config.cut = flags.cut;
  if (flags.lambda !== undefined) {
    const lambda = Number(flags.lambda);
    if (flags.lambda.trim() === '' || !Number.isFinite(lambda) || lambda < 0) {
      throw new UserError(`--lambda: expected a number ≥ 0, got "${flags.lambda}"`);
    }
    config.lambda = lambda;
  }
  return config;
}

/**
 * `transfer-studio zeroshot --preset digits`: attribute classifiers trained on digits 0–4, digits 5–9 recognised
 * from their attribute rows alone; writes DIR/zeroshot.json (core's ZeroShotReport) and DIR/zeroshot.txt.
 */
export async function zeroshotCommand(flags: ZeroShotFlags, signal: AbortSignal): Promise<void> {
  const config = zeroShotConfigOf(flags);
  const preset = zeroShotPreset(flags.preset);
  const spec = backboneSpec(config.backbone);
  const outDir = path.resolve(flags.out);
  await prepareOutDir(outDir);
  const progress = createProgressReporter(process.stderr, { quiet: flags.quiet });
  let model: tf.LayersModel | undefined;
  try {
    const names = (rows: number[]) => rows.map((c) => Number(config.table.classes[c]));
    const seenDataset = mnistDataset(names(config.seen), preset.trainPerClass, 0);
    const unseenDataset = mnistDataset(names(config.unseen), preset.testPerClass, 0);
    const { environment, model: loaded } = await loadEmbedder(flags.backend, spec, config.modelUrl, progress.log);
    model = loaded;
    throwIfCancelled(signal);
    const report = await runZeroShot(config, {
      seenDataset,
      unseenDataset,
      spec,
      environment,
      signal,
      loadBackbone: async () => loaded,
      onEvent: (event) => {
        if (event.phase !== 'done') progress.log(`[${event.phase}]`);
      },
    }).catch((error: unknown) => {
      throw rangeAsUserError(error);
    });
    progress.stop();
    await writeReport(outDir, 'zeroshot', report, formatZeroShotReport(report));
  } catch (error) {
    progress.stop();
    throw asUserError(error);
  } finally {
    model?.dispose();
  }
}
