import { writeFile } from 'node:fs/promises';
import type { Dataset } from '../core/data/types';
import { fittingDecoder } from '../core/data/fitImages';
import path from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { blocksUpToCut } from '../core/sweep/depthChain';
import { runSweep } from '../core/sweep/runSweep';
import type { SweepConfig, SweepResult } from '../core/sweep/types';
import type { BackboneSpec } from '../core/backbones/types';
import { throwIfCancelled } from '../core/train/cancel';
import { activateCliBackend, type BackendFlag } from './backend';
import { nodeDecoder } from '../node/decode';
import { UserError } from './errors';
import { builtInPath, resolveModelSource } from './modelSource';
import {
  asUserError,
  backboneSpec,
  datasetDirs,
  datasetLabel,
  loadDataset,
  loadModel,
  prepareOutDir,
} from './runCommand';
import { createSweepProgress } from './sweepProgress';
import { formatSweepCellsCsv, formatSweepCurvesCsv, formatSweepReport } from './sweepReport';
import { resolveSweep, type SweepFlags } from './sweepOptions';

export interface SweepCommandFlags extends SweepFlags {
  out: string;
  backend: BackendFlag;
  quiet?: boolean;
  skipBadImages?: boolean;
}

/**
 * `transfer-studio sweep`: a grid of freeze depths × examples per class × repeats × seeds as one job (core's
 * runSweep), then DIR/sweep.json (the SweepResult), DIR/cells.csv (one row per cell with intervals),
 * DIR/sweep-curves.csv (every trial's curve) and a report on stdout.
 */
export async function sweepCommand(flags: SweepCommandFlags, signal: AbortSignal): Promise<void> {
  const { config, data } = resolveSweep(flags);
  const spec = backboneSpec(config.backbone);
  checkDepths(config, spec);
  const outDir = path.resolve(flags.out);
  await prepareOutDir(outDir, datasetDirs(data));

  const progress = createSweepProgress(process.stderr, { quiet: flags.quiet });
  const models = new Map<string, tf.LayersModel>();
  try {
    const { environment, line } = await activateCliBackend(flags.backend);
    progress.log(line);
    // Every source's model first (a bad model.json fails before any image is read).
    for (const source of new Set(['', ...config.series.map((s) => s.modelUrl ?? '')])) {
      const modelSource = await resolveModelSource(spec, source === '' ? config.modelUrl : builtInPath(source));
      progress.log(`model ${modelSource.description}`);
      models.set(source, await loadModel(spec, modelSource));
    }
    throwIfCancelled(signal);
    progress.log(`reading ${datasetLabel(data)}`);
    // Each image cropped and resized to the sweep's input size as it is decoded (8-bit pixels of that size).
    const size = config.imageSize ?? spec.preprocessing.inputSize;
    const decoder = fittingDecoder(nodeDecoder, spec.preprocessing, size);
    const dataset = await loadDataset(data, flags.skipBadImages === true, progress, decoder);
    let auxiliary: Dataset | undefined;
    if (config.multitask) {
      if (data.kind !== 'preset' || !data.preset.loadAuxiliary)
        throw new UserError('a multi-task sweep needs a preset with an auxiliary task (--preset multitask)');
      auxiliary = await data.preset.loadAuxiliary();
    }
    throwIfCancelled(signal);
    const result = await runSweep(config, {
      dataset,
      auxiliary,
      spec,
      environment,
      signal,
      onEvent: (event) => progress.onEvent(event),
      loadBackbone: async (source) => models.get(source)!,
    });
    progress.stop();
    await writeOutputs(outDir, result);
    process.stdout.write(
      `${formatSweepReport(result)}\n\nwrote ${['sweep.json', 'cells.csv', 'sweep-curves.csv'].map((f) => path.join(outDir, f)).join(', ')}\n`,
    );
  } catch (error) {
    progress.stop();
    throw asUserError(error);
  } finally {
    for (const model of models.values()) model.dispose();
  }
}

/** Depths beyond the blocks up to the cut, said before anything loads. */
function checkDepths(config: SweepConfig, spec: BackboneSpec): void {
  const blocks = blocksUpToCut(spec, spec.defaultCut);
  const bad = config.depths.filter((d) => d > blocks);
  if (bad.length > 0) {
    throw new UserError(
      `invalid sweep config:\n  depths (--depths): ${spec.id} has ${blocks} blocks up to its cut "${spec.defaultCut}", ` +
        `so depths must be 0..${blocks} (got ${bad.join(', ')})`,
    );
  }
}

async function writeOutputs(dir: string, result: SweepResult): Promise<void> {
  await writeFile(path.join(dir, 'sweep.json'), `${JSON.stringify(result, null, 2)}\n`);
  await writeFile(path.join(dir, 'cells.csv'), formatSweepCellsCsv(result));
  await writeFile(path.join(dir, 'sweep-curves.csv'), formatSweepCurvesCsv(result));
}
