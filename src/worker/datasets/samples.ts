/**
 * Loads a built-in sample dataset (a sprite sheet + manifest made by scripts/build-samples.ts) into core's
 * Dataset. Browser-only (fetch, createImageBitmap, OffscreenCanvas); runs in the worker.
 */
import { z } from '../../core/zod';
import { colourDigits } from '../../core/data/colourDigits';
import { withLimits } from '../../core/data/limits';
import { duplicateGroupsOf } from '../../core/data/duplicates';
import type { Dataset, LabeledImage } from '../../core/data/types';
import { DatasetError } from '../../core/data/types';
import { createBrowserDecoder } from './browserDecode';

/** The users' image decoder, without its 512-px downscale (a sprite is wide, and its tiles must stay exact). */
const spriteDecoder = createBrowserDecoder({ limits: withLimits({ decodeMaxSide: 16_384 }) });

const manifestSchema = z.object({
  schemaVersion: z.literal(1),
  name: z.string(),
  polarity: z.enum(['black-on-white', 'white-on-black']),
  sprite: z.string().min(1),
  tileSize: z.number().int().positive(),
  classes: z
    .array(z.object({ name: z.string(), count: z.number().int().positive(), firstIndex: z.number().int().min(0) }))
    .min(2),
});

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new DatasetError(`could not be downloaded (HTTP ${response.status})`, url);
  return response;
}

/** Samples made of others: their classes and examples in order (ids stay unique: `mnist:<class>:<index>`). */
const COMBINED_SAMPLES: Record<string, readonly string[]> = { mnist: ['digits-a', 'digits'] };

/**
 * Fetches `<baseUrl>samples/<id>/manifest.json` and its sprite and cuts the sprite into examples: class i is row i,
 * example j column j. Takes the first `perClass` examples of each class (all when undefined). Example ids are
 * `mnist:<class name>:<index>`, labels are class indices. A combined
 * sample (`mnist`: digits-a then digits, 0–9) is its parts one after the other.
 */
export async function loadSampleDataset(
  baseUrl: string,
  id: string,
  perClass?: number,
  signal?: AbortSignal,
): Promise<Dataset> {
  const parts = COMBINED_SAMPLES[id];
  if (parts) {
    const loaded: Dataset[] = [];
    for (const part of parts) loaded.push(await loadSampleDataset(baseUrl, part, perClass, signal));
    let offset = 0;
    const examples = loaded.flatMap((d) => {
      const shifted = d.examples.map((e) => ({ ...e, label: e.label + offset }));
      offset += d.classNames.length;
      return shifted;
    });
    return { name: 'MNIST digits 0–9', classNames: loaded.flatMap((d) => d.classNames), examples };
  }
  const folder = new URL(`samples/${id}/`, baseUrl);
  const manifestUrl = new URL('manifest.json', folder).href;
  const response = await fetchOk(manifestUrl);
  // A missing file comes back as the app's index.html (the server's SPA fallback), so parse defensively.
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new DatasetError('is not JSON (the sample files are missing from this build?)', manifestUrl);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success)
    throw new DatasetError(`is not a sample manifest: ${parsed.error.issues[0]?.message}`, manifestUrl);
  const manifest = parsed.data;
  signal?.throwIfAborted();

  const spriteUrl = new URL(manifest.sprite, folder).href;
  const sprite = await spriteDecoder.decode(new Uint8Array(await (await fetchOk(spriteUrl)).arrayBuffer()), spriteUrl);
  const tile = manifest.tileSize;
  const columns = Math.max(...manifest.classes.map((c) => c.count));
  if (sprite.width < columns * tile || sprite.height < manifest.classes.length * tile) {
    throw new DatasetError(`is ${sprite.width}×${sprite.height}, smaller than its manifest says`, spriteUrl);
  }

  const examples: LabeledImage[] = [];
  manifest.classes.forEach((cls, label) => {
    if (perClass !== undefined && perClass > cls.count) {
      throw new DatasetError(
        `has ${cls.count} examples of class ${cls.name}, fewer than the ${perClass} asked for`,
        manifestUrl,
      );
    }
    for (let j = 0; j < (perClass ?? cls.count); j++) {
      const data = new Uint8Array(tile * tile * 3);
      for (let y = 0; y < tile; y++) {
        const from = ((label * tile + y) * sprite.width + j * tile) * 3;
        data.set(sprite.data.subarray(from, from + tile * 3), y * tile * 3);
      }
      examples.push({
        id: `mnist:${cls.name}:${cls.firstIndex + j}`,
        label,
        source: `${manifest.sprite} (${cls.name}, #${j + 1})`,
        image: { width: tile, height: tile, data },
      });
    }
  });
  return { name: manifest.name, classNames: manifest.classes.map((c) => c.name), examples };
}

/**
 * The offline target of the domain-adaptation preset (DatasetSource kind 'colour-digits'): the built-in digits 0–9,
 * examples offset..offset + perClass − 1 of each class, on synthetic colour backgrounds (core/data/colourDigits.ts).
 */
export async function loadColourDigits(
  source: { baseUrl: string; offset: number; perClass: number; seed: number },
  signal?: AbortSignal,
): Promise<Dataset> {
  const clean = await loadSampleDataset(source.baseUrl, 'mnist', source.offset + source.perClass, signal);
  const examples = clean.examples.filter((e) => Number(e.id.split(':').at(-1)) >= source.offset);
  return colourDigits({ ...clean, examples }, source.seed);
}

/**
 * Reads built-in samples for runs, keeping the last one read with its duplicate groups found (core
 * duplicateGroupsOf remembers them per dataset object): samples never change and datasets are never mutated, so
 * the next run of the same sample (or a run after dataset.prepare) starts without reading or grouping it again.
 * The reading is shared, so it ignores a caller's signal; each caller still stops on its own.
 */
export function createSampleReader(load: typeof loadSampleDataset = loadSampleDataset) {
  let kept: { key: string; dataset: Promise<Dataset> } | null = null;
  return (source: { baseUrl: string; id: string; perClass?: number }, signal?: AbortSignal): Promise<Dataset> => {
    const key = JSON.stringify([source.baseUrl, source.id, source.perClass ?? null]);
    if (kept?.key !== key) {
      const dataset = load(source.baseUrl, source.id, source.perClass).then((read) => {
        duplicateGroupsOf(read);
        return read;
      });
      kept = { key, dataset };
      // A failed read is not kept: the next caller tries again.
      dataset.catch(() => {
        if (kept?.dataset === dataset) kept = null;
      });
    }
    const { dataset } = kept;
    return signal ? dataset.then((read) => (signal.throwIfAborted(), read)) : dataset;
  };
}
