/**
 * Downloaded backbones kept in the browser's Cache Storage (the Cache API, available in workers): the model.json and
 * weight files of a catalogue backbone's public URL, stored as they arrived, so the second load reads them without
 * the network. Built-in backbones are not kept here (the service worker precaches them with the app).
 *
 * Files are written only after the model they belong to loaded and checked out (`commit`), so a broken download
 * never poisons the cache; a damaged entry found later is removed by the caller (`remove`) and downloaded again.
 */
import type { FetchLike, FetchResponseLike } from '../../core/backbones/load';
import type { BackboneSpec } from '../../core/backbones/types';

/** One Cache Storage cache for every downloaded backbone; a new layout would get a new name. */
export const MODEL_CACHE_NAME = 'transfer-studio-models-v1';

/** The parts of the Cache API used here (a structural type, so tests can pass an in-memory fake). */
export interface CacheLike {
  match(url: string): Promise<ResponseLike | undefined>;
  put(url: string, response: Response): Promise<void>;
  keys(): Promise<readonly { url: string }[]>;
  delete(url: string): Promise<boolean>;
}
export interface ResponseLike {
  ok: boolean;
  status: number;
  headers: { get(name: string): string | null };
  arrayBuffer(): Promise<ArrayBuffer>;
}
export type OpenCache = () => Promise<CacheLike>;

/** A downloaded backbone in the cache: its catalogue id and the bytes its files take. */
export interface CachedBackbone {
  id: string;
  bytes: number;
}

/** The browser's cache (undefined outside a secure context, or where the Cache API is missing). */
export function browserModelCache(): OpenCache | undefined {
  const storage = (globalThis as { caches?: { open(name: string): Promise<unknown> } }).caches;
  if (!storage) return undefined;
  return async () => (await storage.open(MODEL_CACHE_NAME)) as CacheLike;
}

/** The folder a backbone's files live in: its model.json URL without the file name. */
export function folderOf(spec: BackboneSpec): string {
  return spec.modelUrl.slice(0, spec.modelUrl.lastIndexOf('/') + 1);
}

/**
 * A fetch for one load of `spec`: files found in the cache are answered from it, the others are fetched and held
 * until `commit()` stores them. `hits`/`misses` count what came from where.
 */
export function cachingFetch(
  openCache: OpenCache,
  networkFetch: FetchLike,
): { fetch: FetchLike; commit(): Promise<void>; counts(): { hits: number; misses: number } } {
  const arrived: { url: string; bytes: ArrayBuffer; contentType: string | null }[] = [];
  let hits = 0;
  const fetch: FetchLike = async (url, init) => {
    const cache = await openCache();
    const cached = await cache.match(url);
    if (cached?.ok) {
      hits++;
      return fromBytes(await cached.arrayBuffer(), cached.status);
    }
    const response = await networkFetch(url, init);
    if (!response.ok) return response;
    const bytes = await response.arrayBuffer();
    arrived.push({ url, bytes, contentType: /model\.json$/.test(url) ? 'application/json' : null });
    return fromBytes(bytes, response.status);
  };
  return {
    fetch,
    counts: () => ({ hits, misses: arrived.length }),
    async commit() {
      if (arrived.length === 0) return;
      const cache = await openCache();
      for (const file of arrived.splice(0)) {
        const headers: Record<string, string> = { 'content-length': String(file.bytes.byteLength) };
        if (file.contentType) headers['content-type'] = file.contentType;
        await cache.put(file.url, new Response(file.bytes, { status: 200, headers }));
      }
    },
  };
}

/** True when the cache holds `spec`'s model.json (its weights are then expected to be there too). */
export async function isCached(openCache: OpenCache, spec: BackboneSpec): Promise<boolean> {
  return (await (await openCache()).match(spec.modelUrl))?.ok === true;
}

/** Every catalogue backbone with its model.json in the cache, and the bytes of all its files, by id. */
export async function listCached(openCache: OpenCache, specs: readonly BackboneSpec[]): Promise<CachedBackbone[]> {
  const cache = await openCache();
  const keys = (await cache.keys()).map((k) => k.url);
  const out: CachedBackbone[] = [];
  for (const spec of specs) {
    if (spec.builtIn || !keys.includes(spec.modelUrl)) continue;
    const folder = folderOf(spec);
    let bytes = 0;
    for (const url of keys.filter((k) => k.startsWith(folder))) {
      const response = await cache.match(url);
      const length = Number(response?.headers.get('content-length'));
      bytes += Number.isFinite(length) && length > 0 ? length : ((await response?.arrayBuffer())?.byteLength ?? 0);
    }
    out.push({ id: spec.id, bytes });
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

/** Removes every file of `spec` from the cache. */
export async function removeCached(openCache: OpenCache, spec: BackboneSpec): Promise<void> {
  const cache = await openCache();
  const folder = folderOf(spec);
  for (const { url } of await cache.keys()) if (url.startsWith(folder)) await cache.delete(url);
}

function fromBytes(bytes: ArrayBuffer, status: number): FetchResponseLike {
  return {
    ok: true,
    status,
    text: async () => new TextDecoder().decode(bytes),
    arrayBuffer: async () => bytes,
  };
}
