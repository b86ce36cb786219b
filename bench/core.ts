/**
 * `npm run bench:core`: what "embed once" buys, measured on the product's own code (boundaryCache, prepareStrategy,
 * trainTrial), in Node, with MobileNet v1 0.25 from ../shared/models and flowers photos from ../shared/datasets.
 *
 * (a) feature extraction, seconds per epoch: head trained on cached embeddings (computeBoundary once) vs the same
 *     head, seeds and batches with the frozen backbone recomputed for every batch and every evaluation;
 * (b) fine-tune of the last block, seconds per epoch: prepareStrategy's cached boundary activations (only the top
 *     block runs) vs the full cut model run forward every step with only the last block trainable;
 * (c) backbone forward throughput, images/s at batch 1, 8 and 32.
 * Warm-up (first call per shape: kernel setup, WASM memory growth) is excluded from every timing and reported on its
 * own. Writes bench/results/core-<ISO time>.json and bench/results/core-latest.json, and prints a table.
 *
 * Usage: npm run bench:core [-- --backend wasm|cpu|auto] [--per-class 32] [--epochs-cached 5] [--epochs-naive 2]
 *        [--out FILE] (write only FILE: `npm run bench` runs this as a subprocess and folds FILE into its result)
 */
import * as tf from '@tensorflow/tfjs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getBackbone } from '../src/core/backbones/catalogue';
import { loadBackbone } from '../src/core/backbones/load';
import { cutAt, setTrainable } from '../src/core/backbones/truncate';
import { imagesToTensor } from '../src/core/data/preprocess';
import { buildHead, HEAD_FOR_FAMILY } from '../src/core/heads/denseHead';
import { computeBoundary } from '../src/core/train/boundaryCache';
import { prepareStrategy } from '../src/core/train/prepareStrategy';
import { defaultNow, trainTrial, type TrainData, type TrainParts } from '../src/core/train/trainTrial';
import type { CurvePoint, StrategyId } from '../src/core/train/types';
import { selectExamples } from '../src/core/experiment/runExperiment';
import { activateNodeBackend, nodeEnvironment, type NodeBackendPreference } from '../src/node/backend';
import { nodeDecoder } from '../src/node/decode';
import { readFolderDataset } from '../src/node/folderDataset';
import { nodeModelHandler } from '../src/node/modelLoader';
import { formatTable } from '../src/node/textTable';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(repoRoot, '../shared');
const MODEL_JSON = path.join(shared, 'models/mobilenet_v1_0.25_224/model.json');
const FLOWERS = path.join(shared, 'datasets/flowers');
const RESULTS_DIR = path.join(repoRoot, 'bench/results');
const SEED = 1;
const BATCH_SIZE = 16;
const LEARNING_RATE = 0.001;

