import { describe, expect, it } from 'vitest';
import { getBackbone } from '../../core/backbones/catalogue';
import type { FetchLike } from '../../core/backbones/load';
import { cachingFetch, isCached, listCached, removeCached, type CacheLike, type ResponseLike } from './modelFileCache';

/** An in-memory Cache API of the shape the module uses. */
function memoryCache(): CacheLike & { store: Map<string, { bytes: ArrayBuffer; headers: Headers }> } {
  const store = new Map<string, { bytes: ArrayBuffer; headers: Headers }>();
  return {
    store,
    match: async (url) => {
      const entry = store.get(url);
      if (!entry) return undefined;
      const response: ResponseLike = {
        ok: true,
        status: 200,
        headers: entry.headers,
        arrayBuffer: async () => entry.bytes,
      };
      return response;
    },
    put: async (url, response) => {
      store.set(url, { bytes: await response.arrayBuffer(), headers: response.headers });
    },
    keys: async () => [...store.keys()].map((url) => ({ url })),
    delete: async (url) => store.delete(url),
  };
}

const spec = getBackbone('mobilenet_v1_0.75');
const folder = spec.modelUrl.replace('model.json', '');

function network(failing = new Set<string>()): FetchLike & { requests: string[] } {
  const requests: string[] = [];
  const fetchLike: FetchLike = async (url) => {
    requests.push(url);
    const bytes = new TextEncoder().encode(url.endsWith('model.json') ? '{}' : 'x'.repeat(100)).buffer;
    const ok = !failing.has(url);
    return { ok, status: ok ? 200 : 404, text: async () => '{}', arrayBuffer: async () => bytes };
  };
  return Object.assign(fetchLike, { requests });
}

describe('downloaded backbones in Cache Storage', () => {
  it('stores files only on commit, then answers from the cache without the network', async () => {
    const cache = memoryCache();
    const open = async () => cache;
    const net = network();
    const first = cachingFetch(open, net);
    await first.fetch(spec.modelUrl);
    await first.fetch(`${folder}group1-shard1of1`);
    expect(first.counts()).toEqual({ hits: 0, misses: 2 });
    expect(await isCached(open, spec)).toBe(false);
    await first.commit();
    expect(await isCached(open, spec)).toBe(true);

    const second = cachingFetch(open, net);
    const shard = await second.fetch(`${folder}group1-shard1of1`);
    expect((await shard.arrayBuffer()).byteLength).toBe(100);
    expect(second.counts()).toEqual({ hits: 1, misses: 0 });
    expect(net.requests).toHaveLength(2);
  });

  it('does not keep failed responses', async () => {
    const cache = memoryCache();
    const missing = `${folder}group2-shard1of1`;
    const reading = cachingFetch(async () => cache, network(new Set([missing])));
    expect((await reading.fetch(missing)).ok).toBe(false);
    await reading.commit();
    expect(cache.store.size).toBe(0);
  });

  it('lists cached backbones with the bytes of their files, and removes one', async () => {
    const cache = memoryCache();
    const open = async () => cache;
    const other = getBackbone('mobilenet_v1_1.0');
    for (const s of [spec, other]) {
      const reading = cachingFetch(open, network());
      await reading.fetch(s.modelUrl);
      await reading.fetch(s.modelUrl.replace('model.json', 'group1-shard1of1'));
      await reading.commit();
    }
    const specs = [spec, other, getBackbone('mobilenet_v1_0.25'), getBackbone('digits-vgg')];
    expect(await listCached(open, specs)).toEqual([
      { id: 'mobilenet_v1_0.75', bytes: 102 },
      { id: 'mobilenet_v1_1.0', bytes: 102 },
    ]);
    await removeCached(open, spec);
    expect(await listCached(open, specs)).toEqual([{ id: 'mobilenet_v1_1.0', bytes: 102 }]);
  });
});
