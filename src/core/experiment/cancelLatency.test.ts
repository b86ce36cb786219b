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
 * Cancelling the engine mid-work (docs/guarantees.md): an abort in the MIDDLE of the one-off caching of embeddings,
 * and in the middle of a training epoch, rejects with CancelledError, stops the work where it is (no training after
 * an abort during caching; at most the epoch in hand after an abort during training), leaves no tensors and the
 * backbone's weights as they were. (runExperiment.test.ts cancels at an epoch boundary; these abort from a timer,
 * wherever the work happens to be, as a click on Cancel does.) How many milliseconds the stop takes is a speed,
 * measured by the benchmark (`npm run bench -- --only latency`), never asserted here.
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
 * Runs `cfg`, aborts `delayMs` after the first event matching `when`, and returns how many epochs ended after the
 * abort was called; the run must reject with CancelledError.
 */
async function epochsAfterCancel(
  cfg: ExperimentConfig,
  when: (e: ExperimentEvent) => boolean,
  delayMs: number,
): Promise<number> {
  const controller = new AbortController();
  let armed = false;
  let epochsAfter = 0;
  const onEvent = (e: ExperimentEvent) => {
    if (controller.signal.aborted && e.type === 'trial.epoch') epochsAfter += 1;
    if (!armed && when(e)) {
      armed = true;
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
  return epochsAfter;
}

describe('cancel mid-work (runExperiment, MobileNet v1 0.25, WASM)', () => {
  it('during the caching of embeddings: stops before any training, no tensors left, weights unchanged', async () => {
    const before = tf.memory().numTensors;
    const original = weights();
    const epochs = await epochsAfterCancel(
      config({ strategies: ['feature-extraction'] }),
      (e) => e.type === 'experiment.phase' && e.phase === 'caching',
      300,
    );
    expect(epochs).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
    expect(weights()).toEqual(original);
  });

  it('during a training epoch (fine-tune:2): stops within the epoch, no tensors left, weights unchanged', async () => {
    const before = tf.memory().numTensors;
    const original = weights();
    const epochs = await epochsAfterCancel(
      config({ strategies: ['fine-tune:2'], imageSize: 96, perClass: 30 }),
      (e) => e.type === 'trial.epoch' && e.point.epoch === 1,
      150,
    );
    expect(epochs).toBeLessThanOrEqual(1);
    expect(tf.memory().numTensors).toBe(before);
    expect(weights()).toEqual(original);
  });
});
