import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { mnistDataset } from '../../testing/node';
import { getBackbone } from '../backbones/catalogue';
import { loadBackboneOnWasm } from '../../testing/engineSetup';
import { DIGITS_VGG_JSON } from '../../testing/paths';
import type { BackboneSpec } from '../backbones/types';
import { runExperiment } from './runExperiment';

/**
 * The seed texts' "develop a source model" route, A → B: the built-in digits-vgg (trained on MNIST digits 0–4)
 * transferred to digits 5–9 with 10 training images per class, 3 seeds. Both transfer strategies must beat the
 * same network trained from scratch in start and AUC by a clear margin.
 */
const base = getBackbone('digits-vgg');
// mnistDataset gives black-on-white digits like every other digits source; the catalogue's preprocessing inverts
// them back into the white-on-black the source model was trained on, exactly as in the studio.
const spec: BackboneSpec = base;
let backbone: tf.LayersModel;

beforeAll(async () => {
  backbone = await loadBackboneOnWasm(spec, DIGITS_VGG_JSON);
});

afterAll(() => backbone?.dispose());

describe('digits-vgg (digits 0–4) → digits 5–9', () => {
  it('feature extraction and fine-tune:1 beat scratch in start and AUC with 10 images per class', async () => {
    // 40 per digit: half to validation (20 per class, fixed), 10 of the other 20 to training.
    const dataset = mnistDataset([5, 6, 7, 8, 9], 40, 0);
    const before = tf.memory().numTensors;
    const result = await runExperiment(
      {
        schemaVersion: 1,
        backbone: spec.id,
        strategies: ['scratch', 'feature-extraction', 'fine-tune:1'],
        seeds: 3,
        epochs: 10,
        batchSize: 10,
        learningRate: 0.003,
        backboneLearningRateScale: 0.1,
        perClass: 10,
        validationFraction: 0.5,
        splitSeed: 1,
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
    expect(result.dataset).toMatchObject({ trainCount: 50, validationCount: 100 });
    const byName = new Map(result.summary.map((s) => [s.strategy, s]));
    const scratch = byName.get('scratch')!;
    const report = result.summary
      .map(
        (s) =>
          `${s.strategy}: start ${s.metrics.start.mean.toFixed(3)} AUC ${s.metrics.auc.mean.toFixed(3)} ` +
          `asymptote ${s.metrics.asymptote.mean?.toFixed(3) ?? 'not reached'} (plateau ${s.metrics.plateau.mean.toFixed(3)})`,
      )
      .join('; ');
    process.stdout.write(`digits A→B ${report}; ${result.seconds.toFixed(1)} s\n`);
    for (const name of ['feature-extraction', 'fine-tune:1']) {
      const transfer = byName.get(name)!;
      expect(transfer.metrics.start.mean - scratch.metrics.start.mean, `${name} start`).toBeGreaterThanOrEqual(0.1);
      expect(transfer.metrics.auc.mean - scratch.metrics.auc.mean, `${name} AUC`).toBeGreaterThanOrEqual(0.1);
    }
  });
});
