import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { getBackbone } from '../backbones/catalogue';
import { loadBackboneOnWasm, readFlowers } from '../../testing/engineSetup';
import { MOBILENET_V1_025_JSON } from '../../testing/paths';
import { wilsonInterval } from '../math/intervals';
import { runExperiment, selectExamples, type ExperimentDeps } from './runExperiment';
import { CancelledError, type ExperimentEvent } from '../train/types';
import type { ExperimentConfig } from './types';
import type { Dataset } from '../data/types';

/** The runner's contract on the real MobileNet v1 0.25 and flower photos, kept small (64 px, few images). */
const spec = getBackbone('mobilenet_v1_0.25');

let backbone: tf.LayersModel;
let flowers: Dataset;

beforeAll(async () => {
  backbone = await loadBackboneOnWasm(spec, MOBILENET_V1_025_JSON);
  flowers = await readFlowers();
});

afterAll(() => backbone?.dispose());

const config = (overrides: Partial<ExperimentConfig> = {}): ExperimentConfig => ({
  schemaVersion: 1,
  backbone: spec.id,
  strategies: ['scratch', 'feature-extraction', 'fine-tune:1'],
  seeds: 2,
  epochs: 2,
  batchSize: 8,
  learningRate: 0.001,
  backboneLearningRateScale: 0.1,
  perClass: 3,
  validationFraction: 0.1,
  splitSeed: 1,
  imageSize: 64,
  augment: true,
  trainBatchNorm: false,
  ...overrides,
});

const deps = (events: ExperimentEvent[], signal?: AbortSignal): ExperimentDeps => ({
  dataset: flowers,
  loadBackbone: async () => backbone,
  spec,
  environment: { backend: tf.getBackend(), tfjsVersion: tf.version.tfjs, cores: 2, platform: 'node' },
  onEvent: (e) => events.push(e),
  signal,
});

const weights = () => backbone.weights.map((w) => Array.from(w.read().dataSync()));

describe('selectExamples', () => {
  it('splits validation off first, then samples perClass training examples from the rest', () => {
    const base = selectExamples(flowers, { validationFraction: 0.25, splitSeed: 3 });
    const ten = selectExamples(flowers, { validationFraction: 0.25, splitSeed: 3, perClass: 10 });
    expect(ten.validation).toEqual(base.validation);
    expect(base.validation).toHaveLength(50);
    expect(ten.train).toHaveLength(50);
    for (let c = 0; c < 5; c++) expect(ten.train.filter((i) => flowers.examples[i].label === c)).toHaveLength(10);
    expect(ten.train.every((i) => base.train.includes(i))).toBe(true);
  });
});

