/**
 * Training speed of conv layers on the WASM backend (with the project's conv gradient kernels,
 * src/core/backends/wasmConvGradients.ts) against the pure-JS CPU backend. Run: `npx tsx bench/wasmGradients.ts
 * [--cpu-steps 1] [--wasm-epochs 3]` (`--cpu-steps 0` skips the slow CPU runs). Prints a table and writes bench/results/wasm-gradients-<date>.json.
 *
 * Scenarios (all trained with SGD on seeded random data, batch 32, an epoch = 200 examples = 6 batches of 32 and one
 * of 8, as in fine-tuning on a small target set):
 *   - mobilenet-like last block: cached 7×7×128 activations → depthwise 3×3 + BN + ReLU6 → pointwise 1×1 to 256 + BN
 *     + ReLU6 → global average pool → dense(5).
 *   - MobileNet v1 0.25 last block, the real layers (conv_dw_13 … conv_pw_13_relu on 7×7×256, pretrained weights
 *     from /work/shared/models) → global average pool → dense(5).
 *   - digits-VGG-like from scratch: 28×28×1 → conv32-conv32-pool-conv64-conv64-pool → dense(5).
 * WASM epochs are timed for real (after one warm-up epoch: first allocations, XNNPACK operator creation); CPU epochs
 * are extrapolated from timed single steps of 32 (the CPU conv gradients take seconds to minutes per step), so the
 * ratio is per example. Both wall time and process CPU time are reported: on a shared machine wall time includes
 * waiting for a core, CPU time is what an idle machine would show (single-threaded: WASM runs without threads in
 * Node, the CPU backend is plain JS).
 */
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { useNodeBackend } from '../src/cli/nodeBackend';
import { createRng } from '../src/core/math/rng';

const EPOCH_EXAMPLES = 200;
const BATCH = 32;
const CLASSES = 5;
const MOBILENET_DIR = '/work/shared/models/mobilenet_v1_0.25_224';
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Scenario {
  name: string;
  /** Builds a compiled model on the active backend (the caller disposes it). */
  build(): Promise<tf.LayersModel>;
  inputShape: number[];
  /** Input values: [low, high). */
  range: [number, number];
  target?: string;
}

interface Timing {
  backend: string;
  stepSeconds: number;
  epochSeconds: number;
  /** Process CPU time (user + system) per step and per epoch: what wall time would be on an idle machine. */
  stepCpuSeconds: number;
  epochCpuSeconds: number;
  /** How the epoch time was obtained. */
  epochMethod: 'timed' | 'extrapolated';
  steps: number;
  finalLoss: number;
}

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function batchOf(scenario: Scenario, size: number, seed: number): { xs: tf.Tensor; ys: tf.Tensor } {
  const rng = createRng(seed);
  const [low, high] = scenario.range;
  const count = size * scenario.inputShape.reduce((a, b) => a * b, 1);
  const xs = tf.tensor(Float32Array.from({ length: count }, () => low + (high - low) * rng.next()), [size, ...scenario.inputShape]);
  const labels = Array.from({ length: size }, () => rng.int(CLASSES));
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), CLASSES));
  return { xs, ys };
}

function compile(model: tf.LayersModel): tf.LayersModel {
  model.compile({ optimizer: tf.train.sgd(0.01), loss: 'categoricalCrossentropy' });
  return model;
}

