/**
 * Training steps of MobileNet v1 0.25 on Node WASM, each ratio measured side by side in one process:
 *   - forward vs whole-network training step (batch 32, 224 px): the issue-19 target
 *     `scratch-step-to-forward-ratio:wasm:mobilenet_v1_0.25` (≤ 4); the same step with tfjs's own batch norm and
 *     relu6 beside it (`stepToTfjsCpu`);
 *   - last-block fine-tune step (the real conv_dw_13 … conv_pw_13_relu + GAP + dense(5) on cached 7×7×256 inputs,
 *     batch 32) with tfjs-core's FusedBatchNorm gradient and tfjs-layers' relu6 ("old", bench/tfjsOriginals.ts)
 *     against ours ("new"), alternating round by round: `finetune-step-ratio` (new ÷ old, ≤ 0.65);
 *   - the new fine-tune step and the whole-network step broken down by kernel (tf.profile): the top 5 by summed
 *     kernel time.
 * Ratios use process CPU time (user + system; WASM is single-threaded in Node): on a shared machine wall time also
 * counts waiting for a core. Wall times are recorded beside them.
 *
 * Usage: node --import tsx bench/node/stepProfile.ts [--steps 3] [--finetune-steps 10] [--rounds 3] [--out FILE]
 */
import * as tf from '@tensorflow/tfjs';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getBackbone } from '../../src/core/backbones/catalogue';
import { loadBackbone } from '../../src/core/backbones/load';
import { cutAt } from '../../src/core/backbones/truncate';
import { activateNodeBackend } from '../../src/node/backend';
import { nodeModelHandler } from '../../src/node/modelLoader';
import { useOurGradients, useTfjsGradients } from '../tfjsOriginals';
import { BATCH, batchOf, CLASSES, compileForBench, median, trainScenarios, type Scenario } from '../trainScenarios';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHARED = process.env.TRANSFER_STUDIO_SHARED ?? path.resolve(repoRoot, '..', 'shared');
const MODEL_JSON = path.join(SHARED, 'models/mobilenet_v1_0.25_224/model.json');
const SPEC = getBackbone('mobilenet_v1_0.25');

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

interface Timed {
  /** Medians over the timed repetitions, seconds. */
  wallSeconds: number;
  cpuSeconds: number;
  repetitions: number;
}

/** Runs `fn` once untimed (warm-up), then `n` times timed; medians of wall and process CPU seconds. */
async function time(n: number, fn: () => Promise<void>): Promise<Timed> {
  await fn();
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < n; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    walls.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1e6);
  }
  return {
    wallSeconds: median(walls),
    cpuSeconds: median(cpus),
    repetitions: n,
  };
}

const loadFull = () => loadBackbone(SPEC, nodeModelHandler(MODEL_JSON));

/** The whole network as scratch trains it: every layer trainable, cut at the embedding → GAP → dense(5). */
async function wholeNetwork(): Promise<tf.LayersModel> {
  const cut = cutAt(await loadFull(), SPEC.defaultCut);
  const pooled = tf.layers.globalAveragePooling2d({}).apply(cut.outputs[0]) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: CLASSES, activation: 'softmax' }).apply(pooled) as tf.SymbolicTensor;
  const model = tf.model({ inputs: cut.inputs, outputs: out });
  model.layers.forEach((layer) => (layer.trainable = true));
  return compileForBench(model);
}

async function scratchVsForward(steps: number) {
  // tfjs's own batch norm (training mode from ~20 kernels per layer, Tile gradient) and relu6 first, for the same
  // step side by side; then ours for the step and the forward pass.
  useTfjsGradients();
  const tfjsModel = await wholeNetwork();
  useOurGradients();
  const model = await wholeNetwork();
  const size = SPEC.preprocessing.inputSize;
  const scenario: Scenario = {
    id: 'whole',
    name: 'MobileNet v1 0.25 whole network',
    build: async () => model,
    inputShape: [size, size, 3],
    range: [-1, 1],
  };
  const batch = batchOf(scenario, BATCH, 1);
  const forward = await time(steps, async () => {
    const y = model.predict(batch.xs) as tf.Tensor;
    await y.data();
    y.dispose();
  });
  const step = await time(steps, async () => {
    await model.trainOnBatch(batch.xs, batch.ys);
  });
  const tfjsStep = await time(steps, async () => {
    await tfjsModel.trainOnBatch(batch.xs, batch.ys);
  });
  const profile = topKernelsOf(
    await tf.profile(async () => {
      await model.trainOnBatch(batch.xs, batch.ys);
    }),
  );
  tf.dispose([batch.xs, batch.ys]);
  model.dispose();
  tfjsModel.dispose();
  return {
    batch: BATCH,
    inputSize: size,
    forward,
    step,
    ratioCpu: step.cpuSeconds / forward.cpuSeconds,
    ratioWall: step.wallSeconds / forward.wallSeconds,
    /** The same step with tfjs's own batch norm and relu6 (bench/tfjsOriginals.ts), and ours ÷ it. */
    tfjsStep,
    stepToTfjsCpu: step.cpuSeconds / tfjsStep.cpuSeconds,
    /** Our step broken down by kernel (tf.profile, wall time per kernel): the top 5. */
    profile: { totalKernelMs: profile.totalMs, topKernels: profile.topKernels },
  };
}

