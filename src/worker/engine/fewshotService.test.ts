import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBackbone } from '../../core/backbones/load';
import { getBackbone } from '../../core/backbones/catalogue';
import { activateNodeBackend, mnistDataset, nodeModelHandler } from '../../testing/node';
import { DIGITS_VGG_JSON } from '../../testing/paths';
import type { FewShotEvent } from '../protocol/fewshot';
import { createFewShotService } from './fewshotService';

/**
 * The worker's instant classifier on the built-in digits backbone, with MNIST digits standing in for webcam
 * frames: a "frame" is an index into the digits, and `pixels` returns that digit.
 */
const data = mnistDataset([5, 6], 6);
let backbone: tf.LayersModel;

beforeAll(async () => {
  expect((await activateNodeBackend('wasm')).backend).toBe('wasm');
  backbone = await loadBackbone(getBackbone('digits-vgg'), nodeModelHandler(DIGITS_VGG_JSON));
});
afterAll(() => backbone?.dispose());

function frame(index: number) {
  const f = { index, closed: false, close: () => (f.closed = true) };
  return f;
}
type Frame = ReturnType<typeof frame>;

function service() {
  const events: FewShotEvent[] = [];
  const s = createFewShotService({
    emit: (e) => events.push(e),
    ready: async () => undefined,
    loadModel: async () => backbone,
    pixels: (f) => data.examples[(f as unknown as Frame).index].image,
  });
  const last = <T extends FewShotEvent['type']>(type: T) =>
    events.filter((e): e is Extract<FewShotEvent, { type: T }> => e.type === type).at(-1);
  return { s, events, last };
}
const bitmap = (f: Frame) => f as unknown as ImageBitmap;

describe('few-shot service', () => {
  it('predicts from the second class’s first capture, updates held-out curves, forgets a class', async () => {
    const { s, last } = service();
    const early = frame(0);
    await s.handle({ type: 'fewshot.capture', requestId: 'c0', classIndex: 0, frame: bitmap(early) });
    expect(last('fewshot.error')).toMatchObject({
      requestId: 'c0',
      message: expect.stringMatching(/Start the camera/),
    });
    expect(early.closed).toBe(true);

    await s.handle({ type: 'fewshot.start', requestId: 's', backbone: 'digits-vgg', baseUrl: 'http://x/' });
    expect(last('fewshot.ready')).toMatchObject({ requestId: 's', backbone: 'digits-vgg', imageSize: 28 });
    // The session's own models (the folded copy owns its weights); a later session must hold no more.
    const oneSession = tf.memory().numTensors;

    // Examples 0–5 are digit 5, 6–11 digit 6. One capture each, then a prediction.
    await s.handle({ type: 'fewshot.capture', requestId: 'a', classIndex: 0, frame: bitmap(frame(0)) });
    await s.handle({ type: 'fewshot.capture', requestId: 'b', classIndex: 1, frame: bitmap(frame(6)) });
    expect(last('fewshot.updated')).toMatchObject({ requestId: 'b', counts: [1, 1] });
    const predicted = frame(7);
    await s.handle({ type: 'fewshot.predict', requestId: 'p', frame: bitmap(predicted), method: 'prototype-cosine' });
    const p = last('fewshot.prediction')!;
    expect(p.probabilities).toHaveLength(2);
    expect(p.probabilities[0] + p.probabilities[1]).toBeCloseTo(1, 6);
    expect(predicted.closed).toBe(true);
    // Where the time went: each stage measured, and together no more than the whole.
    const { pixelsMs, forwardMs, headMs } = p.stages;
    expect(Math.min(pixelsMs, forwardMs, headMs)).toBeGreaterThanOrEqual(0);
    expect(forwardMs).toBeGreaterThan(0);
    expect(pixelsMs + forwardMs + headMs).toBeLessThanOrEqual(p.ms + 1e-6);

    for (const i of [1, 2, 3]) {
      await s.handle({ type: 'fewshot.capture', requestId: `x${i}`, classIndex: 0, frame: bitmap(frame(i)) });
      await s.handle({ type: 'fewshot.capture', requestId: `y${i}`, classIndex: 1, frame: bitmap(frame(6 + i)) });
    }
    const updated = last('fewshot.updated')!;
    expect(updated.counts).toEqual([4, 4]);
    expect(updated.embedMs).toBeGreaterThan(0);
    expect(updated.curves.map((c) => c.method)).toEqual(['prototype-cosine', 'prototype-euclidean', 'knn', 'ridge']);
    const prototypes = updated.curves[0].points;
    expect(prototypes.map((q) => q.shots)).toEqual([1, 2, 3]);
    expect(prototypes[2].accuracy.n).toBe(2);
    // Digits 5 and 6 on a backbone trained on 0–4: three shots each tell the held-out ones apart.
    expect(prototypes[2].accuracy.mean).toBeGreaterThanOrEqual(0.5);
    await s.handle({ type: 'fewshot.predict', requestId: 'q', frame: bitmap(frame(10)), method: 'ridge' });
    expect(last('fewshot.prediction')).toMatchObject({ requestId: 'q', label: 1 });

    await s.handle({ type: 'fewshot.forget', requestId: 'f', classIndex: 0 });
    expect(last('fewshot.updated')).toMatchObject({ requestId: 'f', counts: [0, 4], embedMs: 0 });
    expect(last('fewshot.updated')!.curves[0].points).toEqual([]);
    await s.handle({ type: 'fewshot.predict', requestId: 'r', frame: bitmap(frame(1)), method: 'knn' });
    expect(last('fewshot.prediction')).toMatchObject({ requestId: 'r', label: 1, probabilities: [0, 1] });

    // A new session frees the previous one's models: only the new session's tensors remain.
    await s.handle({ type: 'fewshot.start', requestId: 's2', backbone: 'digits-vgg', baseUrl: 'http://x/' });
    expect(last('fewshot.updated')!.requestId).toBe('f');
    expect(tf.memory().numTensors).toBe(oneSession);
  });

  it('reports an unknown backbone as an error of that request', async () => {
    const { s, last } = service();
    await s.handle({ type: 'fewshot.start', requestId: 'bad', backbone: 'resnet', baseUrl: 'http://x/' });
    expect(last('fewshot.error')).toMatchObject({ requestId: 'bad', message: expect.stringMatching(/resnet/) });
  });
});
