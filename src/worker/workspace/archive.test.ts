import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportWorkspace, importWorkspace } from './archive';
import { WorkspaceDb, WorkspaceError } from './db';
import type { ImageRecord, RunRecord, WorkspaceSnapshot } from './schema';

let counter = 0;
const opened: WorkspaceDb[] = [];
const openDb = async () => {
  const ws = await WorkspaceDb.open({ name: `archive-${(counter += 1)}` });
  opened.push(ws);
  return ws;
};
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});
afterEach(() => opened.splice(0).forEach((ws) => ws.close()));

/** Binary fields as plain bytes (toEqual cannot see inside a Blob). */
async function comparable(snapshot: WorkspaceSnapshot) {
  return {
    ...snapshot,
    images: await Promise.all(
      snapshot.images.map(async (img) => ({
        ...img,
        pixels: { ...img.pixels, data: new Uint8Array(img.pixels.data) },
        thumbnail: img.thumbnail
          ? { type: img.thumbnail.type, bytes: new Uint8Array(await img.thumbnail.arrayBuffer()) }
          : null,
      })),
    ),
    models: snapshot.models.map((m) => ({
      ...m,
      artifacts: { ...m.artifacts, weightData: new Uint8Array(m.artifacts.weightData) },
    })),
  };
}

function rgbImage(id: string, datasetId: string, classIndex: number, side: number): ImageRecord {
  const data = new Uint8Array(side * side * 3).map((_, i) => (i * 31 + side) % 256);
  return {
    id,
    datasetId,
    classIndex,
    source: `${classIndex}/${id}.jpg`,
    width: side,
    height: side,
    pixels: { kind: 'rgb', width: side, height: side, data: data.buffer },
    thumbnail: new Blob([new Uint8Array([82, 73, 70, 70, side])], { type: 'image/webp' }),
  };
}

async function fillWorkspace(ws: WorkspaceDb) {
  await ws.saveDataset({ id: 'pets', name: 'Pets — chats & 犬', classNames: ['chat', '犬'], createdAt: 1 }, [
    rgbImage('a', 'pets', 0, 8),
    rgbImage('b', 'pets', 1, 5),
    {
      id: 'c',
      datasetId: 'pets',
      classIndex: 1,
      source: 'dogs/c.png',
      width: 3,
      height: 2,
      pixels: { kind: 'encoded', mime: 'image/png', data: new Uint8Array([0x89, 0x50, 0x4e, 0x47]).buffer },
      thumbnail: null,
    },
  ]);
  await ws.saveDataset({ id: 'empty', name: 'Empty', classNames: [], createdAt: 2 });
  const statuses: RunRecord['status'][] = ['running', 'done', 'interrupted', 'cancelled', 'failed'];
  for (const [i, status] of statuses.entries()) {
    await ws.putRun({
      id: `run-${i}`,
      datasetId: i === 0 ? null : 'pets',
      status,
      startedAt: i,
      updatedAt: i * 2,
      config: {
        schemaVersion: 1,
        strategies: ['scratch', 'feature-extraction'],
        seeds: 3,
        nested: { x: [1.5, null, 'ü'] },
      },
      result: status === 'done' ? { curve: [{ epoch: 0, accuracy: 0.5 }], summary: [] } : null,
      ...(status === 'failed' ? { error: 'out of memory' } : {}),
    });
  }
  await ws.saveModel({
    id: 'm1',
    name: 'Pets head',
    kind: 'head',
    createdAt: 7,
    metadata: { labels: ['chat', '犬'], backbone: 'mobilenet_v1_0.25', imageSize: 224 },
    artifacts: {
      modelTopology: { class_name: 'Sequential', config: { layers: [] } },
      weightSpecs: [{ name: 'dense/kernel', shape: [2, 2], dtype: 'float32' }],
      weightData: new Float32Array([0.25, -0.5, 1e-7, 3]).buffer,
      format: 'layers-model',
      generatedBy: 'TensorFlow.js tfjs-layers v4.22.0',
      convertedBy: null,
    },
  });
  await ws.putSetting('backend', 'wasm');
  await ws.putSetting('ui', { language: 'fr', grid: { thumbnails: true } });
}

