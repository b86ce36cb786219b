import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { cutAt } from '../core/backbones/truncate';
import { fitImage } from '../core/data/fitImages';
import { describeTorchBackbone, TorchExportError } from '../core/export/torchBackbone';
import { buildTorchProject } from '../core/export/torchProject';
import { summarizeTorchRuns } from '../core/export/summarizeTorchRuns';
import { compareEngines, type EngineComparison } from '../core/export/compareEngines';
import { readResultsFile } from '../core/experiment/readResultsFile';
import type { ExperimentResult } from '../core/experiment/types';
import type { Estimate } from '../core/math/intervals';
import { formatTable } from '../node/textTable';
import { activateNodeBackend } from '../node/backend';
import { readTorchRun, writeTorchProject } from '../node/torchProjectFiles';
import { UserError, messageOf } from './errors';
import { resolveModelSource } from './modelSource';
import { formatReport } from './report';
import { asUserError, backboneSpec, datasetDirs, loadDataset, loadModel, prepareOutDir } from './runCommand';
import { resolveRun, type RunFlags } from './runOptions';

export interface ExportPytorchFlags extends RunFlags {
  out: string;
  skipBadImages?: boolean;
}

/**
 * `transfer-studio export-pytorch`: resolve the config as `run` does (preset < file < flags), load the backbone
 * and the data, make the split with our core, and write the project (src/node/torchProjectFiles.ts).
 */
export async function exportPytorchCommand(flags: ExportPytorchFlags): Promise<void> {
  const { config, data } = await resolveRun(flags);
  const spec = backboneSpec(config.backbone);
  const outDir = path.resolve(flags.out);
  await prepareOutDir(outDir, datasetDirs(data));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  let model: tf.LayersModel | undefined;
  try {
    await activateNodeBackend('cpu');
    const source = await resolveModelSource(spec, config.modelUrl);
    log(`model ${source.description}`);
    model = await loadModel(spec, source);
    const cut = cutAt(model, spec.defaultCut);
    const { backbone, weights } = describeTorchBackbone(cut, spec);
    const dataset = await loadDataset(data, flags.skipBadImages === true, { log });
    const size = config.imageSize ?? spec.preprocessing.inputSize;
    const { manifest, pixels } = buildTorchProject(config, dataset, spec, (image) =>
      fitImage(image, spec.preprocessing, size),
    );
    await writeTorchProject(outDir, { manifest, pixels, backbone, weights });
    const trials = manifest.trials.length;
    process.stdout.write(
      `wrote ${outDir}: ${backbone.layers.length} backbone layers (${weights.length} weights), ` +
        `${manifest.examples.length} images, ${trials} trials (split digest ${manifest.split.digest})\n` +
        `next: cd ${outDir} && torchrun --redirects 2 --tee 2 --nproc_per_node=2 train.py   (or python3 train.py)\n` +
        `then: transfer-studio summarize ${outDir}\n`,
    );
  } catch (error) {
    if (error instanceof TorchExportError || error instanceof RangeError)
      throw new UserError(`export-pytorch: ${error.message}`, { cause: error });
    throw asUserError(error);
  } finally {
    model?.dispose();
  }
}

/**
 * `transfer-studio summarize DIR [--against results.json]`: DIR/runs.json (train.py's) → DIR/results.json,
 * summarised by our core; with --against, the paired plateau difference to that run (DIR/comparison.json).
 */
export async function summarizeCommand(dir: string, against?: string): Promise<void> {
  const folder = path.resolve(dir);
  let read: Awaited<ReturnType<typeof readTorchRun>>;
  try {
    read = await readTorchRun(folder);
  } catch (error) {
    throw new UserError(`summarize: cannot read ${folder}/project.json and runs.json (${messageOf(error)})`);
  }
  let result;
  try {
    result = summarizeTorchRuns(read.manifest, read.runs, tf.version.tfjs);
  } catch (error) {
    if (error instanceof TorchExportError) throw new UserError(`summarize: ${error.message}`, { cause: error });
    throw error;
  }
  const out = path.join(folder, 'results.json');
  await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${formatReport(result)}\n\nwrote ${out}\n`);
  if (against) await writeComparison(folder, against, result);
}

async function writeComparison(folder: string, against: string, result: ExperimentResult): Promise<void> {
  let reference: ExperimentResult;
  try {
    const read = readResultsFile(await readFile(path.resolve(against), 'utf8'));
    if (read.kind !== 'run') throw new Error('a sweep, not a run');
    reference = read.result;
  } catch (error) {
    throw new UserError(`summarize --against ${against}: ${messageOf(error)}`);
  }
  let rows: EngineComparison[];
  try {
    rows = compareEngines(reference, result);
  } catch (error) {
    if (error instanceof TorchExportError) throw new UserError(`summarize --against: ${error.message}`);
    throw error;
  }
  const fmt = (e: Estimate) =>
    `${e.mean.toFixed(3)} ${e.ci95 ? `[${e.ci95.map((x) => x.toFixed(3)).join(', ')}]` : ''}`;
  const signed = (e: Estimate) =>
    `${e.mean >= 0 ? '+' : ''}${e.mean.toFixed(3)} ${e.ci95 ? `[${e.ci95.map((x) => `${x >= 0 ? '+' : ''}${x.toFixed(3)}`).join(', ')}]` : ''}`;
  const table = formatTable([
    [
      'strategy',
      `plateau (${reference.environment.runner ?? 'reference'})`,
      'plateau (pytorch)',
      'paired difference',
      'reading',
    ],
    ...rows.map((r) => [
      r.strategy,
      fmt(r.reference),
      fmt(r.other),
      signed(r.difference),
      r.direction === 'unclear' ? 'no clear difference' : r.direction === 'above' ? 'pytorch higher' : 'pytorch lower',
    ]),
  ]);
  const out = path.join(folder, 'comparison.json');
  await writeFile(out, `${JSON.stringify({ reference: path.resolve(against), rows }, null, 2)}\n`);
  process.stdout.write(`\nagainst ${against} (same split ${reference.split?.digest}):\n${table}\nwrote ${out}\n`);
}
