/**
 * Training speed of conv layers on the WASM backend (with the project's conv gradient kernels,
 * src/core/backends/wasmConvGradients.ts) against the pure-JS CPU backend. Run: `npx tsx bench/wasmGradients.ts
 * [--cpu-steps 1] [--cpu-batch 32] [--wasm-epochs 3] [--only id,id] [--compare-backprop-input] [--out FILE]`
 * (`--cpu-steps 0` skips the slow CPU runs; `--compare-backprop-input` also times WASM epochs with tfjs-backend-wasm's
 * own Conv2DBackpropInput against our wrapper of it, alternating epoch by epoch on one model: before/after in one run). Prints a table and writes bench/results/wasm-gradients-<date>.json (or FILE). `npm run bench` runs it
 * as a subprocess and folds the JSON into its result.
 *
 * Scenarios (bench/trainScenarios.ts, shared with the browser page that times WebGL/WebGPU/WASM on the same models):
 * mobilenet-like last block, MobileNet v1 0.25 top-1 and top-2 blocks with the real weights from
 * /work/shared/models, digits-VGG-like from scratch; SGD on seeded random data, batch 32, an epoch = 200 examples.
 * WASM epochs are timed for real (after one warm-up epoch: first allocations, XNNPACK operator creation); CPU epochs
 * are extrapolated from timed single steps of --cpu-batch examples (the CPU conv gradients take seconds to minutes
 * per step), so the ratio is per example. Both wall time and process CPU time are reported: on a shared machine wall
 * time includes waiting for a core, CPU time is what an idle machine would show (single-threaded: WASM runs without
 * threads in Node, the CPU backend is plain JS).
 */
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { activateNodeBackend, type NodeBackendName } from '../src/node/backend';
import { registerWasmConvGradients } from '../src/core/backends/wasmConvGradients';
import {
  BATCH,
  batchOf,
  EPOCH_EXAMPLES,
  epochBatchSizes,
  median,
  trainScenarios,
  type Scenario,
} from './trainScenarios';

const MOBILENET_DIR = '/work/shared/models/mobilenet_v1_0.25_224';

/**
 * tfjs-backend-wasm's own Conv2DBackpropInput, captured at import (the package registers its kernels then), before
 * registerWasmConvGradients wraps it: the "before" of --compare-backprop-input.
 */
const TFJS_BACKPROP_INPUT = tf.getKernel(tf.Conv2DBackpropInput, 'wasm');
if (tf.getKernel(tf.Conv2DBackpropFilter, 'wasm') != null) {
  throw new Error('bench/wasmGradients.ts: the conv gradient kernels were registered before the original was captured');
}
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

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

function stringOption(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The full pretrained MobileNet v1 0.25 from the shared model folder (one file read per shard). */
async function loadMobilenetFromFiles(): Promise<tf.LayersModel> {
  const json = JSON.parse(readFileSync(path.join(MOBILENET_DIR, 'model.json'), 'utf8')) as {
    modelTopology: object;
    weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  };
  const buffers = json.weightsManifest.flatMap((group) =>
    group.paths.map((p) => readFileSync(path.join(MOBILENET_DIR, p))),
  );
  const weightData = new Uint8Array(buffers.reduce((n, b) => n + b.byteLength, 0));
  let offset = 0;
  for (const b of buffers) {
    weightData.set(b, offset);
    offset += b.byteLength;
  }
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
      weightData: weightData.buffer,
    }),
  );
}

async function trainStep(model: tf.LayersModel, batch: { xs: tf.Tensor; ys: tf.Tensor }): Promise<number> {
  return (await model.trainOnBatch(batch.xs, batch.ys)) as number;
}

/** Times `steps` single steps of `batchSize` after one warm-up step; epoch = step time × 200 / batchSize. */
async function timeSteps(scenario: Scenario, backend: string, steps: number, batchSize = BATCH): Promise<Timing> {
  await activateNodeBackend(backend as NodeBackendName);
  const model = await scenario.build();
  const batch = batchOf(scenario, batchSize, 1);
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
  const perEpoch = EPOCH_EXAMPLES / batchSize;
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
  await activateNodeBackend(backend as NodeBackendName);
  const model = await scenario.build();
  const sizes = epochBatchSizes();
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
  return timedEpochs(backend, epochTimes, cpuTimes, epochs * sizes.length, loss);
}

/** A Timing from timed whole epochs: medians of wall and CPU seconds, per step scaled by the batch. */
function timedEpochs(
  backend: string,
  epochTimes: number[],
  cpuTimes: number[],
  steps: number,
  finalLoss: number,
): Timing {
  const epochSeconds = median(epochTimes);
  const epochCpuSeconds = median(cpuTimes);
  return {
    backend,
    stepSeconds: (epochSeconds * BATCH) / EPOCH_EXAMPLES,
    epochSeconds,
    stepCpuSeconds: (epochCpuSeconds * BATCH) / EPOCH_EXAMPLES,
    epochCpuSeconds,
    epochMethod: 'timed',
    steps,
    finalLoss,
  };
}

/** Makes WASM use tfjs-backend-wasm's own Conv2DBackpropInput ('tfjs') or our wrapper of it ('ours'). */
function useBackpropInput(which: 'tfjs' | 'ours'): void {
  if (which === 'ours') {
    registerWasmConvGradients(); // wraps whatever is registered unless it is our wrapper already
    return;
  }
  tf.unregisterKernel(tf.Conv2DBackpropInput, 'wasm');
  tf.registerKernel(TFJS_BACKPROP_INPUT);
}

