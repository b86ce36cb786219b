import { describe, expect, it } from 'vitest';
import type { Preprocessing } from '../../core/backbones/types';
import type { ImageDecoder } from '../../core/data/types';
import { DatasetCache, loadWorkspaceDataset } from './datasetLoader';
import type { WorkspaceDb } from './db';
import type { ImageRecord } from './schema';

const pre: Preprocessing = { inputSize: 4, channels: 3, range: 'zero-to-one', centreCrop: true };

/** A workspace holding one dataset of two stored 'rgb' images, 6×4 and 3×3. */
function workspace(): WorkspaceDb {
  const image = (id: string, width: number, height: number): Partial<ImageRecord> => ({
    id,
    classIndex: id === 'a' ? 0 : 1,
    source: `${id}.png`,
    pixels: { kind: 'rgb', width, height, data: new Uint8Array(width * height * 3).fill(200).buffer },
  });
  return {
    getDataset: async () => ({ name: 'two', classNames: ['x', 'y'] }),
    forEachImage: async (_: string, visit: (record: ImageRecord) => void) =>
      [image('b', 3, 3), image('a', 6, 4)].forEach((r) => visit(r as ImageRecord)),
  } as unknown as WorkspaceDb;
}

const decoder: ImageDecoder = {
  decode: () => Promise.reject(new Error('no encoded images here')),
};

describe('loadWorkspaceDataset', () => {
  it('holds the stored pixels as they are, or fitted to the run’s input size', async () => {
    const stored = await loadWorkspaceDataset(workspace(), 'd', { decoder });
    expect(stored.examples.map((e) => [e.id, e.image.width, e.image.height])).toEqual([
      ['a', 6, 4],
      ['b', 3, 3],
    ]);
    const fitted = await loadWorkspaceDataset(workspace(), 'd', { decoder, fit: { preprocessing: pre, size: 4 } });
    expect(fitted.examples.map((e) => [e.id, e.image.width, e.image.height, e.image.data.length])).toEqual([
      ['a', 4, 4, 48],
      ['b', 4, 4, 48],
    ]);
    expect(fitted.examples[0].image.data.every((v) => v === 200)).toBe(true);
  });
});

describe('loadWorkspaceDataset and webcam bursts (issue 13, item 5)', () => {
  it('gives frames of one hold their burst, so the split keeps them on one side', async () => {
    const frame = (id: string, source: string) =>
      ({
        id,
        classIndex: 0,
        source,
        pixels: { kind: 'rgb', width: 1, height: 1, data: new Uint8Array([1, 2, 3]).buffer },
      }) as ImageRecord;
    const ws = {
      getDataset: async () => ({ name: 'cam', classNames: ['x'] }),
      forEachImage: async (_: string, visit: (record: ImageRecord) => void) =>
        [
          frame('a', 'webcam 10:00:00.000 · 10:00:00.100'),
          frame('b', 'webcam 10:00:00.000 · 10:00:00.300'),
          frame('c', 'photo.jpg'),
        ].forEach(visit),
    } as unknown as WorkspaceDb;
    const { examples } = await loadWorkspaceDataset(ws, 'd', { decoder });
    expect(examples[0].burst).toBeDefined();
    expect(examples[1].burst).toBe(examples[0].burst);
    expect('burst' in examples[2]).toBe(false);
  });
});

describe('DatasetCache', () => {
  it('keeps one load per dataset and variant, and drops every variant of a dataset that changed', async () => {
    const cache = new DatasetCache(() => Promise.reject(new Error('not used')), {
      decode: () => Promise.reject(new Error('not used')),
    } satisfies ImageDecoder);
    let loads = 0;
    const load = async () => ({ name: `load ${++loads}`, classNames: [], examples: [] });
    const first = await cache.get('d', load, '224');
    expect(await cache.get('d', load, '224')).toBe(first);
    expect((await cache.get('d', load, '96')).name).toBe('load 2');
    cache.invalidate('d');
    expect((await cache.get('d', load, '96')).name).toBe('load 3');
    cache.invalidate('other');
    expect((await cache.get('d', load, '96')).name).toBe('load 3');
  });
});
