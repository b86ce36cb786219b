/**
 * Cancel latencies in Node, the timings the tests used to assert (issue 13, item 15) and now only check happen:
 *   engine: runExperiment (MobileNet v1 0.25 on WASM, flowers) aborted 300 ms into the caching of embeddings and
 *     150 ms into epoch 2 of fine-tune:2 — ms from the moment the abort was due to the CancelledError (the wait for
 *     the engine to yield the thread included, as a Cancel click waits for the worker);
 *   import: the worker's dataset service on fake-indexeddb, 1,000 files whose decodes take 40 ms each, cancelled once
 *     60 are done — ms from the cancel command to the finish event.
 *
 * Usage: node --import tsx bench/node/cancelLatency.ts [--quick] --out FILE
 */
import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerWasmConvGradients } from '../../src/core/backends/wasmConvGradients';
import { getBackbone } from '../../src/core/backbones/catalogue';
import { loadBackbone } from '../../src/core/backbones/load';
import { checkImageBytes } from '../../src/core/data/imageHeader';
import type { Dataset } from '../../src/core/data/types';
import { runExperiment } from '../../src/core/experiment/runExperiment';
import type { ExperimentConfig } from '../../src/core/experiment/types';
import { patternPng } from '../../src/core/testing/badInputs';
import { CancelledError, type ExperimentEvent } from '../../src/core/train/types';
import { activateNodeBackend } from '../../src/node/backend';
import { nodeDecoder } from '../../src/node/decode';
import { readFolderDataset } from '../../src/node/folderDataset';
import { nodeModelHandler } from '../../src/node/modelLoader';
import { createDatasetService } from '../../src/worker/datasets/datasetService';
import type { DatasetWorkerEvent } from '../../src/worker/protocol/dataset';
import { WorkspaceDb } from '../../src/worker/workspace/db';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHARED = process.env.TRANSFER_STUDIO_SHARED ?? path.resolve(repoRoot, '..', 'shared');
const spec = getBackbone('mobilenet_v1_0.25');

const config = (overrides: Partial<ExperimentConfig>): ExperimentConfig => ({
  schemaVersion: 1,
  backbone: spec.id,
  strategies: ['feature-extraction'],
  seeds: 1,
  epochs: 50,
  batchSize: 8,
  learningRate: 0.001,
  backboneLearningRateScale: 0.1,
  validationFraction: 0.2,
  splitSeed: 1,
  imageSize: 128,
  augment: false,
  trainBatchNorm: false,
  ...overrides,
});

async function engineCancelMs(
  backbone: tf.LayersModel,
  dataset: Dataset,
  cfg: ExperimentConfig,
  when: (e: ExperimentEvent) => boolean,
  delayMs: number,
): Promise<number> {
  const controller = new AbortController();
  let dueAt = 0;
  const run = runExperiment(cfg, {
    dataset,
    loadBackbone: async () => backbone,
    spec,
    environment: { backend: tf.getBackend(), tfjsVersion: tf.version.tfjs, cores: 2, platform: 'node' },
    onEvent: (e) => {
      if (dueAt === 0 && when(e)) {
        dueAt = performance.now() + delayMs;
        setTimeout(() => controller.abort(), delayMs);
      }
    },
    signal: controller.signal,
  });
  try {
    await run;
  } catch (error) {
    if (!(error instanceof CancelledError)) throw error;
    return performance.now() - dueAt;
  }
  throw new Error('the run finished before it was cancelled');
}

async function importCancelMs(): Promise<number> {
  const events: { at: number; event: DatasetWorkerEvent }[] = [];
  const service = createDatasetService({
    emit: (event) => events.push({ at: performance.now(), event }),
    openWorkspace: () => WorkspaceDb.open({ name: 'bench-cancel' }),
    decode: async (bytes, label, limits) => {
      const check = checkImageBytes(bytes, label, limits);
      if (!check.ok) throw check.error;
      await new Promise((resolve) => setTimeout(resolve, 40));
      return {
        image: { width: 1, height: 1, data: new Uint8Array(3) },
        thumbnail: new Blob([new Uint8Array([1])], { type: 'image/webp' }),
        format: check.format,
        originalWidth: check.width,
        originalHeight: check.height,
        warnings: [],
        notices: [],
      };
    },
  });
  const files = Array.from({ length: 1000 }, (_, i) => {
    const filePath = `big/${i % 2 ? 'x' : 'y'}/${i}.png`;
    return { path: filePath, file: new File([patternPng(i % 250, 8, i % 2) as Uint8Array<ArrayBuffer>], `${i}.png`) };
  });
  const running = service.handle({
    type: 'import.start',
    importId: 'big',
    datasetId: 'big',
    createName: 'big',
    files,
    folders: [],
    readProblems: [],
  });
  while (!events.some((e) => e.event.type === 'import.progress' && e.event.done >= 60)) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const cancelledAt = performance.now();
  await service.handle({ type: 'import.cancel', importId: 'big' });
  await running;
  const finished = events.find((e) => e.event.type === 'import.finished');
  return finished!.at - cancelledAt;
}

async function main() {
  const outIndex = process.argv.indexOf('--out');
  registerWasmConvGradients();
  await activateNodeBackend('wasm');
  const backbone = await loadBackbone(
    spec,
    nodeModelHandler(path.join(SHARED, 'models/mobilenet_v1_0.25_224/model.json')),
  );
  const flowers = (await readFolderDataset(path.join(SHARED, 'datasets/flowers'), nodeDecoder)).dataset;
  const cachingMs = await engineCancelMs(
    backbone,
    flowers,
    config({}),
    (e) => e.type === 'experiment.phase' && e.phase === 'caching',
    300,
  );
  const trainingMs = await engineCancelMs(
    backbone,
    flowers,
    config({ strategies: ['fine-tune:2'], imageSize: 96, perClass: 30 }),
    (e) => e.type === 'trial.epoch' && e.point.epoch === 1,
    150,
  );
  backbone.dispose();
  const importServiceMs = await importCancelMs();
  const result = { engine: { cachingMs, trainingMs }, importServiceMs };
  process.stderr.write(
    `engine cancel: caching ${cachingMs.toFixed(0)} ms, training ${trainingMs.toFixed(0)} ms; import ${importServiceMs.toFixed(0)} ms\n`,
  );
  if (outIndex >= 0) writeFileSync(process.argv[outIndex + 1], `${JSON.stringify(result, null, 2)}\n`);
}

await main();
