import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import jpeg from 'jpeg-js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { activateNodeBackend, nodeModelHandler } from '../../testing/node';
import { expectNoLeaks } from '../testing/noLeaks';
import { getBackbone } from './catalogue';
import { BackboneError } from './errors';
import { loadBackbone, type FetchLike, type FetchResponseLike } from './load';

// ../shared/models beside the repository (never copied into it).
const SHARED_MODELS = fileURLToPath(new URL('../../../../shared/models/', import.meta.url));
const MOBILENET_025 = path.join(SHARED_MODELS, 'mobilenet_v1_0.25_224');
const PUBLIC_URL = 'https://storage.googleapis.com/tfjs-models/tfjs/mobilenet_v1_0.25_224/';
/** The built-in 0.25 loads from the app; these tests load its upstream copy from the public URL. */
const MODEL_URL = `${PUBLIC_URL}model.json`;

/** Decodes a JPEG, centre-crops it square, resizes to 224 (alignCorners, as in PROVENANCE.md) and scales to [-1, 1]. */
function mobileNetInput(file: string): tf.Tensor4D {
  const { width, height, data } = jpeg.decode(readFileSync(file), { useTArray: true });
  return tf.tidy(() => {
    const rgba = tf.tensor3d(data, [height, width, 4], 'int32');
    const side = Math.min(width, height);
    const top = Math.floor((height - side) / 2);
    const left = Math.floor((width - side) / 2);
    const square = rgba.slice([top, left, 0], [side, side, 3]).toFloat();
    const resized = tf.image.resizeBilinear(square as tf.Tensor3D, [224, 224], true);
    return resized.div(127.5).sub(1).expandDims(0) as tf.Tensor4D;
  });
}

interface FakeFile {
  status?: number;
  body: Uint8Array | string;
}

/** A fetch that answers the public URL with the local files, with `overrides` replacing some of them. */
function localFetch(overrides: Record<string, FakeFile> = {}): FetchLike & { requests: string[] } {
  const requests: string[] = [];
  const fetchLike = async (url: string): Promise<FetchResponseLike> => {
    requests.push(url);
    const name = url.slice(PUBLIC_URL.length);
    let file: FakeFile | undefined = overrides[name];
    if (!file) {
      try {
        file = { body: new Uint8Array(readFileSync(path.join(MOBILENET_025, name))) };
      } catch {
        file = { status: 404, body: 'Not Found' };
      }
    }
    const bytes = typeof file.body === 'string' ? new TextEncoder().encode(file.body) : file.body;
    const status = file.status ?? 200;
    return {
      ok: status >= 200 && status < 300,
      status,
      text: async () => new TextDecoder().decode(bytes),
      arrayBuffer: async () => bytes.slice().buffer,
    };
  };
  return Object.assign(fetchLike, { requests });
}

async function loadError(promise: Promise<unknown>): Promise<BackboneError> {
  try {
    await promise;
  } catch (error) {
    return error as BackboneError;
  }
  throw new Error('expected the load to fail');
}