async function fineTuneStep(steps: number, rounds: number) {
  const scenario = trainScenarios(loadFull).find((s) => s.id === 'mobilenet-top1');
  if (!scenario) throw new Error('bench/trainScenarios.ts has no mobilenet-top1 scenario');
  const batch = batchOf(scenario, BATCH, 2);
  const samples: Record<'old' | 'new', Timed[]> = { old: [], new: [] };
  const stepOf = (model: tf.LayersModel) => async () => {
    await model.trainOnBatch(batch.xs, batch.ys);
  };
  for (let round = 0; round < rounds; round++) {
    for (const which of ['old', 'new'] as const) {
      if (which === 'old') useTfjsGradients();
      else useOurGradients();
      const model = await scenario.build(); // re-created: the activation is resolved when a layer is built
      samples[which].push(await time(steps, stepOf(model)));
      model.dispose();
    }
  }
  useOurGradients();
  const model = await scenario.build();
  await stepOf(model)();
  const profile = await tf.profile(stepOf(model));
  model.dispose();
  tf.dispose([batch.xs, batch.ys]);
  const { totalMs, topKernels } = topKernelsOf(profile);
  const summary = (which: 'old' | 'new') => ({
    cpuSeconds: median(samples[which].map((s) => s.cpuSeconds)),
    wallSeconds: median(samples[which].map((s) => s.wallSeconds)),
    rounds: samples[which],
  });
  const [old, now] = [summary('old'), summary('new')];
  return {
    scenario: scenario.name,
    batch: BATCH,
    old,
    new: now,
    ratioCpu: now.cpuSeconds / old.cpuSeconds,
    ratioWall: now.wallSeconds / old.wallSeconds,
    profile: {
      totalKernelMs: totalMs,
      kernelCount: profile.kernels.length,
      topKernels,
    },
  };
}

/** The top 5 kernels of a profile by summed kernel time (ms, calls, share of the total). */
function topKernelsOf(profile: Awaited<ReturnType<typeof tf.profile>>) {
  const byKernel = new Map<string, { ms: number; calls: number }>();
  // `name__op` entries are custom-gradient wrappers (tf.customGrad) around kernels listed on their own: skip them,
  // or their time would count twice.
  for (const k of profile.kernels.filter((kernel) => !kernel.name.endsWith('__op'))) {
    const entry = byKernel.get(k.name) ?? { ms: 0, calls: 0 };
    entry.ms += Number(k.kernelTimeMs) || 0;
    entry.calls += 1;
    byKernel.set(k.name, entry);
  }
  const totalMs = [...byKernel.values()].reduce((sum, e) => sum + e.ms, 0);
  const topKernels = [...byKernel.entries()]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, 5)
    .map(([name, e]) => ({ name, ms: e.ms, calls: e.calls, share: e.ms / totalMs }));
  return { totalMs, topKernels };
}

async function main(): Promise<void> {
  const active = await activateNodeBackend('wasm');
  if (active.backend !== 'wasm') throw new Error(`WASM backend unavailable (got ${active.backend})`);
  const fineTune = await fineTuneStep(option('finetune-steps', 10), option('rounds', 3));
  process.stdout.write(
    `fine-tune step: old ${(1000 * fineTune.old.cpuSeconds).toFixed(0)} ms, new ${(1000 * fineTune.new.cpuSeconds).toFixed(0)} ms CPU (new ÷ old ${fineTune.ratioCpu.toFixed(2)}); ` +
      `top kernels ${fineTune.profile.topKernels.map((k) => `${k.name} ${k.ms.toFixed(0)} ms`).join(', ')}\n`,
  );
  const scratch = await scratchVsForward(option('steps', 3));
  process.stdout.write(
    `whole network, batch ${BATCH}: forward ${scratch.forward.cpuSeconds.toFixed(2)} s, step ${scratch.step.cpuSeconds.toFixed(2)} s CPU (× ${scratch.ratioCpu.toFixed(2)}); ` +
      `with tfjs's batch norm ${scratch.tfjsStep.cpuSeconds.toFixed(2)} s (ours ÷ tfjs ${scratch.stepToTfjsCpu.toFixed(2)}); ` +
      `top kernels ${scratch.profile.topKernels.map((k) => `${k.name} ${k.ms.toFixed(0)} ms`).join(', ')}\n`,
  );
  const report = { backend: 'wasm', fineTune, scratch };
  const i = process.argv.indexOf('--out');
  if (i >= 0) writeFileSync(process.argv[i + 1], `${JSON.stringify(report, null, 2)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
