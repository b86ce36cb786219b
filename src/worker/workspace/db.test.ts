import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, StorageFullError, WorkspaceDb, WorkspaceError, type Migration } from './db';
import { choosePixelPayload, type DatasetRecord, type ImageRecord, type RunRecord } from './schema';

let counter = 0;
let name = '';
const open: WorkspaceDb[] = [];
const openDb = async (migrations?: readonly Migration[]) => {
  const ws = await WorkspaceDb.open({ name, migrations });
  open.push(ws);
  return ws;
};

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  name = `ws-${(counter += 1)}`;
});
afterEach(() => open.splice(0).forEach((ws) => ws.close()));

const dataset = (id: string, classNames = ['cats', 'dogs']): DatasetRecord => ({
  id,
  name: `Set ${id}`,
  classNames,
  createdAt: 1_700_000_000_000,
});
const image = (id: string, datasetId: string, classIndex = 0): ImageRecord => ({
  id,
  datasetId,
  classIndex,
  source: `cats/${id}.jpg`,
  width: 2,
  height: 1,
  pixels: { kind: 'rgb', width: 2, height: 1, data: new Uint8Array([1, 2, 3, 4, 5, 6]).buffer },
  thumbnail: new Blob([new Uint8Array([9, 9])], { type: 'image/webp' }),
});
const run = (id: string, status: RunRecord['status']): RunRecord => ({
  id,
  datasetId: 'd1',
  config: { schemaVersion: 1, strategies: ['scratch'], epochs: 3 },
  status,
  result: null,
  startedAt: 1000,
  updatedAt: 1000,
});

describe('WorkspaceDb: schema and migrations', () => {
  it('creates every store from an empty (v0) database', async () => {
    const ws = await openDb();
    expect(ws.schemaVersion).toBe(1);
    expect([...ws.db.objectStoreNames].sort()).toEqual(['datasets', 'images', 'models', 'runs', 'settings']);
    const tx = ws.db.transaction(['images', 'runs']);
    expect([...tx.objectStore('images').indexNames]).toEqual(['datasetId']);
    expect([...tx.objectStore('runs').indexNames]).toEqual(['status']);
  });

  const v2: Migration = {
    version: 2,
    description: 'test: images gain an index by class and a `migrated` flag',
    async migrate(_db, tx) {
      const store = tx.objectStore('images');
      store.createIndex('classIndex', 'classIndex');
      let cursor = await store.openCursor();
      while (cursor) {
        await cursor.update({ ...(cursor.value as object), migrated: true });
        cursor = await cursor.continue();
      }
    },
  };

  it('migrates a v1 database to a v2, keeping and transforming its data', async () => {
    const v1 = await openDb();
    await v1.saveDataset(dataset('d1'), [image('i1', 'd1'), image('i2', 'd1', 1)]);
    v1.close();
    const upgraded = await openDb([...MIGRATIONS, v2]);
    expect(upgraded.schemaVersion).toBe(2);
    const images = await upgraded.getImages('d1');
    expect(images.map((i) => (i as ImageRecord & { migrated?: boolean }).migrated)).toEqual([true, true]);
    expect(await upgraded.db.countFromIndex('images', 'classIndex', 1)).toBe(1);
    expect(await upgraded.listDatasets()).toEqual([dataset('d1')]);
  });

  it('leaves the database at its old version, data intact, when a migration fails', async () => {
    const v1 = await openDb();
    await v1.saveDataset(dataset('d1'), [image('i1', 'd1')]);
    v1.close();
    const broken: Migration = {
      version: 2,
      description: 'fails',
      migrate: () => {
        throw new Error('disk gremlin');
      },
    };
    await expect(WorkspaceDb.open({ name, migrations: [...MIGRATIONS, broken] })).rejects.toThrow(
      'The saved workspace could not be upgraded to version 2: Error: disk gremlin',
    );
    const again = await openDb();
    expect(again.schemaVersion).toBe(1);
    expect(await again.countImages('d1')).toBe(1);
  });

  it('refuses a database made by a newer version', async () => {
    (await openDb([...MIGRATIONS, v2])).close();
    const error = await WorkspaceDb.open({ name }).catch((e) => e);
    expect(error).toBeInstanceOf(WorkspaceError);
    expect(error.message).toContain('made by a newer version of Transfer Studio');
  });
});

