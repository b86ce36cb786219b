import path from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { FEWSHOT_METHOD_IDS, isFewShotMethod, type FewShotMethodId } from '../core/fewshot/classifiers';
import { checkFewShotConfig, runFewShot, type FewShotConfig, type FewShotEvent } from '../core/fewshot/runFewShot';
import { throwIfCancelled } from '../core/train/cancel';
import type { BackendFlag } from './backend';
import { rangeAsUserError, UserError } from './errors';
import { formatFewShotReport } from './fewshotReport';
import { createProgressReporter } from './progress';
import { writeReport } from './reportFiles';
import { asUserError, backboneSpec, loadDataset, loadEmbedder, prepareOutDir } from './runCommand';

/** `transfer-studio fewshot` flags as commander hands them over (strings, unparsed). */
export interface FewShotFlags {
  dataset: string;
  ways: string;
  shots: string;
  episodes: string;
  queries?: string;
  methods?: string;
  backbone: string;
  modelUrl?: string;
  cuts?: string;
  imageSize?: string;
  seed: string;
  backend: BackendFlag;
  out: string;
  quiet?: boolean;
  skipBadImages?: boolean;
}

function positiveInteger(text: string, flag: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isInteger(value) || value < 1) {
    throw new UserError(`${flag}: expected a positive whole number, got "${text}"`);
  }
  return value;
}

function list(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** The flags as a FewShotConfig; UserError naming the flag for anything malformed. */
export function fewShotConfigOf(flags: FewShotFlags): FewShotConfig {
  const methods = flags.methods ? list(flags.methods) : [...FEWSHOT_METHOD_IDS];
  const unknown = methods.filter((m) => !isFewShotMethod(m));
  if (unknown.length > 0) {
    throw new UserError(`--methods: unknown ${unknown.join(', ')}; valid: ${FEWSHOT_METHOD_IDS.join(', ')}`);
  }
  const shots = list(flags.shots).map((k) => positiveInteger(k, '--shots'));
  if (shots.length === 0) throw new UserError('--shots: give at least one number, e.g. 1,5,10');
  const ways = positiveInteger(flags.ways, '--ways');
  if (ways < 2) throw new UserError('--ways: at least 2 classes per episode');
  const config: FewShotConfig = {
    schemaVersion: 1,
    backbone: flags.backbone,
    ways,
    shots,
    episodes: positiveInteger(flags.episodes, '--episodes'),
    methods: methods as FewShotMethodId[],
    seed: positiveInteger(flags.seed, '--seed'),
  };
  if (flags.modelUrl) config.modelUrl = flags.modelUrl;
  if (flags.cuts) config.cuts = list(flags.cuts);
  if (flags.imageSize) config.imageSize = positiveInteger(flags.imageSize, '--image-size');
  if (flags.queries) config.queries = positiveInteger(flags.queries, '--queries');
  return config;
}

/**
 * `transfer-studio fewshot`: embed a folder dataset once per cut, run N-way K-shot episodes for every method and
 * K, write DIR/fewshot.json (core's FewShotReport) and DIR/fewshot.txt (the table it prints).
 */
export async function fewshotCommand(flags: FewShotFlags, signal: AbortSignal): Promise<void> {
  const config = fewShotConfigOf(flags);
  const spec = backboneSpec(config.backbone);
  const outDir = path.resolve(flags.out);
  await prepareOutDir(outDir, [flags.dataset]);
  const progress = createProgressReporter(process.stderr, { quiet: flags.quiet });
  let model: tf.LayersModel | undefined;
  try {
    // Images first: episode sizes that do not fit them fail before the backend and model load.
    progress.log(`reading images from ${flags.dataset}`);
    const dataset = await loadDataset({ kind: 'folder', dir: flags.dataset }, flags.skipBadImages === true, progress);
    try {
      checkFewShotConfig(config, dataset);
    } catch (error) {
      throw rangeAsUserError(error);
    }
    throwIfCancelled(signal);
    const { environment, model: loaded } = await loadEmbedder(flags.backend, spec, config.modelUrl, progress.log);
    model = loaded;
    throwIfCancelled(signal);
    const report = await runFewShot(config, {
      dataset,
      spec,
      environment,
      signal,
      loadBackbone: async () => loaded,
      onEvent: (event) => logEvent(event, progress.log),
    }).catch((error: unknown) => {
      throw rangeAsUserError(error);
    });
    progress.stop();
    await writeReport(outDir, 'fewshot', report, formatFewShotReport(report));
  } catch (error) {
    progress.stop();
    throw asUserError(error);
  } finally {
    model?.dispose();
  }
}

function logEvent(event: FewShotEvent, log: (line: string) => void): void {
  if (event.type === 'fewshot.phase') {
    if (event.phase !== 'done') log(`[${event.phase}${event.cut ? `: ${event.cut}` : ''}]`);
  } else if (event.done === event.total) {
    log(
      `  ${event.phase === 'embedding' ? 'embedded' : 'ran'} ${event.total} ${event.phase === 'embedding' ? 'images' : 'episodes'}`,
    );
  }
}