describe('loadBackbone', () => {
  beforeAll(async () => {
    await activateNodeBackend('wasm');
  });

  it('loads MobileNet v1 0.25 from disk and puts a cat class first for the cat photo', async () => {
    const spec = getBackbone('mobilenet_v1_0.25');
    const model = await loadBackbone(spec, nodeModelHandler(path.join(MOBILENET_025, 'model.json')));
    const input = mobileNetInput(path.join(SHARED_MODELS, 'test-photos', 'cat.jpg'));
    const top1 = await expectNoLeaks(() => tf.tidy(() => (model.predict(input) as tf.Tensor).argMax(-1).dataSync()[0]));
    // ImageNet 281 tabby, 282 tiger cat, 283 Persian, 284 Siamese, 285 Egyptian cat.
    expect(top1).toBeGreaterThanOrEqual(281);
    expect(top1).toBeLessThanOrEqual(285);
    input.dispose();
    model.dispose();
  });

  it('loads from the public URL through fetch, checking the shards, and reports progress', async () => {
    const fetchLike = localFetch();
    const progress: number[] = [];
    const model = await loadBackbone(getBackbone('mobilenet_v1_0.25'), MODEL_URL, (f) => progress.push(f), {
      fetch: fetchLike,
    });
    expect(fetchLike.requests[0]).toBe(`${PUBLIC_URL}model.json`);
    expect(fetchLike.requests).toHaveLength(56);
    expect(progress.at(-1)).toBe(1);
    expect(model.getLayer('conv_pw_13_relu')).toBeDefined();
    model.dispose();
  });

  it('names a shard answered with an HTML page (SPA fallback, status 200)', async () => {
    const fetchLike = localFetch({ 'group7-shard1of1': { body: '<!doctype html><html><body>app</body></html>' } });
    const error = await loadError(
      loadBackbone(getBackbone('mobilenet_v1_0.25'), MODEL_URL, undefined, { fetch: fetchLike }),
    );
    expect(error).toBeInstanceOf(BackboneError);
    expect(error.file).toBe('group7-shard1of1');
    expect(error.message).toMatch(/"group7-shard1of1" is an HTML page/);
  });

  it('names a truncated shard and a shard answered with 404', async () => {
    const truncated = new Uint8Array(readFileSync(path.join(MOBILENET_025, 'group31-shard1of1'))).slice(0, 1000);
    let error = await loadError(
      loadBackbone(getBackbone('mobilenet_v1_0.25'), MODEL_URL, undefined, {
        fetch: localFetch({ 'group31-shard1of1': { body: truncated } }),
      }),
    );
    expect(error.message).toMatch(/"group31-shard1of1" holds 1000 bytes but .* needs 65536 bytes/);

    error = await loadError(
      loadBackbone(getBackbone('mobilenet_v1_0.25'), MODEL_URL, undefined, {
        fetch: localFetch({ 'group2-shard1of1': { status: 404, body: 'Not Found' } }),
      }),
    );
    expect(error.file).toBe('group2-shard1of1');
    expect(error.message).toMatch(/could not be fetched: HTTP 404/);
  });

  it('rejects a graph model with a clear message, before fetching its weights', async () => {
    const graphJson = JSON.stringify({
      format: 'graph-model',
      modelTopology: { node: [{ name: 'input', op: 'Placeholder' }] },
      weightsManifest: [{ paths: ['group1-shard1of1'], weights: [] }],
    });
    const fetchLike = localFetch({ 'model.json': { body: graphJson } });
    const error = await loadError(
      loadBackbone(getBackbone('mobilenet_v1_0.25'), MODEL_URL, undefined, { fetch: fetchLike }),
    );
    expect(error.message).toMatch(/expected a TF\.js layers model, got a graph model/);
    expect(fetchLike.requests).toHaveLength(1);

    // The same check applies to IOHandler sources.
    const handlerError = await loadError(
      loadBackbone(getBackbone('mobilenet_v1_0.25'), { load: async () => JSON.parse(graphJson) }),
    );
    expect(handlerError.message).toMatch(/got a graph model/);
  });

  it('names model.json when it is an HTML page or not JSON', async () => {
    let error = await loadError(
      loadBackbone(getBackbone('mobilenet_v1_0.25'), MODEL_URL, undefined, {
        fetch: localFetch({ 'model.json': { body: '<!DOCTYPE html><html></html>' } }),
      }),
    );
    expect(error.file).toBe('model.json');
    expect(error.message).toMatch(/is an HTML page, not a model\.json/);

    error = await loadError(
      loadBackbone(getBackbone('mobilenet_v1_0.25'), MODEL_URL, undefined, {
        fetch: localFetch({ 'model.json': { body: '{"modelTopology": ' } }),
      }),
    );
    expect(error.message).toMatch(/model\.json is not valid JSON/);
  });

  it('rejects a model that lacks the spec’s layers, and frees it', async () => {
    const before = tf.memory().numTensors;
    const wrongSpec = {
      ...getBackbone('mobilenet_v1_0.25'),
      id: 'wrong',
      blockOutputs: ['block1_pool'],
      defaultCut: 'block1_pool',
    };
    const error = await loadError(loadBackbone(wrongSpec, nodeModelHandler(path.join(MOBILENET_025, 'model.json'))));
    expect(error.message).toMatch(/has no layer named "block1_pool"/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
