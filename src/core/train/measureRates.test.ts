import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LayersModel } from '@tensorflow/tfjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { activateNodeBackend, nodeModelHandler } from '../../testing/node';
import { getBackbone } from '../backbones/catalogue';
import { loadBackbone } from '../backbones/load';
import { HEAD_FOR_FAMILY } from '../heads/denseHead';
import { expectNoLeaks } from '../testing/noLeaks';
import { estimateRunCost } from './costEstimate';
import { measureRates } from './measureRates';

const here = path.dirname(fileURLToPath(import.meta.url));
const spec = getBackbone('digits-vgg');
let digits: LayersModel;

beforeAll(async () => {
  expect((await activateNodeBackend('wasm')).backend).toBe('wasm');
  digits = await loadBackbone(spec, nodeModelHandler(path.join(here, '../../../public/models/digits-vgg/model.json')));
});
afterAll(() => digits?.dispose());

describe('measureRates (digits-vgg, WASM)', () => {
  it('times every rate the estimate reads, folded copy and evaluation batch included, and leaks nothing', async () => {
    const before = digits.weights.map((w) => Array.from(w.read().dataSync()));
    const rates = await expectNoLeaks(() =>
      measureRates(digits, {
        spec,
        imageSize: 28,
        channels: 1,
        multiplyAdds: 1e6,
        batchSize: 16,
        depths: [3, 1],
        head: HEAD_FOR_FAMILY[spec.family],
        classes: 5,
        preprocessing: spec.preprocessing,
        sourceSide: 28,
        secondsPerMeasurement: 0.01,
      }),
    );
    expect(rates.backend).toBe('wasm');
    const seconds = [
      rates.forwardSeconds,
      rates.cacheForwardSeconds,
      rates.stepSeconds,
      rates.evalStepSeconds,
      rates.preprocessSeconds,
      ...rates.depths.flatMap((d) => [d.forwardSeconds, d.trainSeconds]),
    ];
    for (const s of seconds) expect(s).toBeGreaterThan(0);
    expect(rates.augmentSeconds).toBeGreaterThanOrEqual(0);
    expect(rates.depths.map((d) => d.depth)).toEqual([3, 1]);
    // The model it was given is untouched (it worked on a copy).
    expect(digits.weights.map((w) => Array.from(w.read().dataSync()))).toEqual(before);
    // The estimate takes them as they come.
    const cost = estimateRunCost(
      {
        imageSize: 28,
        blockMultiplyAdds: [3e5, 4e5, 3e5],
        headMultiplyAdds: 640,
        strategies: ['scratch', 'feature-extraction', 'fine-tune:1'],
        seeds: 1,
        epochs: 2,
        batchSize: 16,
        trainImages: 50,
        validationImages: 100,
        views: 1,
      },
      rates,
    );
    expect(cost.seconds).toBeGreaterThan(0);
  });
});
