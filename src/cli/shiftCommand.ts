import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../core/data/types';
import { createRng } from '../core/math/rng';
import { throwIfCancelled } from '../core/train/cancel';
import { domainShift, type DomainShift } from '../core/transferability/domainShift';
import { embedForScores } from '../core/transferability/embedForScores';
import { activateCliBackend, type BackendFlag } from './backend';
import { formatTable } from '../node/textTable';
import { UserError } from './errors';
import { resolveModelSource } from './modelSource';
import { asUserError, backboneSpec, loadDataset, loadModel, prepareOutDir } from './runCommand';

export interface ShiftCommandFlags {
  source: string;
  target: string;
  backbone: string;
  modelUrl?: string;
  cut?: string;
  imageSize?: string;
  maxPerSide?: string;
  seed?: string;
  skipBadImages?: boolean;
  backend: BackendFlag;
  quiet?: boolean;
  out: string;
}

/**
 * `transfer-studio shift`: embed up to --max-per-side images of each folder at one cut and measure the domain
 * shift between them (core's domainShift); print the distances and write DIR/shift.json.
 */
export async function shiftCommand(flags: ShiftCommandFlags, signal: AbortSignal): Promise<void> {
  const spec = backboneSpec(flags.backbone);
  const cut = flags.cut ?? spec.defaultCut;
  if (!spec.blockOutputs.includes(cut)) {
    throw new UserError(`--cut: "${cut}" is not a block end of ${spec.id}; valid: ${spec.blockOutputs.join(', ')}`);
  }
  const maxPerSide = positiveInteger('--max-per-side', flags.maxPerSide ?? '300');
  const seed = positiveInteger('--seed', flags.seed ?? '1');
  const imageSize = flags.imageSize === undefined ? undefined : positiveInteger('--image-size', flags.imageSize);
  const outDir = path.resolve(flags.out);
  await prepareOutDir(outDir);
  const log = (line: string) => {
    if (!flags.quiet) process.stderr.write(`${line}\n`);
  };
  let model: tf.LayersModel | undefined;
  const started = Date.now();
  try {
    const { environment, line } = await activateCliBackend(flags.backend);
    log(line);
    const modelSource = await resolveModelSource(spec, flags.modelUrl);
    log(`model ${modelSource.description}`);
    model = await loadModel(spec, modelSource);
    const sides: Dataset[] = [];
    for (const dir of [flags.source, flags.target]) {
      log(`reading images from ${dir}`);
      sides.push(await loadDataset({ kind: 'folder', dir }, flags.skipBadImages === true, { log }));
      throwIfCancelled(signal);
    }
    const embedded = [];
    for (const [k, dataset] of sides.entries()) {
      const images = drawImages(dataset, maxPerSide, seed + k);
      log(`embedding ${images.length} ${k === 0 ? 'source' : 'target'} images at ${cut}`);
      const { cuts } = await embedForScores(model, spec, [cut], images, { imageSize, signal });
      embedded.push(cuts[0].features);
    }
    const meterStart = performance.now();
    const shift = domainShift(embedded[0], embedded[1], { seed });
    const meterSeconds = (performance.now() - meterStart) / 1000;
    const report = {
      schemaVersion: 1,
      kind: 'domain-shift',
      source: { path: path.resolve(flags.source), name: sides[0].name, images: shift.sourceCount },
      target: { path: path.resolve(flags.target), name: sides[1].name, images: shift.targetCount },
      backbone: spec.id,
      modelUrl: modelSource.description,
      cut,
      imageSize: imageSize ?? null,
      seed,
      environment,
      shift,
      meterSeconds,
      seconds: (Date.now() - started) / 1000,
    };
    await writeFile(path.join(outDir, 'shift.json'), `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`${formatShift(shift)}\n\nwrote ${path.join(outDir, 'shift.json')}\n`);
  } catch (error) {
    throw asUserError(error);
  } finally {
    model?.dispose();
  }
}

/** Up to `max` images, a seeded draw when there are more. */
function drawImages(dataset: Dataset, max: number, seed: number) {
  const order = dataset.examples.map((_, i) => i);
  if (order.length > max) createRng(seed).shuffle(order);
  return order.slice(0, max).map((i) => dataset.examples[i].image);
}

function positiveInteger(flag: string, text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < 1) {
    throw new UserError(`${flag}: expected a positive integer, got "${text}"`);
  }
  return value;
}

const f = (x: number, digits = 3) => x.toFixed(digits);

function formatShift(shift: DomainShift): string {
  const pad = shift.proxyADistance;
  const ci = pad.ci95 ? `${f(pad.ci95[0], 2)}–${f(pad.ci95[1], 2)}` : 'no interval';
  return [
    `${shift.sourceCount} source and ${shift.targetCount} target images, ${shift.dimensions} features each: ` +
      `shift ${shift.level}`,
    formatTable([
      ['distance', 'value', 'reading'],
      [
        'MMD² (RBF, median bandwidth)',
        f(shift.mmd.mmd2, 4),
        `p = ${f(shift.mmd.pValue)} over ${shift.mmd.permutations} permutations (small = a real difference)`,
      ],
      ['CORAL ‖C_S − C_T‖²/(4d²)', shift.coral.toPrecision(3), 'covariance difference; 0 = same second moments'],
      [
        'proxy A-distance 2(1 − 2ε)',
        `${f(pad.mean, 2)} (95 % CI ${ci})`,
        `linear domain classifier error ε = ${f(shift.domainError.mean)}; 0 = indistinguishable, 2 = separable`,
      ],
    ]),
  ].join('\n');
}
