import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { getBackbone } from '../backbones/catalogue';
import { loadBackboneOnWasm, readFlowers } from '../../testing/engineSetup';
import { MOBILENET_V1_025_JSON } from '../../testing/paths';
import type { Dataset } from '../data/types';
import { CancelledError, type ExperimentEvent } from '../train/types';
import { runExperiment } from './runExperiment';
import type { ExperimentConfig } from './types';

/**
 * Cancel latency of the engine (docs/guarantees.md): an abort in the MIDDLE of the one-off caching of embeddings,
 * and in the middle of a training epoch, rejects with CancelledError within a second, leaves no tensors and the
 * backbone's weights as they were. (runExperiment.test.ts cancels at an epoch boundary; these abort from a timer,
 * wherever the work happens to be, as a click on Cancel does.)
 */
const spec = getBackbone('mobilenet_v1_0.25');
let backbone: tf.LayersModel;
let flowers: Dataset;

beforeAll(async () => {
  backbone = await loadBackboneOnWasm(spec, MOBILENET_V1_025_JSON);
  flowers = await readFlowers();
});
afterAll(() => backbone?.dispose());

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

const weights = () => backbone.weights.map((w) => Array.from(w.read().dataSync()));

/**
 * Runs `cfg`, aborts `delayMs` after the first event matching `when`, returns ms from the moment the abort was DUE
 * to the rejection: that includes the wait for the engine to yield the thread (in the browser the worker's
 * "cancel" message waits the same way), not just the time after the abort ran.
 */
async function cancelLatency(
  cfg: ExperimentConfig,
  when: (e: ExperimentEvent) => boolean,
  delayMs: number,
): Promise<number> {
  const controller = new AbortController();
  let dueAt = 0;
  const onEvent = (e: ExperimentEvent) => {
    if (dueAt === 0 && when(e)) {
      dueAt = performance.now() + delayMs;
      setTimeout(() => controller.abort(), delayMs);
    }
  };
  const run = runExperiment(cfg, {
    dataset: flowers,
    loadBackbone: async () => backbone,
    spec,
    environment: { backend: tf.getBackend(), tfjsVersion: tf.version.tfjs, cores: 2, platform: 'node' },
    onEvent,
    signal: controller.signal,
  });
  await expect(run).rejects.toBeInstanceOf(CancelledError);
  expect(controller.signal.aborted).toBe(true);
  return performance.now() - dueAt;
}

describe('cancel latency (runExperiment, MobileNet v1 0.25, WASM)', () => {
  it('during the caching of embeddings: stops within a second, no tensors left, weights unchanged', async () => {
    const before = tf.memory().numTensors;
    const original = weights();
    const ms = await cancelLatency(
      config({ strategies: ['feature-extraction'] }),
      (e) => e.type === 'experiment.phase' && e.phase === 'caching',
      300,
    );
    console.log(`cancel during caching: ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(1000);
    expect(tf.memory().numTensors).toBe(before);
    expect(weights()).toEqual(original);
  });

  it('during a training epoch (fine-tune:2): stops within a second, no tensors left, weights unchanged', async () => {
    const before = tf.memory().numTensors;
    const original = weights();
    const ms = await cancelLatency(
      config({ strategies: ['fine-tune:2'], imageSize: 96, perClass: 30 }),
      (e) => e.type === 'trial.epoch' && e.point.epoch === 1,
      150,
    );
    console.log(`cancel during training: ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(1000);
    expect(tf.memory().numTensors).toBe(before);
    expect(weights()).toEqual(original);
  });
});
