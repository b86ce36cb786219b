/**
 * Accuracy reached on WASM against CPU for the reduced training scenarios of src/testing/trainingParity.ts (digits-vgg
 * from scratch at 16 px and MobileNet v1 0.25 fine-tune:2 at 96 px, 20 real images as one batch, same seed), the
 * same comparison the test src/core/backends/wasmTrainingParity.test.ts asserts on. `npm run bench` runs it in full
 * mode (about 40 s on an idle machine: the CPU side dominates).
 *
 * Usage: npx tsx bench/node/trainingParity.ts [--out FILE]
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { compareTraining, LOSS_RELATIVE_TOLERANCE, NOISE_SEEDS, PARITY_CASES } from '../../src/testing/trainingParity';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const loadBefore = os.loadavg()[0];
  const t0 = performance.now();
  const cases = [];
  for (const c of PARITY_CASES) {
    const o = await compareTraining(c);
    const firstSteps = o.stepLossDifferences.slice(0, o.matchingSteps);
    cases.push({
      id: o.id,
      name: o.name,
      trainCount: o.trainCount,
      validationCount: o.validationCount,
      epochs: c.config.epochs,
      cpuAccuracy: o.cpuAccuracy,
      wasmAccuracy: o.wasmAccuracy,
      seedAccuracies: o.seedAccuracies,
      accuracyTolerance: o.accuracyTolerance,
      withinSeedNoise: Math.abs(o.wasmAccuracy - o.cpuAccuracy) <= o.accuracyTolerance + 1e-9,
      matchingSteps: o.matchingSteps,
      maxFirstStepsLossDifference: Math.max(...firstSteps),
      stepLossDifferences: o.stepLossDifferences,
      leakedTensors: o.leakedTensors,
      cpuSeconds: o.cpuSeconds,
      wasmSeconds: o.wasmSeconds,
    });
    process.stderr.write(
      `${o.name}: final accuracy cpu ${o.cpuAccuracy.toFixed(3)}, wasm ${o.wasmAccuracy.toFixed(3)} ` +
        `(tolerance ${o.accuracyTolerance.toFixed(3)}); first ${o.matchingSteps} steps' losses within ` +
        `${Math.max(...firstSteps).toExponential(1)}; cpu ${o.cpuSeconds.toFixed(1)} s, wasm ${o.wasmSeconds.toFixed(1)} s\n`,
    );
  }
  const record = {
    schemaVersion: 1,
    bench: 'training-parity',
    date: new Date().toISOString(),
    environment: {
      node: process.version,
      tfjs: tf.version.tfjs,
      cores: os.cpus().length,
      loadAverage1m: { before: loadBefore, after: os.loadavg()[0] },
    },
    lossRelativeTolerance: LOSS_RELATIVE_TOLERANCE,
    noiseSeeds: NOISE_SEEDS,
    seconds: (performance.now() - t0) / 1000,
    cases,
  };
  const json = `${JSON.stringify(record, null, 2)}\n`;
  const out = option('out');
  if (out) writeFileSync(out, json);
  else process.stdout.write(json);
}

await main();
