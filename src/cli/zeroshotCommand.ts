import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { runZeroShot, zeroShotPreset, type ZeroShotConfig } from '../core/fewshot/runZeroShot';
import { throwIfCancelled } from '../core/train/cancel';
import { activateNodeBackend, nodeEnvironment, type NodeBackendPreference } from '../node/backend';
import { mnistDataset } from '../node/mnistDataset';
import { UserError } from './errors';
import { resolveModelSource } from './modelSource';
import { createProgressReporter } from './progress';
import { asUserError, backboneSpec, loadModel, prepareOutDir } from './runCommand';
import { formatZeroShotReport } from './zeroshotReport';

/** `transfer-studio zeroshot` flags as commander hands them over (strings, unparsed). */
export interface ZeroShotFlags {
  preset: string;
  backbone?: string;
  modelUrl?: string;
  cut?: string;
  lambda?: string;
  backend: NodeBackendPreference;
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
    const environment = nodeEnvironment(await activateNodeBackend(flags.backend, { needs: { training: false } }));
    progress.log(`backend ${environment.backend}`);
    const modelSource = await resolveModelSource(spec, config.modelUrl);
    progress.log(`model ${modelSource.description}`);
    model = await loadModel(spec, modelSource);
    throwIfCancelled(signal);
    const loaded = model;
    let report;
    try {
      report = await runZeroShot(config, {
        seenDataset,
        unseenDataset,
        spec,
        environment,
        signal,
        loadBackbone: async () => loaded,
        onEvent: (event) => {
          if (event.phase !== 'done') progress.log(`[${event.phase}]`);
        },
      });
    } catch (error) {
      // A cut layer the model lacks is the user's input.
      if (error instanceof RangeError) throw new UserError(error.message, { cause: error });
      throw error;
    }
    progress.stop();
    const table = formatZeroShotReport(report);
    await writeFile(path.join(outDir, 'zeroshot.json'), `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(path.join(outDir, 'zeroshot.txt'), `${table}\n`);
    process.stdout.write(
      `${table}\n\nwrote ${path.join(outDir, 'zeroshot.json')} and ${path.join(outDir, 'zeroshot.txt')}\n`,
    );
  } catch (error) {
    progress.stop();
    throw asUserError(error);
  } finally {
    model?.dispose();
  }
}