describe('runExperiment', () => {
  it('runs every strategy × seed, emits the events in order, and leaves tensors and the backbone as they were', async () => {
    const before = tf.memory().numTensors;
    const original = weights();
    const flags = backbone.layers.map((l) => l.trainable);
    const events: ExperimentEvent[] = [];
    const result = await runExperiment(config(), deps(events));
    expect(tf.memory().numTensors).toBe(before);
    expect(weights()).toEqual(original);
    expect(backbone.layers.map((l) => l.trainable)).toEqual(flags);

    // Rounds by seed, transfer strategies before scratch in each (#18's lesson order).
    expect(result.runs.map((r) => `${r.strategy}#${r.seed}`)).toEqual([
      'feature-extraction#1',
      'fine-tune:1#1',
      'scratch#1',
      'feature-extraction#2',
      'fine-tune:1#2',
      'scratch#2',
    ]);
    expect(result.runs.every((r) => r.repeat === 0)).toBe(true);
    expect(result.schemaVersion).toBe(2);
    expect(result.split!.repeats).toHaveLength(1);
    expect(result.split!.repeats[0]).toMatchObject({ repeat: 0, trainCount: 15, validationCount: 20 });
    expect(result.dataset).toMatchObject({ trainCount: 15, validationCount: 20 });
    for (const trial of result.runs) {
      expect(trial.curve.map((p) => p.epoch)).toEqual([0, 1, 2]);
      expect(trial.curve[2].examplesSeen).toBe(30);
      expect(trial.confusion.flat().reduce((a, b) => a + b, 0)).toBe(20);
      expect(trial.curve[1].seconds).toBeGreaterThanOrEqual(trial.cacheSeconds);
    }
    expect(result.runs[2].cacheSeconds).toBe(0);
    expect(result.runs[0].cacheSeconds).toBeGreaterThan(0);
    // The cache is computed once per strategy and shared by its seeds.
    expect(result.runs[3].cacheSeconds).toBe(result.runs[0].cacheSeconds);
    const caches = events.filter((e) => e.type === 'strategy.cached');
    expect(caches.map((e) => e.type === 'strategy.cached' && [e.strategy, e.examples])).toEqual([
      ['feature-extraction', 3 * 15 + 20],
      ['fine-tune:1', 3 * 15 + 20],
    ]);
    // The summary keeps the config's order, whatever order the trials ran in; gains are paired over 2 seeds.
    expect(result.summary.map((s) => s.strategy)).toEqual(['scratch', 'feature-extraction', 'fine-tune:1']);
    expect(result.summary[1].transferGain!.pairs).toBe(2);
    expect(result.summary[1].metrics.plateau.method).toBe('t-seeds');
    // Every trial sends each curve point once, as it happens.
    const epochEvents = events.filter((e) => e.type === 'trial.epoch');
    expect(epochEvents).toHaveLength(6 * 3);
    const kinds = events
      .map((e) => e.type)
      .filter((t) => t !== 'experiment.phase' && t !== 'trial.epoch' && t !== 'strategy.cached');
    expect(kinds).toEqual(Array.from({ length: 6 }, () => ['trial.start', 'trial.end']).flat());
    // Each trial ends with its accuracy (the confusion's trace) and the Wilson interval on the validation images.
    const ends = events.flatMap((e) => (e.type === 'trial.end' ? [e] : []));
    expect(ends).toHaveLength(6);
    ends.forEach((end) => {
      const trial = result.runs.find((r) => r.strategy === end.strategy && r.seed === end.seed)!;
      const correct = trial.confusion.reduce((sum, row, c) => sum + row[c], 0);
      expect(end.accuracy).toEqual(wilsonInterval(correct, result.dataset.validationCount));
      expect(end.accuracy!.mean).toBeCloseTo(trial.curve.at(-1)!.valAccuracy, 9);
    });
    expect(events.at(-1)).toEqual({ type: 'experiment.phase', phase: 'done' });
  });

  it('repeats: a new split per repeat, intervals over repeats, a split digest, tensors freed', async () => {
    const before = tf.memory().numTensors;
    const events: ExperimentEvent[] = [];
    const result = await runExperiment(
      config({ strategies: ['scratch', 'feature-extraction'], seeds: 1, repeats: 2, epochs: 1, augment: false }),
      deps(events),
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(result.runs.map((r) => `${r.strategy}#${r.seed}@${r.repeat}`)).toEqual([
      'feature-extraction#1@0',
      'scratch#1@0',
      'feature-extraction#1@1',
      'scratch#1@1',
    ]);
    const [first, second] = result.split!.repeats;
    expect(first.validation).not.toBe(second.validation);
    expect(first.validationCount).toBe(second.validationCount);
    expect(result.summary[0].metrics.plateau).toMatchObject({ method: 't-repeats', n: 2 });
    expect(result.summary[1].transferGain!.pairs).toBe(2);
    // Caching happens once per strategy per repeat.
    expect(events.filter((e) => e.type === 'strategy.cached')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'trial.start').map((e) => e.type === 'trial.start' && e.repeat)).toEqual([
      0, 0, 1, 1,
    ]);
    // The same repeat 0 as a single-repeat run: same split digest for it.
    const single = await runExperiment(
      config({ strategies: ['feature-extraction'], seeds: 1, epochs: 1, augment: false }),
      deps([]),
    );
    expect(single.split!.repeats[0]).toEqual(first);
  });

  it('is repeatable: the same config gives the same curves', async () => {
    const small = config({ strategies: ['feature-extraction'], seeds: 1, augment: false });
    const a = await runExperiment(small, deps([]));
    const b = await runExperiment(small, deps([]));
    const accuracies = (r: typeof a) =>
      r.runs.map((trial) => trial.curve.map((p) => [p.valAccuracy, p.valLoss, p.trainLoss]));
    expect(accuracies(b)).toEqual(accuracies(a));
  });

  it('resumes: finished trials are kept (not trained again), the others train with the same seeds and split', async () => {
    const small = config({ strategies: ['feature-extraction'], seeds: 2, augment: false });
    const events: ExperimentEvent[] = [];
    const whole = await runExperiment(small, deps(events));
    // What a recorder stored before the page went: the first trial, from its events alone.
    const first = whole.runs[0];
    const end = events.find((e) => e.type === 'trial.end' && e.trialIndex === 0);
    const outcome = end?.type === 'trial.end' ? end.outcome! : null;
    expect(outcome).toMatchObject({ confusion: first.confusion, misclassified: first.misclassified });
    const curve = events.flatMap((e) => (e.type === 'trial.epoch' && e.trialIndex === 0 ? [e.point] : []));
    const finished = [{ strategy: first.strategy, seed: first.seed, repeat: first.repeat, curve, ...outcome! }];

    const replayed: ExperimentEvent[] = [];
    const resumed = await runExperiment(small, { ...deps(replayed), finished });
    // The kept trial is the stored one to the second (not retrained); the other equals the uninterrupted run's.
    expect(resumed.runs[0]).toEqual(first);
    const accuracies = (trial: (typeof whole.runs)[number]) => trial.curve.map((p) => [p.valAccuracy, p.trainLoss]);
    expect(resumed.runs.map(accuracies)).toEqual(whole.runs.map(accuracies));
    expect(resumed.summary.map((s) => s.metrics.plateau)).toEqual(whole.summary.map((s) => s.metrics.plateau));
    // Its events are replayed in order, its start marked kept; the strategy is cached once, for seed 2 only.
    expect(replayed.filter((e) => e.type === 'trial.start').map((e) => e.type === 'trial.start' && e.kept)).toEqual([
      true,
      undefined,
    ]);
    expect(replayed.filter((e) => e.type === 'trial.end').map((e) => e.type === 'trial.end' && e.trialIndex)).toEqual([
      0, 1,
    ]);
    const trialOfCache = replayed.findIndex((e) => e.type === 'strategy.cached');
    expect(replayed.findIndex((e) => e.type === 'trial.end')).toBeLessThan(trialOfCache);
    // A finished trial that does not fit the config (a shorter curve) is trained again.
    const short = [{ ...finished[0], curve: curve.slice(0, 2) }];
    const retrained: ExperimentEvent[] = [];
    await runExperiment(small, { ...deps(retrained), finished: short });
    expect(retrained.findIndex((e) => e.type === 'strategy.cached')).toBeLessThan(
      retrained.findIndex((e) => e.type === 'trial.end'),
    );
  });

  it('rejects with CancelledError soon after an abort and leaves no tensors behind', async () => {
    const before = tf.memory().numTensors;
    const original = weights();
    const controller = new AbortController();
    const events: ExperimentEvent[] = [];
    const onEvent = (e: ExperimentEvent) => {
      events.push(e);
      if (e.type === 'trial.epoch' && e.point.epoch === 1 && !controller.signal.aborted) {
        controller.abort();
      }
    };
    const run = runExperiment(config({ strategies: ['fine-tune:2'], epochs: 50, perClass: 20 }), {
      ...deps(events, controller.signal),
      onEvent,
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(events.filter((e) => e.type === 'trial.epoch').length).toBe(2);
    expect(tf.memory().numTensors).toBe(before);
    expect(weights()).toEqual(original);
  });

  it('never holds every preprocessed image at once when the strategies cache (pixels go through in batches)', async () => {
    const size = 96;
    const cfg = config({
      strategies: ['feature-extraction', 'fine-tune:1'],
      seeds: 1,
      epochs: 1,
      perClass: 40,
      imageSize: size,
    });
    const { train, validation } = selectExamples(flowers, cfg);
    const allPixelBytes = (train.length * 3 + validation.length) * size * size * 3 * 4; // 3 augmented views, float32
    const before = tf.memory().numTensors;
    const profile = await tf.profile(async () => {
      await runExperiment(cfg, deps([]));
    });
    expect(tf.memory().numTensors).toBe(before);
    // peakBytes counts every live tensor (the backbone's too), so holding all the pixels would exceed this by itself.
    // Measured: 29.7 MB of 61.9 MB; 145 MB when runExperiment preprocessed everything up front.
    expect(profile.peakBytes).toBeLessThan(allPixelBytes);
  });

  it('rejects a freeze depth the backbone does not have before loading anything', async () => {
    await expect(runExperiment(config({ strategies: ['fine-tune:14'] }), deps([]))).rejects.toThrow(
      /13 blocks .* k must be 1\.\.13/,
    );
  });
});