describe('exportWorkspace / importWorkspace', () => {
  it('round-trips the whole workspace exactly (deep-equal before and after)', async () => {
    const source = await openDb();
    await fillWorkspace(source);
    const before = await comparable(await source.readAll());
    const blob = await exportWorkspace(source, new Date('2025-01-02T03:04:05Z'));
    expect(blob.type).toBe('application/zip');

    const manifest = JSON.parse(strFromU8(unzipSync(new Uint8Array(await blob.arrayBuffer()))['manifest.json']));
    expect(manifest).toMatchObject({
      format: 'transfer-studio-workspace',
      schemaVersion: 1,
      exportedAt: '2025-01-02T03:04:05.000Z',
    });
    expect(manifest.images[0].pixels).toEqual({ kind: 'rgb', width: 8, height: 8, file: 'images/0.bin' });

    const target = await openDb();
    await target.saveDataset({ id: 'other', name: 'to be replaced', classNames: ['x'], createdAt: 0 });
    const summary = await importWorkspace(target, blob);
    expect(summary).toEqual({ datasets: 2, images: 3, runs: 5, models: 1, settings: 2 });
    expect(await comparable(await target.readAll())).toEqual(before);

    // …and the imported copy exports to the same manifest again.
    const again = JSON.parse(
      strFromU8(
        unzipSync(
          new Uint8Array(await (await exportWorkspace(target, new Date('2025-01-02T03:04:05Z'))).arrayBuffer()),
        )['manifest.json'],
      ),
    );
    expect(again).toEqual(manifest);
  });

  it('merges into an existing workspace when asked', async () => {
    const source = await openDb();
    await fillWorkspace(source);
    const target = await openDb();
    await target.saveDataset({ id: 'other', name: 'kept', classNames: ['x'], createdAt: 0 });
    await importWorkspace(target, await exportWorkspace(source), { mode: 'merge' });
    expect((await target.listDatasets()).map((d) => d.id).sort()).toEqual(['empty', 'other', 'pets']);
  });

  describe('rejects bad files and changes nothing', () => {
    const expectRejected = async (file: Blob, message: string) => {
      const ws = await openDb();
      await ws.putSetting('kept', true);
      const error = await importWorkspace(ws, file, { fileName: 'backup.zip' }).catch((e) => e);
      expect(error).toBeInstanceOf(WorkspaceError);
      expect(error.message).toContain(message);
      expect(error.message).toMatch(/nothing was changed$/);
      expect(await ws.getSetting('kept')).toBe(true);
    };
    const zipOf = (manifest: unknown, extra: Record<string, Uint8Array> = {}) =>
      new Blob([zipSync({ 'manifest.json': strToU8(JSON.stringify(manifest)), ...extra }) as Uint8Array<ArrayBuffer>]);
    const base = {
      format: 'transfer-studio-workspace',
      schemaVersion: 1,
      exportedAt: 'x',
      datasets: [],
      images: [],
      runs: [],
      models: [],
      settings: [],
    };

    it('not a zip', () =>
      expectRejected(new Blob(['hello']), 'backup.zip is not a workspace file (not a readable zip)'));
    it('no manifest', () =>
      expectRejected(
        new Blob([zipSync({ 'a.txt': strToU8('x') }) as Uint8Array<ArrayBuffer>]),
        'no manifest.json inside',
      ));
    it('another format', () =>
      expectRejected(zipOf({ ...base, format: 'teachable' }), 'is not a Transfer Studio workspace'));
    it('a newer schema', () =>
      expectRejected(zipOf({ ...base, schemaVersion: 9 }), 'was made by a newer version of Transfer Studio (schema 9'));
    it('a bad field', () =>
      expectRejected(zipOf({ ...base, runs: [{ id: 'r', status: 'sleeping' }] }), 'has an invalid manifest (runs.0.'));
    it('an image of a missing dataset', () =>
      expectRejected(
        zipOf(
          {
            ...base,
            images: [
              {
                id: 'i',
                datasetId: 'nope',
                classIndex: 0,
                source: 's',
                width: 1,
                height: 1,
                pixels: { kind: 'rgb', width: 1, height: 1, file: 'images/0.bin' },
                thumbnail: null,
              },
            ],
          },
          { 'images/0.bin': new Uint8Array(3) },
        ),
        'has image i of a dataset that is not in it (nope)',
      ));
    it('a missing pixel file', () =>
      expectRejected(
        zipOf({
          ...base,
          datasets: [{ id: 'd', name: 'd', classNames: ['a'], createdAt: 0 }],
          images: [
            {
              id: 'i',
              datasetId: 'd',
              classIndex: 0,
              source: 's',
              width: 1,
              height: 1,
              pixels: { kind: 'rgb', width: 1, height: 1, file: 'images/0.bin' },
              thumbnail: null,
            },
          ],
        }),
        'is missing images/0.bin',
      ));
    it('too large', async () => {
      const ws = await openDb();
      const error = await importWorkspace(ws, zipOf(base, { 'images/0.bin': new Uint8Array(5000) }), {
        maxBytes: 1000,
      }).catch((e) => e);
      expect(error.message).toContain('is too large: it unpacks to more than 1000 bytes');
    });
  });
});
