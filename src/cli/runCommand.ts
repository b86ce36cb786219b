import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { BackboneError } from '../core/backbones/errors';
import { getBackbone } from '../core/backbones/catalogue';
import { loadBackbone } from '../core/backbones/load';
import type { BackboneSpec } from '../core/backbones/types';
import { DatasetError, type Dataset, type ImageDecoder } from '../core/data/types';
import { fittingDecoder } from '../core/data/fitImages';
import { checkDepth, runExperiment } from '../core/experiment/runExperiment';
import { throwIfCancelled } from '../core/train/cancel';
import { parseStrategy } from '../core/train/strategy';
import type { ExperimentEnvironment, ExperimentResult } from '../core/experiment/types';
import { isAdaptationStrategy, type StrategyId } from '../core/train/types';
import { DEFAULT_LIMITS } from '../core/data/limits';
import { activateCliBackend, type BackendFlag } from './backend';
import { nodeDecoder } from '../node/decode';
import { readFolderDataset } from '../node/folderDataset';
import { isZipPath, readZipDataset } from '../node/zipDataset';
import { UserError, messageOf } from './errors';
import type { RunCommandFlags } from './program';
import { resolveModelSource, type ModelSource } from './modelSource';
import { createProgressReporter, type ProgressReporter } from './progress';
import { formatCurvesCsv, formatReport } from './report';
import { resolveRun, type DataSource } from './runOptions';
import { datasetDirs, prepareOutDir } from './outDir';

export { datasetDirs, prepareOutDir } from './outDir';

/**
 * `transfer-studio run`: resolve the config (preset < file < flags), load the data, pick the backend, run every
 * strategy × seed through core's runExperiment, then write DIR/results.json and DIR/curves.csv and print the
 * summary table. Bad input surfaces as UserError; Ctrl-C (signal) as CancelledError.
 */
export async function runCommand(flags: RunCommandFlags, signal: AbortSignal): Promise<void> {
  const { config, data } = await resolveRun(flags);
  const spec = backboneSpec(config.backbone);
  checkStrategiesFit(config.strategies, spec);
  const outDir = path.resolve(flags.out);
  await prepareOutDir(outDir, datasetDirs(data));

  const progress = createProgressReporter(process.stderr, { quiet: flags.quiet });
  let model: tf.LayersModel | undefined;
  try {
    // Backend first (weights live on it), then the model (fails fast on a bad model.json), then the images.
    const { environment, line } = await activateCliBackend(flags.backend);
    progress.log(line);
    const modelSource = await resolveModelSource(spec, config.modelUrl);
    progress.log(`model ${modelSource.description}`);
    model = await loadModel(spec, modelSource);
    throwIfCancelled(signal);
    progress.log(`reading ${datasetLabel(data)}`);
    // Each image cropped and resized to the run's input size as it is decoded: held as 8-bit pixels of that size.
    const size = config.imageSize ?? spec.preprocessing.inputSize;
    const decoder = fittingDecoder(nodeDecoder, spec.preprocessing, size);
    const skipped: ImportNotes['skipped'] = [];
    const dataset = await loadDataset(data, flags.skipBadImages === true, progress, decoder, { skipped });
    const source = await loadSource(data, flags.skipBadImages === true, progress, decoder);
    throwIfCancelled(signal);

    const loaded = model;
    const result = await runExperiment(config, {
      dataset,
      ...(source ? { source } : {}),
      spec,
      environment,
      signal,
      onEvent: (event) => progress.onEvent(event),
      loadBackbone: async () => loaded,
    });
    progress.stop();
    if (skipped.length > 0) result.dataset.skipped = skipped;
    await writeOutputs(outDir, result);
    process.stdout.write(
      `${formatReport(result)}\n\nwrote ${path.join(outDir, 'results.json')} and ${path.join(outDir, 'curves.csv')}\n`,
    );
  } catch (error) {
    progress.stop();
    throw asUserError(error);
  } finally {
    model?.dispose();
  }
}

export async function loadModel(spec: BackboneSpec, modelSource: ModelSource): Promise<tf.LayersModel> {
  try {
    return await loadBackbone(spec, modelSource.source);
  } catch (error) {
    if (!(error instanceof BackboneError)) throw error;
    const message = error.message.includes(modelSource.description)
      ? error.message
      : `${modelSource.description}: ${error.message}`;
    throw new UserError(`model ${message}`, { cause: error });
  }
}

/**
 * For the commands that only embed (fewshot, zeroshot): activates a backend that need not train, then loads the
 * backbone, logging both. The caller owns the model and disposes it.
 */
