import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { mnistDataset } from '../../testing/node';
import { loadBackboneOnWasm } from '../../testing/engineSetup';
import { DIGITS_VGG_JSON } from '../../testing/paths';
import { getBackbone } from '../backbones/catalogue';
import { runExperiment } from '../experiment/runExperiment';
import { CancelledError } from '../train/types';
import { parseSweepConfig } from './config';
import { runSweep } from './runSweep';
import type { SweepEvent, SweepResult } from './types';

/**
 * The sweep engine on the built-in digits network (trained on 0–4) and MNIST 5–9: a small grid of depths × sizes ×
 * repeats × seeds, checked for what the issue promises — every cell and trial there, nested sizes, paired gains,
 * the cache reuse, no leaked tensors, the backbone untouched, and a cell equal to the same trial of a plain run.
 */
const spec = getBackbone('digits-vgg');
let backbone: tf.LayersModel;
const dataset = mnistDataset([5, 6, 7, 8, 9], 16, 0);
const environment = { backend: 'wasm', tfjsVersion: tf.version.tfjs, cores: 2, platform: 'node' as const };

beforeAll(async () => {
  backbone = await loadBackboneOnWasm(spec, DIGITS_VGG_JSON);
});
afterAll(() => backbone?.dispose());

const config = parseSweepConfig({
  backbone: 'digits-vgg',
  depths: [0, 1, 3],
  perClass: [2, 6],
  seeds: 2,
  repeats: 2,
  epochs: 3,
  batchSize: 8,
  learningRate: 0.003,
  validationFraction: 0.5,
});

