import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import * as tf from '@tensorflow/tfjs';
import { strFromU8, unzipSync } from 'fflate';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { activateNodeBackend, mnistDataset, nodeModelHandler } from '../../testing/node';
import { getBackbone } from '../../core/backbones/catalogue';
import { loadBackbone } from '../../core/backbones/load';
import type { DecodedImage } from '../../core/data/types';
import type { ClassifierEvent } from '../protocol/classifier';
import { createClassifierService } from './classifierService';
import { WorkspaceDb } from '../workspace/db';

const here = path.dirname(fileURLToPath(import.meta.url));
const spec = getBackbone('digits-vgg');
let backbone: tf.LayersModel;
let ws: WorkspaceDb;
let n = 0;

beforeAll(async () => {
  expect((await activateNodeBackend('wasm')).backend).toBe('wasm');
  backbone = await loadBackbone(
    spec,
    nodeModelHandler(path.join(here, '../../../public/models/digits-vgg/model.json')),
  );
});
afterAll(() => backbone?.dispose());
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  ws = await WorkspaceDb.open({ name: `classifier-${(n += 1)}` });
});

const data = mnistDataset([5, 6, 7], 10);
/** "Decodes" a file whose bytes are an index into `data`: the test's stand-in for the browser decoder. */
const decoder = { decode: async (bytes: Uint8Array): Promise<DecodedImage> => data.examples[bytes[0]].image };

function service(options: { experimentRunning?: boolean } = {}) {
  const events: ClassifierEvent[] = [];
  let borrowed = 0;
  const s = createClassifierService({
    emit: (e) => events.push(e),
    workspace: async () => ws,
    ready: async () => undefined,
    acquireBackbone: async () => (borrowed++, backbone),
    releaseBackbone: () => borrowed--,
    specFor: () => spec,
    loadDataset: async () => data,
    experimentRunning: () => options.experimentRunning ?? false,
    decoder,
    appVersion: '9.9.9',
  });
  return { s, events, borrowed: () => borrowed };
}
const request = {
  dataset: { kind: 'sample' as const, id: 'digits' as const, baseUrl: 'http://x/' },
  name: 'Digits 5–7',
  backbone: 'digits-vgg',
  // The experiment's fine-tuning (feature extraction, the default, is covered in core trainClassifier.test.ts).
  strategy: 'fine-tune:1',
  epochs: 8,
  batchSize: 16,
  learningRate: 0.003,
  seed: 1,
};
const of = <T extends ClassifierEvent['type']>(events: ClassifierEvent[], type: T) =>
  events.filter((e): e is Extract<ClassifierEvent, { type: T }> => e.type === type);

describe('classifier service', () => {
  it('trains, stores and activates a classifier, predicts an image, exports Teachable Machine files; a new service (a reload) predicts the same', async () => {
    const first = service();
    const tensorsBefore = tf.memory().numTensors;
    await first.s.handle({ type: 'classifier.train', requestId: 'q1', request });
    expect(first.borrowed()).toBe(0);
    const [ready] = of(first.events, 'classifier.ready');
    expect(ready.model).toMatchObject({
      name: 'Digits 5–7',
      labels: ['5', '6', '7'],
      backbone: 'digits-vgg',
      strategy: 'fine-tune:1',
      imageSize: 28,
      examples: 30,
      epochs: 8,
    });
    expect(of(first.events, 'classifier.progress').map((p) => p.stage)).toEqual(
      expect.arrayContaining(['samples', 'model', 'embedding', 'training', 'saving']),
    );
    expect(of(first.events, 'classifier.listed').at(-1)).toMatchObject({
      activeId: ready.model.id,
      models: [ready.model],
    });
    // What stays allocated is the active classifier's weights, nothing else.
    const kept = tf.memory().numTensors - tensorsBefore;
    expect(kept).toBeGreaterThan(0);

    const seven = data.examples.findIndex((e) => e.label === 2);
    await first.s.handle({
      type: 'predict.image',
      requestId: 'p1',
      file: new Blob([new Uint8Array([seven])]),
      name: 'seven.png',
    });
    const [prediction] = of(first.events, 'predict.result');
    expect(prediction.modelId).toBe(ready.model.id);
    expect(prediction.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(prediction.probabilities.indexOf(Math.max(...prediction.probabilities))).toBe(2);

    await first.s.handle({ type: 'classifier.export', modelId: ready.model.id });
    const [exported] = of(first.events, 'classifier.exported');
    expect(exported.fileName).toBe('digits-5-7-teachable-machine.zip');
    const files = unzipSync(new Uint8Array(await exported.blob.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(['metadata.json', 'model.json', 'weights.bin']);
    expect(JSON.parse(strFromU8(files['metadata.json']))).toMatchObject({
      labels: ['5', '6', '7'],
      imageSize: 28,
      packageVersion: '9.9.9',
      modelName: 'Digits 5–7',
      userMetadata: { transferStudio: { strategy: 'fine-tune:1' } },
    });
    expect(files['weights.bin'].byteLength).toBe(ready.model.bytes);

    const reloaded = service();
    await reloaded.s.handle({ type: 'classifier.list' });
    expect(of(reloaded.events, 'classifier.listed')[0]).toMatchObject({ activeId: ready.model.id });
    await reloaded.s.handle({
      type: 'predict.image',
      requestId: 'p2',
      file: new Blob([new Uint8Array([seven])]),
      name: 'seven.png',
    });
    of(reloaded.events, 'predict.result')[0].probabilities.forEach((p, i) =>
      expect(p).toBeCloseTo(prediction.probabilities[i], 5),
    );

    // Deleting the active classifier frees it and leaves nothing to predict with.
    await reloaded.s.handle({ type: 'classifier.delete', modelId: ready.model.id });
    await first.s.handle({ type: 'classifier.delete', modelId: ready.model.id });
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    await reloaded.s.handle({
      type: 'predict.image',
      requestId: 'p3',
      file: new Blob([new Uint8Array([0])]),
      name: 'x.png',
    });
    expect(of(reloaded.events, 'predict.error')[0]).toMatchObject({
      requestId: 'p3',
      message: expect.stringContaining('Train a classifier first'),
    });
  });

  it('refuses while an experiment runs, and cancels, leaving nothing stored or allocated', async () => {
    const busy = service({ experimentRunning: true });
    await busy.s.handle({ type: 'classifier.train', requestId: 'q', request });
    expect(of(busy.events, 'classifier.failed')[0]).toMatchObject({
      cancelled: false,
      message: expect.stringContaining('experiment is running'),
    });

    const before = tf.memory().numTensors;
    const { s, events } = service();
    const training = s.handle({ type: 'classifier.train', requestId: 'q2', request });
    await s.handle({ type: 'classifier.cancel', requestId: 'q2' });
    await training;
    expect(of(events, 'classifier.failed')[0]).toMatchObject({ requestId: 'q2', cancelled: true });
    expect(await ws.listModels()).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