/** MobileNet-style block: depthwise 3×3 + BN + ReLU6 → pointwise 1×1 + BN + ReLU6 → GAP → dense. */
async function mobilenetLikeBlock(): Promise<tf.LayersModel> {
  const input = tf.input({ shape: [7, 7, 128] });
  let x = tf.layers.depthwiseConv2d({ kernelSize: 3, padding: 'same', useBias: false }).apply(input) as tf.SymbolicTensor;
  x = tf.layers.batchNormalization().apply(x) as tf.SymbolicTensor;
  x = tf.layers.reLU({ maxValue: 6 }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.conv2d({ filters: 256, kernelSize: 1, useBias: false }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.batchNormalization().apply(x) as tf.SymbolicTensor;
  x = tf.layers.reLU({ maxValue: 6 }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.globalAveragePooling2d({}).apply(x) as tf.SymbolicTensor;
  const output = tf.layers.dense({ units: CLASSES, activation: 'softmax' }).apply(x) as tf.SymbolicTensor;
  return compile(tf.model({ inputs: input, outputs: output }));
}

/** The pretrained MobileNet v1 0.25 layers conv_dw_13 … conv_pw_13_relu on a 7×7×256 input, plus GAP → dense. */
async function realMobilenetLastBlock(): Promise<tf.LayersModel> {
  const json = JSON.parse(readFileSync(path.join(MOBILENET_DIR, 'model.json'), 'utf8')) as {
    modelTopology: object;
    weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  };
  const buffers = json.weightsManifest.flatMap((group) => group.paths.map((p) => readFileSync(path.join(MOBILENET_DIR, p))));
  const weightData = new Uint8Array(buffers.reduce((n, b) => n + b.byteLength, 0));
  let offset = 0;
  for (const b of buffers) {
    weightData.set(b, offset);
    offset += b.byteLength;
  }
  const full = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
      weightData: weightData.buffer,
    }),
  );
  const names = full.layers.map((layer) => layer.name);
  const first = names.indexOf('conv_dw_13');
  const last = names.indexOf('conv_pw_13_relu');
  if (first < 0 || last < first) throw new Error(`unexpected MobileNet layers: ${names.join(', ')}`);
  const input = tf.input({ shape: [7, 7, 256] });
  let x: tf.SymbolicTensor = input;
  for (const layer of full.layers.slice(first, last + 1)) x = layer.apply(x) as tf.SymbolicTensor;
  x = tf.layers.globalAveragePooling2d({}).apply(x) as tf.SymbolicTensor;
  const output = tf.layers.dense({ units: CLASSES, activation: 'softmax' }).apply(x) as tf.SymbolicTensor;
  const block = tf.model({ inputs: input, outputs: output });
  block.layers.forEach((layer) => (layer.trainable = true));
  // `block` shares the block's layers with `full`; the rest of `full` is not needed (its weights stay until exit).
  return compile(block);
}

/** Digits-VGG-like, from scratch: conv32-conv32-pool-conv64-conv64-pool-dense on 28×28×1. */
async function digitsVggLike(): Promise<tf.LayersModel> {
  const conv = (filters: number, inputShape?: number[]) =>
    tf.layers.conv2d({ filters, kernelSize: 3, padding: 'same', activation: 'relu', inputShape });
  return compile(
    tf.sequential({
      layers: [
        conv(32, [28, 28, 1]),
        conv(32),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        conv(64),
        conv(64),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.flatten(),
        tf.layers.dense({ units: CLASSES, activation: 'softmax' }),
      ],
    }),
  );
}

const SCENARIOS: Scenario[] = [
  { name: 'mobilenet-like last block (dw 7×7×128 → pw 256)', build: mobilenetLikeBlock, inputShape: [7, 7, 128], range: [0, 6] },
  {
    name: 'MobileNet v1 0.25 last block (real weights)',
    build: realMobilenetLastBlock,
    inputShape: [7, 7, 256],
    range: [0, 6],
    target: 'WASM epoch of 200 ≤ 1 s and ≥ 60× CPU',
  },
  { name: 'digits-VGG-like scratch (28×28×1)', build: digitsVggLike, inputShape: [28, 28, 1], range: [0, 1], target: 'WASM ≥ 5× CPU' },
];

async function trainStep(model: tf.LayersModel, batch: { xs: tf.Tensor; ys: tf.Tensor }): Promise<number> {
  return (await model.trainOnBatch(batch.xs, batch.ys)) as number;
}

/** Times `steps` single steps of BATCH after one warm-up step; epoch = step time × 200 / 32. */
async function timeSteps(scenario: Scenario, backend: string, steps: number): Promise<Timing> {
  await useNodeBackend(backend as 'wasm' | 'cpu');
  const model = await scenario.build();
  const batch = batchOf(scenario, BATCH, 1);
  let loss = await trainStep(model, batch);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let i = 0; i < steps; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    loss = await trainStep(model, batch);
    cpuTimes.push(cpuSecondsSince(c0));
    times.push((performance.now() - t0) / 1000);
  }
  tf.dispose([batch.xs, batch.ys]);
  model.dispose();
  const stepSeconds = median(times);
  const stepCpuSeconds = median(cpuTimes);
  const perEpoch = EPOCH_EXAMPLES / BATCH;
  return {
    backend,
    stepSeconds,
    epochSeconds: stepSeconds * perEpoch,
    stepCpuSeconds,
    epochCpuSeconds: stepCpuSeconds * perEpoch,
    epochMethod: 'extrapolated',
    steps,
    finalLoss: loss,
  };
}

