import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { getBackbone } from '../backbones/catalogue';
import { loadBackboneOnWasm, readFlowers } from '../../testing/engineSetup';
import { MOBILENET_V1_025_JSON } from '../../testing/paths';
import { runExperiment } from './runExperiment';

/**
 * Near-ImageNet photos (../shared/datasets/flowers, 5 classes) on ImageNet MobileNet v1 0.25: the frozen
 * backbone's features must beat the same network trained from scratch on the same 15 photos per class.
 * 96 px keeps scratch affordable; the pretrained features still work at that size.
 */
const spec = getBackbone('mobilenet_v1_0.25');
let backbone: tf.LayersModel;

beforeAll(async () => {
  backbone = await loadBackboneOnWasm(spec, MOBILENET_V1_025_JSON);
});

afterAll(() => backbone?.dispose());

describe('MobileNet v1 0.25 → flowers', () => {
  it('feature extraction beats scratch in AUC by a clear margin, and nothing leaks', async () => {
    const dataset = await readFlowers();
    const before = tf.memory().numTensors;
    const result = await runExperiment(
      {
        schemaVersion: 1,
        backbone: spec.id,
        strategies: ['scratch', 'feature-extraction'],
        seeds: 1,
        epochs: 6,
        batchSize: 16,
        learningRate: 0.003,
        backboneLearningRateScale: 0.1,
        perClass: 15,
        validationFraction: 0.25,
        splitSeed: 1,
        imageSize: 96,
        augment: false,
        trainBatchNorm: false,
      },
      {
        dataset,
        loadBackbone: async () => backbone,
        spec,
        environment: { backend: tf.getBackend(), tfjsVersion: tf.version.tfjs, cores: 2, platform: 'node' },
      },
    );
    expect(tf.memory().numTensors).toBe(before);
    const [scratch, transfer] = result.summary;
    expect(scratch.strategy).toBe('scratch');
    const line = (s: typeof scratch) =>
      `${s.strategy}: start ${s.metrics.start.mean.toFixed(3)} AUC ${s.metrics.auc.mean.toFixed(3)}`;
    process.stdout.write(`flowers ${line(scratch)}; ${line(transfer)}; ${result.seconds.toFixed(1)} s\n`);
    expect(transfer.metrics.auc.mean - scratch.metrics.auc.mean).toBeGreaterThanOrEqual(0.2);
    expect(transfer.transferGain?.auc.mean).toBeCloseTo(transfer.metrics.auc.mean - scratch.metrics.auc.mean, 10);
  });
});