export async function loadEmbedder(
  backend: BackendFlag,
  spec: BackboneSpec,
  modelUrl: string | undefined,
  log: (line: string) => void,
): Promise<{ environment: ExperimentEnvironment; model: tf.LayersModel }> {
  const { environment, line } = await activateCliBackend(backend, { training: false });
  log(line);
  const modelSource = await resolveModelSource(spec, modelUrl);
  log(`model ${modelSource.description}`);
  return { environment, model: await loadModel(spec, modelSource) };
}

/** Input problems from core (dataset, model) become UserErrors; everything else passes through unchanged. */
export function asUserError(error: unknown): unknown {
  if (error instanceof DatasetError) return new UserError(`dataset: ${error.message}`, { cause: error });
  if (error instanceof BackboneError) return new UserError(`model: ${error.message}`, { cause: error });
  return error;
}

export function backboneSpec(id: string): BackboneSpec {
  try {
    return getBackbone(id);
  } catch (error) {
    throw new UserError(messageOf(error));
  }
}

/** fine-tune:k needs k ≤ the blocks up to the backbone's cut (core's checkDepth); say so before loading anything. */
function checkStrategiesFit(strategies: readonly StrategyId[], spec: BackboneSpec): void {
  try {
    for (const id of strategies) if (!isAdaptationStrategy(id)) checkDepth(parseStrategy(id), id, spec);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new UserError(`invalid experiment config:\n  strategies: ${error.message}`, { cause: error });
  }
}

export function datasetLabel(data: DataSource): string {
  return data.kind === 'folder' ? `images from ${data.dir}` : `${data.preset.description}`;
}

/** What an import left out, for results.json (filled by loadDataset when given). */
export interface ImportNotes {
  skipped: { file: string; reason: string }[];
}

/**
 * Reads a folder or zip (`decoder` turns each file into pixels; default the Node decoder at full size). With
 * --skip-bad-images, the files left out are also pushed to `notes.skipped` (recorded in results.json, so a --quiet
 * run keeps a trace of them).
 */
export async function loadDataset(
  data: DataSource,
  skipBadImages: boolean,
  progress: Pick<ProgressReporter, 'log'>,
  decoder: ImageDecoder = nodeDecoder,
  notes?: ImportNotes,
): Promise<Dataset> {
  if (data.kind === 'preset') return data.preset.loadDataset(data.trainPerClass);
  // The studio's limit on images per dataset applies here too (checked before decoding anything).
  const {
    dataset,
    problems,
    warnings = [],
  } = isZipPath(data.dir)
    ? await readZipDataset(data.dir, decoder)
    : await readFolderDataset(data.dir, decoder, { maxImages: DEFAULT_LIMITS.maxImages });
  for (const warning of warnings) progress.log(`warning: ${warning}`);
  if (problems.length > 0) {
    const list = problems.map((p) => `  ${p.file}: ${p.reason}`).join('\n');
    if (!skipBadImages) {
      throw new UserError(
        `dataset ${data.dir}: ${problems.length} file(s) cannot be used:\n${list}\n` +
          '(fix or remove them, or pass --skip-bad-images to train without them)',
      );
    }
    progress.log(`skipping ${problems.length} file(s) that cannot be used:\n${list}`);
    notes?.skipped.push(...problems.map(({ file, reason }) => ({ file, reason })));
    const counts = dataset.classNames.map((_, c) => dataset.examples.filter((e) => e.label === c).length);
    const empty = dataset.classNames.filter((_, c) => counts[c] === 0);
    if (empty.length > 0) {
      throw new UserError(
        `dataset ${data.dir}: no readable images left in class folder(s) ${empty.map((n) => `"${n}"`).join(', ')}`,
      );
    }
  }
  return dataset;
}

/** The labelled source domain of adaptation strategies (--source DIR or the preset's), or undefined. */
async function loadSource(
  data: DataSource,
  skipBadImages: boolean,
  progress: Pick<ProgressReporter, 'log'>,
  decoder: ImageDecoder,
): Promise<Dataset | undefined> {
  if (data.kind === 'preset') return data.preset.loadSource?.();
  if (!data.sourceDir) return undefined;
  progress.log(`reading the source domain from ${data.sourceDir}`);
  return loadDataset({ kind: 'folder', dir: data.sourceDir }, skipBadImages, progress, decoder);
}

async function writeOutputs(dir: string, result: ExperimentResult): Promise<void> {
  await writeFile(path.join(dir, 'results.json'), `${JSON.stringify(result, null, 2)}\n`);
  await writeFile(path.join(dir, 'curves.csv'), formatCurvesCsv(result));
}
