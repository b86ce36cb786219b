import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadBackboneOnWasm } from '../../testing/engineSetup';
import { mnistDataset } from '../../testing/node';
import { DIGITS_VGG_JSON } from '../../testing/paths';
import { getBackbone } from '../../core/backbones/catalogue';
import type { Dataset } from '../../core/data/types';
import type { ExperimentConfig, ExperimentResult } from '../../core/experiment/types';
import type { EngineEvent } from '../protocol/engine';
import { WorkspaceDb } from '../workspace/db';
import { createRunRecorder, fromRunJson, storedTrialsOf, type RecordedEvent } from '../workspace/runRecorder';
import { createExperimentService } from './experimentService';

/**
 * The engine's experiment service with the real recorder and workspace (fake IndexedDB) and a real run on the
 * digits network: a run stopped after its first training resumes with that training kept and the rest trained.
 */
const spec = getBackbone('digits-vgg');
let backbone: tf.LayersModel;
let ws: WorkspaceDb;
let n = 0;

beforeAll(async () => {
  // A worker's navigator (Node 20 has none): the environment the result records.
  vi.stubGlobal('navigator', { hardwareConcurrency: 2 });
  backbone = await loadBackboneOnWasm(spec, DIGITS_VGG_JSON);
});
afterAll(() => {
  backbone?.dispose();
  vi.unstubAllGlobals();
});
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  ws = await WorkspaceDb.open({ name: `experiments-${(n += 1)}` });
});

const digits = mnistDataset([5, 6, 7], 12);
const config: ExperimentConfig = {
  schemaVersion: 1,
  backbone: spec.id,
  strategies: ['feature-extraction', 'fine-tune:1'],
  seeds: 2,
  epochs: 3,
  batchSize: 8,
  learningRate: 0.003,
  backboneLearningRateScale: 0.1,
  validationFraction: 0.25,
  splitSeed: 1,
  augment: false,
  trainBatchNorm: false,
};
const source = { kind: 'sample' as const, id: 'digits' as const, baseUrl: 'http://x/', perClass: 12 };

/** The service as the engine worker wires it: every run event also feeds the recorder. */
function service(dataset: Dataset = digits, onEvent: (e: EngineEvent) => void = () => {}) {
  const events: EngineEvent[] = [];
  const recorder = createRunRecorder(async () => ws);
  const s = createExperimentService({
    emit: (e) => {
      events.push(e);
      if (['experiment.event', 'experiment.result', 'experiment.cancelled', 'engine.error'].includes(e.type))
        recorder.observe(e as RecordedEvent);
      onEvent(e);
    },
    ready: async () => ({ measurements: [] }),
    backbones: {
      acquire: async () => backbone,
      release: () => {},
      specFor: () => spec,
      infoOf: () => null,
      fromUrl: async () => backbone,
    },
    loadDataset: async () => dataset,
    recordStart: (run) => void recorder.start(run),
    recordClasses: (runId, count, fingerprint) => recorder.classes(runId, count, fingerprint),
    storedTrials: async (runId) => storedTrialsOf(await ws.getRun(runId)),
    classifierBusy: () => false,
  });
  return { s, events, recorder };
}

const starts = (events: EngineEvent[]) =>
  events.flatMap((e) => (e.type === 'experiment.event' && e.event.type === 'trial.start' ? [e.event] : []));

/** Runs `runId` and cancels it as its first training ends: the stored record then holds that one training. */
async function runUntilFirstTraining(runId: string) {
  let cancel = () => {};
  const first = service(digits, (e) => {
    if (e.type === 'experiment.event' && e.event.type === 'trial.end' && e.event.trialIndex === 0) cancel();
  });
  cancel = () => void first.s.handle({ type: 'experiment.cancel', runId });
  await first.s.handle({ type: 'experiment.run', runId, config, dataset: source });
  await first.recorder.settled();
  expect(first.events.at(-1)?.type).toBe('experiment.cancelled');
  const record = await ws.getRun(runId);
  expect(record?.status).toBe('cancelled');
  return storedTrialsOf(record)!;
}

describe('experiment service: resume', () => {
  it('keeps the trainings a stopped run finished, trains the rest, and records the whole run as done', async () => {
    const tensorsBefore = tf.memory().numTensors;
    const stored = await runUntilFirstTraining('r1');
    expect(stored.finished).toHaveLength(1);
    expect(stored.fingerprint).toMatch(/^[0-9a-f]{16}$/);

    const again = service();
    await again.s.handle({ type: 'experiment.run', runId: 'r1', config, dataset: source, resume: true });
    await again.recorder.settled();
    expect(again.events.find((e) => e.type === 'experiment.resumed')).toEqual({
      type: 'experiment.resumed',
      runId: 'r1',
      kept: 1,
      reason: 'kept',
    });
    // The first training is replayed (marked kept), the other three train.
    expect(starts(again.events).map((e) => e.kept ?? false)).toEqual([true, false, false, false]);
    const result = again.events.find((e) => e.type === 'experiment.result')?.result as ExperimentResult;
    expect(result.runs).toHaveLength(4);
    const kept = stored.finished[0];
    const same = result.runs.find((r) => r.strategy === kept.strategy && r.seed === kept.seed)!;
    expect(same.curve).toEqual(kept.curve);
    expect(same.confusion).toEqual(kept.confusion);
    // The record is the resumed run's, done, with the whole result.
    const record = await ws.getRun('r1');
    expect(record?.status).toBe('done');
    expect(fromRunJson<ExperimentResult>(record!.result).runs).toHaveLength(4);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it('keeps nothing when the dataset changed since the run started, and says so', async () => {
    await runUntilFirstTraining('r2');
    const fewer = { ...digits, examples: digits.examples.slice(1) };
    const again = service(fewer);
    await again.s.handle({ type: 'experiment.run', runId: 'r2', config, dataset: source, resume: true });
    expect(again.events.find((e) => e.type === 'experiment.resumed')).toMatchObject({
      kept: 0,
      reason: 'dataset-changed',
    });
    expect(starts(again.events).some((e) => e.kept)).toBe(false);
    expect(again.events.at(-1)?.type).toBe('experiment.result');
  });

  it('a resume of a run that is not stored trains every training', async () => {
    const fresh = service();
    await fresh.s.handle({ type: 'experiment.run', runId: 'nowhere', config, dataset: source, resume: true });
    expect(fresh.events.find((e) => e.type === 'experiment.resumed')).toMatchObject({
      kept: 0,
      reason: 'none-finished',
    });
    expect(starts(fresh.events)).toHaveLength(4);
  });
});