/**
 * WASM epochs of 200 with tfjs's own Conv2DBackpropInput and with ours, alternating on one model (tfjs, ours, tfjs,
 * ours, …) so both see the same load; one warm-up epoch each, then the median of `epochs` each.
 */
async function compareBackpropInput(scenario: Scenario, epochs: number): Promise<{ tfjs: Timing; ours: Timing }> {
  await activateNodeBackend('wasm');
  const model = await scenario.build();
  const batches = epochBatchSizes().map((size, i) => batchOf(scenario, size, 10 + i));
  const times = { tfjs: [] as number[], ours: [] as number[] };
  const cpuTimes = { tfjs: [] as number[], ours: [] as number[] };
  let loss = NaN;
  try {
    for (let epoch = 0; epoch <= epochs; epoch++) {
      for (const which of ['tfjs', 'ours'] as const) {
        useBackpropInput(which);
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        for (const batch of batches) loss = await trainStep(model, batch);
        if (epoch > 0) {
          cpuTimes[which].push(cpuSecondsSince(c0));
          times[which].push((performance.now() - t0) / 1000);
        }
      }
    }
  } finally {
    useBackpropInput('ours');
    batches.forEach((b) => tf.dispose([b.xs, b.ys]));
    model.dispose();
  }
  const timing = (which: 'tfjs' | 'ours'): Timing =>
    timedEpochs(
      which === 'tfjs' ? 'wasm (tfjs Conv2DBackpropInput)' : 'wasm',
      times[which],
      cpuTimes[which],
      epochs * batches.length,
      loss,
    );
  return { tfjs: timing('tfjs'), ours: timing('ours') };
}

function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

async function main(): Promise<void> {
  const cpuSteps = option('cpu-steps', 1);
  const cpuBatch = option('cpu-batch', BATCH);
  const wasmEpochs = option('wasm-epochs', 3);
  const compare = process.argv.includes('--compare-backprop-input');
  const loadAtStart = os.loadavg()[0];
  const only = stringOption('only')?.split(',').filter(Boolean);
  const all = trainScenarios(loadMobilenetFromFiles);
  const unknown = (only ?? []).filter((id) => !all.some((s) => s.id === id));
  if (unknown.length)
    throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${all.map((s) => s.id).join(', ')}`);
  const scenarios = only ? all.filter((s) => only.includes(s.id)) : all;
  const rows: {
    id: string;
    scenario: string;
    target?: string;
    wasm: Timing;
    wasmStep: Timing;
    cpu: Timing;
    speedup: number;
    cpuTimeSpeedup: number;
    /** With --compare-backprop-input: WASM epochs with tfjs's own Conv2DBackpropInput vs ours, alternating. */
    backpropInput?: { tfjs: Timing; ours: Timing };
  }[] = [];
  for (const scenario of scenarios) {
    const wasm = await timeEpochs(scenario, 'wasm', wasmEpochs);
    const wasmStep = await timeSteps(scenario, 'wasm', 5);
    const cpu =
      cpuSteps > 0 ? await timeSteps(scenario, 'cpu', cpuSteps, cpuBatch) : { ...wasmStep, backend: 'cpu (skipped)' };
    const row = {
      id: scenario.id,
      scenario: scenario.name,
      target: scenario.target,
      wasm,
      wasmStep,
      cpu,
      speedup: cpu.epochSeconds / wasm.epochSeconds,
      cpuTimeSpeedup: cpu.epochCpuSeconds / wasm.epochCpuSeconds,
    };
    const backpropInput = compare ? await compareBackpropInput(scenario, wasmEpochs) : undefined;
    rows.push({ ...row, backpropInput });
    process.stdout.write(
      `${scenario.name.padEnd(48)} | wasm step ${ms(wasmStep.stepSeconds)} (cpu-time ${ms(wasmStep.stepCpuSeconds)}), ` +
        `epoch ${ms(wasm.epochSeconds)} (${ms(wasm.epochCpuSeconds)}) | cpu step ${ms(cpu.stepSeconds)} ` +
        `(${ms(cpu.stepCpuSeconds)}), epoch ≈${ms(cpu.epochSeconds)} | ${row.speedup.toFixed(1)}× ` +
        `(cpu-time ${row.cpuTimeSpeedup.toFixed(1)}×)\n`,
    );
    if (backpropInput) {
      const { tfjs, ours } = backpropInput;
      process.stdout.write(
        `${''.padEnd(48)} | Conv2DBackpropInput tfjs → ours: epoch ${ms(tfjs.epochSeconds)} → ${ms(ours.epochSeconds)} ` +
          `(cpu-time ${ms(tfjs.epochCpuSeconds)} → ${ms(ours.epochCpuSeconds)}), alternating epochs\n`,
      );
    }
  }
  const date = new Date().toISOString().slice(0, 10);
  const out = stringOption('out');
  const file = out ? path.resolve(out) : path.join(repoRoot, 'bench', 'results', `wasm-gradients-${date}.json`);
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
      loadAverage1mAtStart: loadAtStart,
      wasm: 'SIMD, no threads (Node)',
    },
    epochExamples: EPOCH_EXAMPLES,
    batch: BATCH,
    cpuBatch,
    rows,
  };
  writeFileSync(file, JSON.stringify(record, null, 2) + '\n');
  process.stdout.write(`\nwritten ${path.relative(repoRoot, file)}\n`);
}

function ms(seconds: number): string {
  return seconds >= 10 ? `${seconds.toFixed(1)} s` : `${(seconds * 1000).toFixed(0)} ms`;
}

await main();
