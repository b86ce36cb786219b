import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { getBackbone } from '../backbones/catalogue';
import { loadBackboneOnWasm } from '../../testing/engineSetup';
import { DIGITS_VGG_JSON, SHARED_DATASETS } from '../../testing/paths';
import { nodeDecoder, readFolderDataset } from '../../testing/node';
import { parseExperimentConfig, ConfigError } from './config';
import { runExperiment } from './runExperiment';
import { alignClasses } from './runAdaptation';
import { ADAPTATION_STRATEGIES, type ExperimentEvent } from '../train/types';
import type { ExperimentConfig } from './types';
import type { Dataset } from '../data/types';

/**
 * Adaptation strategies through the experiment runner, tiny: the built-in digits network, ../shared's digits-mnist
 * (source, 300 images) → digits-mnistm (target, 300), 2 epochs, 2 seeds × 2 repeats.
 */
const spec = getBackbone('digits-vgg');
let backbone: tf.LayersModel;
let source: Dataset;
let target: Dataset;

beforeAll(async () => {
  backbone = await loadBackboneOnWasm(spec, DIGITS_VGG_JSON);
  source = (await readFolderDataset(path.join(SHARED_DATASETS, 'digits-mnist'), nodeDecoder)).dataset;
  target = (await readFolderDataset(path.join(SHARED_DATASETS, 'digits-mnistm'), nodeDecoder)).dataset;
});

afterAll(() => backbone?.dispose());

const config: ExperimentConfig = {
  schemaVersion: 1,
  backbone: spec.id,
  strategies: [...ADAPTATION_STRATEGIES],
  seeds: 2,
  repeats: 2,
  epochs: 2,
  batchSize: 32,
  learningRate: 0.001,
  backboneLearningRateScale: 0.1,
  validationFraction: 0.5,
  splitSeed: 1,
  augment: false,
  trainBatchNorm: false,
};

describe('runExperiment with adaptation strategies', () => {
  it('runs every strategy × seed × repeat on target validation, pairs gains against source-only, frees its tensors', async () => {
    const before = tf.memory().numTensors;
    const events: ExperimentEvent[] = [];
    const result = await runExperiment(config, {
      dataset: target,
      source,
      loadBackbone: async () => backbone,
      spec,
      environment: { backend: tf.getBackend(), tfjsVersion: tf.version.tfjs, cores: 2, platform: 'node' },
      onEvent: (e) => events.push(e),
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(result.runs).toHaveLength(ADAPTATION_STRATEGIES.length * 2 * 2);
    expect(result.source).toEqual({ name: source.name, count: 300 });
    // The PCA picture of both domains, before and after CORAL: plain numbers, every image counted.
    const scatter = result.adaptation!.scatter;
    expect(scatter.sourceCount).toBe(300);
    expect(scatter.targetCount).toBe(target.examples.length);
    expect(scatter.after.centroidGap).toBeLessThan(1e-6);
    expect(scatter.before.points.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y))).toBe(true);
    expect(result.dataset.validationCount).toBe(150);
    expect(result.summary.map((s) => s.strategy)).toEqual([...ADAPTATION_STRATEGIES]);
    for (const run of result.runs) {
      expect(run.curve.map((p) => p.epoch)).toEqual([0, 1, 2]);
      expect(run.confusion.flat().reduce((a, b) => a + b, 0)).toBe(150);
    }
    const baseline = result.summary.find((s) => s.strategy === 'source-only')!;
    expect(baseline.transferGain).toBeNull();
    for (const summary of result.summary.filter((s) => s.strategy !== 'source-only')) {
      expect(summary.repeats).toBe(2);
      expect(summary.transferGain?.pairs).toBe(4);
      expect(summary.transferGain?.plateau.ci95).not.toBeNull();
    }
    const started = events.filter((e) => e.type === 'trial.start');
    expect(started).toHaveLength(28);
    expect(events.filter((e) => e.type === 'trial.epoch')).toHaveLength(28 * 3);
    expect(events.at(-1)).toEqual({ type: 'experiment.phase', phase: 'done' });
  }, 180_000);
});

describe('adaptation configs and classes', () => {
  it('rejects adaptation mixed with scratch or fine-tuning, names the adaptation ids for a typo', () => {
    expect(() => parseExperimentConfig({ backbone: 'digits-vgg', strategies: ['scratch', 'coral'] })).toThrow(
      /cannot be mixed/,
    );
    try {
      parseExperimentConfig({ backbone: 'digits-vgg', strategies: ['corall'] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain('source-only, coral, deep-coral, dan, dann, tradaboost, oracle');
    }
  });

  it('maps source labels to the target classes by name and refuses a source missing a target class', () => {
    const image = { width: 1, height: 1, data: new Uint8Array(3) };
    const src: Dataset = {
      name: 's',
      classNames: ['b', 'a', 'extra'],
      examples: [0, 1, 2].map((label) => ({ id: `s${label}`, label, source: `s${label}`, image })),
    };
    const aligned = alignClasses(src, ['a', 'b']);
    expect(aligned.classNames).toEqual(['a', 'b']);
    expect(aligned.examples.map((e) => [e.id, e.label])).toEqual([
      ['s0', 1],
      ['s1', 0],
    ]);
    expect(() => alignClasses(src, ['a', 'c'])).toThrow(/no images of target class\(es\) "c"/);
  });
});