/** Times whole epochs of 200 (6 × 32 + 8) after a warm-up epoch; reports the median epoch. */
async function timeEpochs(scenario: Scenario, backend: string, epochs: number): Promise<Timing> {
  await useNodeBackend(backend as 'wasm' | 'cpu');
  const model = await scenario.build();
  const sizes: number[] = [];
  for (let left = EPOCH_EXAMPLES; left > 0; left -= BATCH) sizes.push(Math.min(BATCH, left));
  const batches = sizes.map((size, i) => batchOf(scenario, size, 10 + i));
  const epochTimes: number[] = [];
  const cpuTimes: number[] = [];
  let loss = NaN;
  for (let epoch = 0; epoch <= epochs; epoch++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (const batch of batches) loss = await trainStep(model, batch);
    if (epoch > 0) {
      cpuTimes.push(cpuSecondsSince(c0));
      epochTimes.push((performance.now() - t0) / 1000);
    }
  }
  batches.forEach((b) => tf.dispose([b.xs, b.ys]));
  model.dispose();
  const epochSeconds = median(epochTimes);
  const epochCpuSeconds = median(cpuTimes);
  return {
    backend,
    stepSeconds: (epochSeconds * BATCH) / EPOCH_EXAMPLES,
    epochSeconds,
    stepCpuSeconds: (epochCpuSeconds * BATCH) / EPOCH_EXAMPLES,
    epochCpuSeconds,
    epochMethod: 'timed',
    steps: epochs * sizes.length,
    finalLoss: loss,
  };
}

function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main(): Promise<void> {
  const cpuSteps = option('cpu-steps', 1);
  const wasmEpochs = option('wasm-epochs', 3);
  const rows: {
    scenario: string;
    target?: string;
    wasm: Timing;
    wasmStep: Timing;
    cpu: Timing;
    speedup: number;
    cpuTimeSpeedup: number;
  }[] = [];
  for (const scenario of SCENARIOS) {
    const wasm = await timeEpochs(scenario, 'wasm', wasmEpochs);
    const wasmStep = await timeSteps(scenario, 'wasm', 5);
    const cpu = cpuSteps > 0 ? await timeSteps(scenario, 'cpu', cpuSteps) : { ...wasmStep, backend: 'cpu (skipped)' };
    const row = {
      scenario: scenario.name,
      target: scenario.target,
      wasm,
      wasmStep,
      cpu,
      speedup: cpu.epochSeconds / wasm.epochSeconds,
      cpuTimeSpeedup: cpu.epochCpuSeconds / wasm.epochCpuSeconds,
    };
    rows.push(row);
    process.stdout.write(
      `${scenario.name.padEnd(48)} | wasm step ${ms(wasmStep.stepSeconds)} (cpu-time ${ms(wasmStep.stepCpuSeconds)}), ` +
        `epoch ${ms(wasm.epochSeconds)} (${ms(wasm.epochCpuSeconds)}) | cpu step ${ms(cpu.stepSeconds)} ` +
        `(${ms(cpu.stepCpuSeconds)}), epoch ≈${ms(cpu.epochSeconds)} | ${row.speedup.toFixed(1)}× ` +
        `(cpu-time ${row.cpuTimeSpeedup.toFixed(1)}×)\n`,
    );
  }
  const date = new Date().toISOString().slice(0, 10);
  const file = path.join(repoRoot, 'bench', 'results', `wasm-gradients-${date}.json`);
  mkdirSync(path.dirname(file), { recursive: true });
  const record = {
    schemaVersion: 1,
    bench: 'wasm-gradients',
    date: new Date().toISOString(),
    environment: {
      node: process.version,
      tfjs: tf.version.tfjs,
      cores: os.cpus().length,
      loadAverage1m: os.loadavg()[0],
      wasm: 'SIMD, no threads (Node)',
    },
    epochExamples: EPOCH_EXAMPLES,
    batch: BATCH,
    rows,
  };
  writeFileSync(file, JSON.stringify(record, null, 2) + '\n');
  process.stdout.write(`\nwritten ${path.relative(repoRoot, file)}\n`);
}

function ms(seconds: number): string {
  return seconds >= 10 ? `${seconds.toFixed(1)} s` : `${(seconds * 1000).toFixed(0)} ms`;
}

await main();
