/**
 * Leaks across runs in Node: `--runs` (10) consecutive core runExperiment calls (the CLI's digits-ab preset:
 * digits-vgg, MNIST 5–9) on the WASM backend with the backbone loaded once and kept, as the worker keeps it.
 * After each run: tf.memory() and, after a forced GC (run with `node --expose-gc`), the JS heap, RSS and the
 * external/ArrayBuffer memory (WASM's heap lives there and never shrinks). A leak shows as growth after run 1.
 *
 * Usage: node --expose-gc --import tsx bench/node/memory.ts [--runs 10] [--epochs 3] [--out FILE]
 */
import * as tf from '@tensorflow/tfjs';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { activateNodeBackend, nodeEnvironment } from '../../src/node/backend';
import { nodeModelHandler } from '../../src/node/modelLoader';
import { PRESETS } from '../../src/node/presets';
import { getBackbone } from '../../src/core/backbones/catalogue';
import { loadBackbone } from '../../src/core/backbones/load';
import { parseExperimentConfig } from '../../src/core/experiment/config';
import { runExperiment } from '../../src/core/experiment/runExperiment';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

function sample(run: number, seconds: number) {
  (globalThis as { gc?: () => void }).gc?.();
  const m = tf.memory();
  const p = process.memoryUsage();
  return {
    run,
    seconds,
    numTensors: m.numTensors,
    numBytes: m.numBytes,
    heapUsedBytes: p.heapUsed,
    rssBytes: p.rss,
    externalBytes: p.external,
    arrayBuffersBytes: p.arrayBuffers,
  };
}

async function main(): Promise<void> {
  const runs = Number(option('runs', '10'));
  const epochs = Number(option('epochs', '3'));
  const environment = nodeEnvironment(await activateNodeBackend('wasm'));
  const preset = PRESETS['digits-ab'];
  const perClass = 10;
  const dataset = await preset.loadDataset(perClass);
  const config = parseExperimentConfig({ ...preset.config(perClass), seeds: 1, epochs });
  const spec = getBackbone('digits-vgg');
  const backbone = await loadBackbone(spec, nodeModelHandler(path.join(repoRoot, 'public', spec.modelUrl)));
  const samples = [sample(0, 0)];
  for (let run = 1; run <= runs; run++) {
    const t0 = performance.now();
    await runExperiment(config, { dataset, spec, loadBackbone: async () => backbone, environment });
    samples.push(sample(run, (performance.now() - t0) / 1000));
  }
  backbone.dispose();
  const first = samples[1];
  const last = samples[samples.length - 1];
  const result = {
    schemaVersion: 1,
    bench: 'memory-node',
    backend: environment.backend,
    gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function',
    config: {
      strategies: config.strategies,
      seeds: config.seeds,
      epochs: config.epochs,
      perClass,
      backbone: config.backbone,
    },
    runs,
    samples,
    growthAfterFirstRun: {
      numTensors: last.numTensors - first.numTensors,
      heapUsedBytes: last.heapUsedBytes - first.heapUsedBytes,
      rssBytes: last.rssBytes - first.rssBytes,
      arrayBuffersBytes: last.arrayBuffersBytes - first.arrayBuffersBytes,
    },
    tensorsAfterAllRunsVsBefore: last.numTensors - samples[0].numTensors,
  };
  const out = option('out', '');
  const json = `${JSON.stringify(result, null, 2)}\n`;
  if (out) writeFileSync(out, json);
  else process.stdout.write(json);
}

await main();