describe('runSweep (digits-vgg → MNIST 5–9)', () => {
  let result: SweepResult;
  const events: SweepEvent[] = [];
  let weightsBefore: number[][];
  let flagsBefore: boolean[];
  let tensorsBefore: number;

  beforeAll(async () => {
    weightsBefore = backbone.weights.map((w) => Array.from(w.read().dataSync()));
    flagsBefore = backbone.layers.map((layer) => layer.trainable);
    tensorsBefore = tf.memory().numTensors;
    result = await runSweep(config, {
      dataset,
      spec,
      environment,
      loadBackbone: async () => backbone,
      onEvent: (e) => events.push(e),
    });
  }, 300_000);

  it('runs every cell (depth × size, scratch × size) over repeats × seeds, with intervals', () => {
    expect(result.cells.map((c) => `${c.strategy}@${c.perClass}`)).toEqual([
      'feature-extraction@2',
      'feature-extraction@6',
      'fine-tune:1@2',
      'fine-tune:1@6',
      'fine-tune:3@2',
      'fine-tune:3@6',
      'scratch@2',
      'scratch@6',
    ]);
    for (const cell of result.cells) {
      expect(cell.trials.map((t) => `${t.repeat}/${t.seed}`).sort()).toEqual(['0/1', '0/2', '1/1', '1/2']);
      expect(cell.metrics.plateau.method).toBe('t-repeats');
      expect(cell.metrics.plateau.ci95).not.toBeNull();
      for (const t of cell.trials) expect(t.curve.map((p) => p.epoch)).toEqual([0, 1, 2, 3]);
      if (cell.strategy === 'scratch') {
        expect(cell.gain).toBeNull();
        expect(cell.verdict).toBeNull();
        expect(cell.depth).toBeUndefined();
      } else {
        expect(cell.gain!.plateau.n).toBe(2);
        const scratch = result.cells.find((c) => c.strategy === 'scratch' && c.perClass === cell.perClass)!;
        const diffs = cell.trials.map(
          (t) =>
            t.metrics.plateau - scratch.trials.find((s) => s.repeat === t.repeat && s.seed === t.seed)!.metrics.plateau,
        );
        expect(cell.gain!.plateau.mean).toBeCloseTo(diffs.reduce((a, b) => a + b, 0) / diffs.length, 12);
      }
    }
    expect(result.dataset).toMatchObject({ validationCount: 40, trainCounts: { 2: 10, 6: 30 } });
  });

  it('streams a plan, every epoch and every cell, in training order (transfer, deepest cut first, scratch last)', () => {
    expect(events[0]).toMatchObject({ type: 'sweep.planned', trialCount: 32, epochs: 3 });
    const order = events.filter((e) => e.type === 'cell.end').map((e) => result.cells[e.cell].strategy);
    expect(order).toEqual([
      'fine-tune:3',
      'fine-tune:3',
      'fine-tune:1',
      'fine-tune:1',
      'feature-extraction',
      'feature-extraction',
      'scratch',
      'scratch',
    ]);
    expect(events.filter((e) => e.type === 'trial.epoch')).toHaveLength(32 * 4);
    expect(events.at(-1)).toEqual({ type: 'sweep.phase', phase: 'done' });
  });

  it('pushes every image through each frozen block once, and leaves no tensors and the weights unchanged', () => {
    const images = 40 + 2 * 30; // both repeats' validation and largest training sets, overlapping
    expect(result.cache.blockPasses).toBeLessThanOrEqual(3 * images);
    expect(result.cache.blockPasses % 3).toBe(0);
    expect(result.cache.reuseRatio).toBeGreaterThan(1);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(backbone.weights.map((w) => Array.from(w.read().dataSync()))).toEqual(weightsBefore);
    expect(backbone.layers.map((layer) => layer.trainable)).toEqual(flagsBefore);
  });

  it('gives the same curves as runExperiment for the same split, size and seed', async () => {
    const plain = await runExperiment(
      {
        schemaVersion: 1,
        backbone: 'digits-vgg',
        strategies: ['fine-tune:1', 'scratch'],
        seeds: 2,
        epochs: 3,
        batchSize: 8,
        learningRate: 0.003,
        backboneLearningRateScale: 0.1,
        perClass: 6,
        validationFraction: 0.5,
        splitSeed: 1,
        augment: false,
        trainBatchNorm: false,
      },
      { dataset, spec, environment, loadBackbone: async () => backbone },
    );
    for (const strategy of ['fine-tune:1', 'scratch']) {
      const cell = result.cells.find((c) => c.strategy === strategy && c.perClass === 6)!;
      for (const seed of [1, 2]) {
        const expected = plain.runs.find((r) => r.strategy === strategy && r.seed === seed)!.curve;
        const actual = cell.trials.find((t) => t.repeat === 0 && t.seed === seed)!.curve;
        actual.forEach((p, i) =>
          expect(p.valAccuracy, `${strategy} seed ${seed} epoch ${i}`).toBeCloseTo(expected[i].valAccuracy, 6),
        );
      }
    }
  }, 120_000);

  it('rejects with CancelledError when aborted mid-sweep and frees everything', async () => {
    const controller = new AbortController();
    const before = tf.memory().numTensors;
    const run = runSweep(config, {
      dataset,
      spec,
      environment,
      loadBackbone: async () => backbone,
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'trial.epoch' && e.trialIndex === 5 && e.point.epoch === 1) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(tf.memory().numTensors).toBe(before);
    expect(backbone.weights.map((w) => Array.from(w.read().dataSync()))).toEqual(weightsBefore);
  }, 120_000);
});

describe('runSweep with a multi-task arm', () => {
  it('trains the shared trunk on both tasks and pairs it with scratch; frees everything', async () => {
    const auxiliary = mnistDataset([0, 1, 2, 3, 4], 10, 0);
    const before = tf.memory().numTensors;
    const events: SweepEvent[] = [];
    const result = await runSweep(
      parseSweepConfig({
        backbone: 'digits-vgg',
        depths: [3],
        perClass: [2],
        seeds: 2,
        epochs: 2,
        batchSize: 8,
        validationFraction: 0.5,
        multitask: { auxiliaryPerClass: 10 },
      }),
      { dataset, auxiliary, spec, environment, loadBackbone: async () => backbone, onEvent: (e) => events.push(e) },
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(result.cells.map((c) => c.strategy)).toEqual(['fine-tune:3', 'scratch', 'multitask']);
    const multitask = result.cells[2];
    expect(multitask.depth).toBeUndefined();
    expect(multitask.trials).toHaveLength(2);
    expect(multitask.gain).not.toBeNull();
    expect(result.dataset.auxiliary).toMatchObject({ trainCount: 50, classNames: ['0', '1', '2', '3', '4'] });
    // 50 auxiliary images in batches of 8: 7 steps per epoch, whatever the 10 target images need.
    expect(multitask.trials[0].curve[2].examplesSeen).toBe(2 * 7 * 8);
  }, 120_000);
});