describe('WorkspaceDb: reads and writes', () => {
  it('writes and reads datasets, images, runs, models and settings', async () => {
    const ws = await openDb();
    await ws.saveDataset(dataset('d1'), [image('i1', 'd1'), image('i2', 'd1', 1)]);
    await ws.saveDataset(dataset('d2'), [image('j1', 'd2')]);
    await ws.addImages('d1', [image('i3', 'd1', 1)]);
    expect((await ws.listDatasets()).map((d) => d.id)).toEqual(['d1', 'd2']);
    expect(await ws.countImages('d1')).toBe(3);
    const images = await ws.getImages('d1');
    expect(images.map((i) => i.id)).toEqual(['i1', 'i2', 'i3']);
    expect(new Uint8Array(images[0].pixels.data)).toEqual(new Uint8Array([1, 2, 3, 4, 5, 6]));
    expect(images[0].thumbnail).toBeInstanceOf(Blob);
    expect(new Uint8Array(await images[0].thumbnail!.arrayBuffer())).toEqual(new Uint8Array([9, 9]));
    const streamed: string[] = [];
    await ws.forEachImage('d2', (img) => streamed.push(img.id));
    expect(streamed).toEqual(['j1']);

    await ws.putRun(run('r1', 'running'));
    const updated = await ws.updateRun('r1', { status: 'done', result: { accuracy: 0.9 } }, 2000);
    expect(updated).toMatchObject({ status: 'done', result: { accuracy: 0.9 }, updatedAt: 2000 });
    expect(await ws.getRun('r1')).toEqual(updated);

    const weights = new Float32Array([0.5, -1]).buffer;
    await ws.saveModel({
      id: 'm1',
      name: 'head',
      kind: 'head',
      metadata: { labels: ['a', 'b'] },
      artifacts: {
        modelTopology: { layers: [] },
        weightSpecs: [{ name: 'w', shape: [2], dtype: 'float32' }],
        weightData: weights,
      },
      createdAt: 5,
    });
    expect(new Float32Array((await ws.getModel('m1'))!.artifacts.weightData)).toEqual(new Float32Array([0.5, -1]));

    await ws.putSetting('backend', 'wasm');
    expect(await ws.getSetting('backend')).toBe('wasm');
    expect(await ws.getSetting('missing')).toBeUndefined();

    await ws.deleteDataset('d1');
    expect(await ws.countImages('d1')).toBe(0);
    expect(await ws.countImages('d2')).toBe(1);
  });

  it('marks runs left running as interrupted after a reload', async () => {
    const before = await openDb();
    await before.putRun(run('a', 'running'));
    await before.putRun(run('b', 'done'));
    await before.putRun(run('c', 'running'));
    before.close(); // "reload"
    const after = await openDb();
    const changed = await after.markInterruptedRuns(9999);
    expect(changed.map((r) => r.id)).toEqual(['a', 'c']);
    expect((await after.listRuns()).map((r) => [r.id, r.status, r.updatedAt])).toEqual([
      ['a', 'interrupted', 9999],
      ['b', 'done', 1000],
      ['c', 'interrupted', 9999],
    ]);
    expect(await after.markInterruptedRuns()).toEqual([]);
  });

  it('rejects invalid records before writing anything', async () => {
    const ws = await openDb();
    const bad = {
      ...image('i2', 'd1'),
      pixels: { kind: 'rgb' as const, width: 4, height: 4, data: new ArrayBuffer(3) },
    };
    await expect(ws.saveDataset(dataset('d1'), [image('i1', 'd1'), bad])).rejects.toThrow(
      'image 2 (cats/i2.jpg) of dataset “Set d1” is invalid (pixels: rgb data must be width × height × 3 bytes); nothing was written',
    );
    expect(await ws.listDatasets()).toEqual([]);
  });

  it('leaves nothing behind when a write fails in the middle of a batch', async () => {
    const ws = await openDb();
    await ws.saveDataset(dataset('old'), [image('o1', 'old')]);
    // The third image repeats an id: IndexedDB fails that add() after the first two were queued.
    const batch = [image('n1', 'new'), image('n2', 'new'), image('n1', 'new'), image('n4', 'new')];
    const error = await ws.saveDataset(dataset('new'), batch).catch((e) => e);
    expect(error).toBeInstanceOf(WorkspaceError);
    expect(error.message).toContain('dataset “Set new” could not be saved');
    expect((await ws.listDatasets()).map((d) => d.id)).toEqual(['old']);
    expect(await ws.countImages('new')).toBe(0);
    expect(await ws.countImages('old')).toBe(1);
    await expect(ws.addImages('new', [image('x', 'new')])).rejects.toThrow('dataset new does not exist');
  });

  it('turns a quota error into StorageFullError and keeps the old data', async () => {
    const ws = await openDb();
    await ws.saveDataset(dataset('old'), [image('o1', 'old')]);
    const proto = globalThis.IDBObjectStore.prototype;
    const originalAdd = proto.add;
    let calls = 0;
    proto.add = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
      calls += 1;
      if (calls === 3) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return originalAdd.apply(this, args);
    };
    try {
      const error = await ws
        .saveDataset(dataset('big'), [image('b1', 'big'), image('b2', 'big'), image('b3', 'big')])
        .catch((e) => e);
      expect(error).toBeInstanceOf(StorageFullError);
      expect(error.message).toBe(
        'Browser storage is full: dataset “Set big” could not be saved, and nothing of it was written. ' +
          'Free space by deleting datasets, runs or models you no longer need, or export the workspace to a file.',
      );
    } finally {
      proto.add = originalAdd;
    }
    expect((await ws.listDatasets()).map((d) => d.id)).toEqual(['old']);
    expect(await ws.countImages('big')).toBe(0);
    expect((await ws.getImages('old')).map((i) => i.id)).toEqual(['o1']);
  });

  it('maps a quota error reported when the transaction commits', async () => {
    const ws = await openDb();
    await ws.putSetting('kept', 1);
    const proto = globalThis.IDBObjectStore.prototype;
    const originalPut = proto.put;
    proto.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      const request = originalPut.apply(this, args);
      const tx = this.transaction as unknown as { _abort(name: string): void };
      request.addEventListener('success', () => tx._abort('QuotaExceededError'));
      return request;
    };
    try {
      await expect(ws.putSetting('big', 'x'.repeat(100))).rejects.toBeInstanceOf(StorageFullError);
    } finally {
      proto.put = originalPut;
    }
    expect(await ws.getSetting('kept')).toBe(1);
    expect(await ws.getSetting('big')).toBeUndefined();
  });
});

describe('choosePixelPayload', () => {
  const decoded = { width: 4, height: 2, data: new Uint8Array(24).fill(7) };
  it('keeps small originals encoded and large ones as RGB', () => {
    expect(choosePixelPayload(new Uint8Array(10), 'image/png', decoded)).toMatchObject({
      kind: 'encoded',
      mime: 'image/png',
    });
    const rgb = choosePixelPayload(new Uint8Array(1000), 'image/jpeg', decoded);
    expect(rgb).toMatchObject({ kind: 'rgb', width: 4, height: 2 });
    expect(rgb.data.byteLength).toBe(24);
  });
});