function argValue(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const now = defaultNow;
const seconds = (startMs: number) => (now() - startMs) / 1000;

/** Seconds per trained epoch (train steps + validation), from a curve: (t_E − t_0) / E, caching excluded. */
function epochSeconds(curve: readonly CurvePoint[]): number {
  const last = curve[curve.length - 1];
  return (last.seconds - curve[0].seconds) / last.epoch;
}

interface Comparison {
  cachedEpochSeconds: number;
  naiveEpochSeconds: number;
  ratio: number;
  cacheSeconds: number;
  /** Epochs after which caching has paid for itself: cacheSeconds / (naive − cached). */
  breakEvenEpochs: number;
  epochsCached: number;
  epochsNaive: number;
  finalValAccuracyCached: number;
  finalValAccuracyNaive: number;
}

function compare(cached: CurvePoint[], naive: CurvePoint[], cacheSeconds: number): Comparison {
  const cachedEpochSeconds = epochSeconds(cached);
  const naiveEpochSeconds = epochSeconds(naive);
  return {
    cachedEpochSeconds,
    naiveEpochSeconds,
    ratio: naiveEpochSeconds / cachedEpochSeconds,
    cacheSeconds,
    breakEvenEpochs: cacheSeconds / Math.max(1e-9, naiveEpochSeconds - cachedEpochSeconds),
    epochsCached: cached[cached.length - 1].epoch,
    epochsNaive: naive[naive.length - 1].epoch,
    finalValAccuracyCached: cached[cached.length - 1].valAccuracy,
    finalValAccuracyNaive: naive[naive.length - 1].valAccuracy,
  };
}

async function main(): Promise<void> {
  const backendPreference = argValue('backend', 'wasm') as NodeBackendPreference;
  const perClass = Number(argValue('per-class', '32'));
  const epochsCached = Number(argValue('epochs-cached', '5'));
  const epochsNaive = Number(argValue('epochs-naive', '2'));
  // The machine may be shared: the 1-minute load average before and after says how contended the timings were.
  const loadBefore = os.loadavg()[0];
  const environment = nodeEnvironment(await activateNodeBackend(backendPreference));
  const spec = getBackbone('mobilenet_v1_0.25');
  const size = spec.preprocessing.inputSize;
  process.stderr.write(`backend ${environment.backend}, tfjs ${environment.tfjsVersion}, ${environment.cores} cores\n`);

  // Data: perClass flowers per class (first in name order), split 80/20 as the studio does.
  const { dataset: all } = await readFolderDataset(FLOWERS, nodeDecoder);
  const kept = all.classNames.flatMap((_, c) => all.examples.filter((e) => e.label === c).slice(0, perClass));
  const dataset = { ...all, examples: kept };
  const { train, validation } = selectExamples(dataset, { validationFraction: 0.2, splitSeed: SEED });
  const numClasses = dataset.classNames.length;
  const trainLabels = train.map((i) => dataset.examples[i].label);
  const validationLabels = validation.map((i) => dataset.examples[i].label);
  const validationIds = validation.map((i) => dataset.examples[i].id);

  const backbone = await loadBackbone(spec, nodeModelHandler(MODEL_JSON));
  const cut = cutAt(backbone, spec.defaultCut);
  const trainImages = imagesToTensor(
    train.map((i) => dataset.examples[i].image),
    spec.preprocessing,
    size,
  );
  const validationImages = imagesToTensor(
    validation.map((i) => dataset.examples[i].image),
    spec.preprocessing,
    size,
  );
  const featureShape = cut.outputs[0].shape.slice(1) as number[];
  const head = HEAD_FOR_FAMILY[spec.family];

  const data = (trainInputs: tf.Tensor, validationInputs: tf.Tensor): TrainData => ({
    trainInputs,
    views: 1,
    trainLabels,
    validationInputs,
    validationLabels,
    validationIds,
    numClasses,
  });
  const run = (parts: TrainParts, d: TrainData, strategy: StrategyId, epochs: number) =>
    trainTrial(parts, d, {
      strategy,
      seed: SEED,
      epochs,
      batchSize: BATCH_SIZE,
      learningRate: LEARNING_RATE,
      backboneLearningRateScale: 0.1,
      trainBatchNorm: false,
      now,
    });

  // Warm-up: the first forward at each batch shape used below, and one training step of each kind, untimed.
  process.stderr.write('warm-up…\n');
  const warmup: Record<string, number> = {};
  for (const batch of [1, 8, 16, 32]) {
    const x = tf.tidy(() => tf.tile(tf.slice(trainImages, 0, 1), [batch, 1, 1, 1]));
    const t0 = now();
    const y = cut.predict(x) as tf.Tensor;
    await y.data();
    warmup[`forward batch ${batch}`] = seconds(t0);
    tf.dispose([x, y]);
  }

  // (a) Feature extraction.
  process.stderr.write('(a) feature extraction: cached embeddings…\n');
  setTrainable(cut, false);
  const cacheStart = now();
  const trainEmbeddings = await computeBoundary(cut, trainImages);
  const validationEmbeddings = await computeBoundary(cut, validationImages);
  const featureCacheSeconds = seconds(cacheStart);
  const headCached = buildHead(featureShape, numClasses, SEED, head);
  const t0 = now();
  await run(
    { backbone: null, head: buildHead(featureShape, numClasses, SEED + 100, head) },
    data(trainEmbeddings, validationEmbeddings),
    'feature-extraction',
    1,
  );
  warmup['head training (1 epoch)'] = seconds(t0);
  const cachedFe = await run(
    { backbone: null, head: headCached },
    data(trainEmbeddings, validationEmbeddings),
    'feature-extraction',
    epochsCached,
  );
  process.stderr.write('(a) feature extraction: backbone recomputed every batch…\n');
  const headNaive = buildHead(featureShape, numClasses, SEED, head);
  const naiveFe = await run(
    { backbone: cut, head: headNaive },
    data(trainImages, validationImages),
    'feature-extraction',
    epochsNaive,
  );
  const featureExtraction = compare(cachedFe.curve, naiveFe.curve, featureCacheSeconds);
  tf.dispose([trainEmbeddings, validationEmbeddings]);
  headCached.dispose();
  headNaive.dispose();
  setTrainable(cut, true);

  // (b) Fine-tune the last block.
  process.stderr.write('(b) fine-tune:1: cached boundary activations…\n');
  const prepared = await prepareStrategy(
    { kind: 'fine-tune', depth: 1 },
    {
      backbone,
      cut,
      cutLayer: spec.defaultCut,
      spec,
      trainInputs: trainImages,
      validationInputs: validationImages,
      numClasses,
      head,
      now,
    },
  );
  const warmParts = await prepared.partsFor(SEED + 100);
  const t1 = now();
  await run(warmParts.parts, data(prepared.trainInputs, prepared.validationInputs), 'fine-tune:1', 1);
  warmup['fine-tune:1 training (1 epoch, cached)'] = seconds(t1);
  warmParts.release();
  const seedParts = await prepared.partsFor(SEED);
  const cachedFt = await run(
    seedParts.parts,
    data(prepared.trainInputs, prepared.validationInputs),
    'fine-tune:1',
    epochsCached,
  );
  seedParts.release();
  const boundaryCacheSeconds = prepared.cacheSeconds;
  prepared.dispose();

  process.stderr.write('(b) fine-tune:1: full forward every step…\n');
  // The same trainable weights (the last block, conv_pw_12_relu → conv_pw_13_relu), inside the whole cut model.
  const layerNames = cut.layers.map((layer) => layer.name);
  const boundaryIndex = layerNames.indexOf(spec.blockOutputs[spec.blockOutputs.indexOf(spec.defaultCut) - 1]);
  cut.layers.forEach((layer, i) => (layer.trainable = i > boundaryIndex));
  const headFt = buildHead(featureShape, numClasses, SEED, head);
  const naiveFt = await run(
    { backbone: cut, head: headFt },
    data(trainImages, validationImages),
    'fine-tune:1',
    epochsNaive,
  );
  headFt.dispose();
  setTrainable(cut, true);
  const fineTune = compare(cachedFt.curve, naiveFt.curve, boundaryCacheSeconds);

  // (c) Throughput.
  process.stderr.write('(c) forward throughput…\n');
  const throughput: { batch: number; imagesPerSecond: number; seconds: number; images: number }[] = [];
  for (const batch of [1, 8, 32]) {
    const x = tf.tidy(() => tf.tile(tf.slice(trainImages, 0, 1), [batch, 1, 1, 1]));
    let images = 0;
    const start = now();
    while (seconds(start) < 4 || images < 32) {
      const y = cut.predict(x) as tf.Tensor;
      await y.data();
      y.dispose();
      images += batch;
    }
    const elapsed = seconds(start);
    throughput.push({ batch, imagesPerSecond: images / elapsed, seconds: elapsed, images });
    x.dispose();
  }

  tf.dispose([trainImages, validationImages]);
  cut.dispose();
  backbone.dispose();

  const result = {
    schemaVersion: 1,
    bench: 'core',
    date: new Date().toISOString(),
    environment,
    loadAverage1m: { before: loadBefore, after: os.loadavg()[0] },
    model: { id: spec.id, inputSize: size, cut: spec.defaultCut, source: path.relative(repoRoot, MODEL_JSON) },
    data: { dataset: 'flowers', perClass, train: train.length, validation: validation.length, batchSize: BATCH_SIZE },
    warmupSeconds: warmup,
    featureExtraction: { ...featureExtraction, target: 20, meetsTarget: featureExtraction.ratio >= 20 },
    fineTuneLastBlock: { ...fineTune, target: 3, meetsTarget: fineTune.ratio >= 3 },
    throughput,
  };

  const stamp = result.date.replace(/[:.]/g, '-');
  const json = `${JSON.stringify(result, null, 2)}\n`;
  const outFile = argValue('out', '');
  const written = outFile
    ? [path.resolve(outFile)]
    : [path.join(RESULTS_DIR, `core-${stamp}.json`), path.join(RESULTS_DIR, 'core-latest.json')];
  for (const file of written) {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, json);
  }

  const f = (x: number, d = 3) => x.toFixed(d);
  const rows = [
    ['measure', 'cached', 'naive', 'ratio', 'target', 'one-off cache (s)', 'break-even (epochs)'],
    [
      'feature extraction, s/epoch',
      f(featureExtraction.cachedEpochSeconds),
      f(featureExtraction.naiveEpochSeconds),
      `${f(featureExtraction.ratio, 1)}×`,
      '≥ 20×',
      f(featureExtraction.cacheSeconds, 2),
      f(featureExtraction.breakEvenEpochs, 2),
    ],
    [
      'fine-tune last block, s/epoch',
      f(fineTune.cachedEpochSeconds),
      f(fineTune.naiveEpochSeconds),
      `${f(fineTune.ratio, 1)}×`,
      '≥ 3×',
      f(fineTune.cacheSeconds, 2),
      f(fineTune.breakEvenEpochs, 2),
    ],
  ];
  const out = [
    `core bench: ${spec.id} at ${size}px on ${environment.backend} (tfjs ${environment.tfjsVersion}, ${environment.cores} cores); ` +
      `flowers ${train.length} train / ${validation.length} validation, batch ${BATCH_SIZE}; ` +
      `load average ${f(result.loadAverage1m.before, 1)} → ${f(result.loadAverage1m.after, 1)}`,
    '',
    formatTable(rows),
    '',
    formatTable([['forward batch', 'images/s'], ...throughput.map((t) => [String(t.batch), f(t.imagesPerSecond, 1)])]),
    '',
    formatTable([['warm-up (excluded above)', 'seconds'], ...Object.entries(warmup).map(([k, v]) => [k, f(v, 2)])]),
    '',
    `wrote ${written.map((file) => path.relative(repoRoot, file)).join(' and ')}`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

await main();
