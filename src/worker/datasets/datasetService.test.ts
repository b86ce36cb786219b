import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { zipSync } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import { checkImageBytes } from '../../core/data/imageHeader';
import { DEFAULT_LIMITS, withLimits, type ImportLimits } from '../../core/data/limits';
import type { ImportedImage } from './browserDecode';
import type { DatasetWorkerCommand, DatasetWorkerEvent } from '../protocol/dataset';
import { createDatasetService } from './datasetService';
import { createRunRecorder, fromRunJson, toRunJson } from '../workspace/runRecorder';
import { StorageFullError, WorkspaceDb } from '../workspace/db';

/** A PNG skeleton: signature, IHDR (size), a 1-byte IDAT holding `seed` (so files differ), IEND. CRCs unchecked. */
function png(width: number, height: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(58);
  const view = new DataView(bytes.buffer);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  view.setUint32(16, width);
  view.setUint32(20, height);
  bytes.set([8, 2, 0, 0, 0], 24);
  bytes.set([0, 0, 0, 1, 0x49, 0x44, 0x41, 0x54], 33);
  bytes[SEED] = seed;
  bytes.set([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82], 46);
  return bytes;
}
const SEED = 41;

/** Decodes "images" without a browser: the real header check, then a 1×1 pixel whose red value is the seed. */
async function stubDecode(
  bytes: Uint8Array,
  label: string,
  limits: ImportLimits = DEFAULT_LIMITS,
): Promise<ImportedImage> {
  const check = checkImageBytes(bytes, label, limits);
  if (!check.ok) throw check.error;
  if (bytes[SEED] === 255) throw new Error(`${label}: could not be decoded as PNG: it may be corrupt`);
  return {
    image: { width: 1, height: 1, data: new Uint8Array([bytes[SEED], 0, 0]) },
    thumbnail: new Blob([new Uint8Array([1])], { type: 'image/webp' }),
    format: check.format,
    originalWidth: check.width,
    originalHeight: check.height,
    warnings: [],
    notices: [],
  };
}

const file = (path: string, bytes: Uint8Array | string) => ({
  path,
  file: new File([typeof bytes === 'string' ? bytes : (bytes as Uint8Array<ArrayBuffer>)], path.split('/').pop()!),
});

let dbCount = 0;
function setup() {
  globalThis.indexedDB = new IDBFactory();
  const name = `svc-${(dbCount += 1)}`;
  const events: DatasetWorkerEvent[] = [];
  const service = createDatasetService({
    emit: (e) => events.push(e),
    openWorkspace: () => WorkspaceDb.open({ name }),
    decode: stubDecode,
  });
  const of = <T extends DatasetWorkerEvent['type']>(type: T) =>
    events.filter((e): e is Extract<DatasetWorkerEvent, { type: T }> => e.type === type);
  const send = (command: DatasetWorkerCommand) => service.handle(command);
  return { service, events, of, send, name };
}

const importCommand = (
  files: ReturnType<typeof file>[],
  extra: Partial<Extract<DatasetWorkerCommand, { type: 'import.start' }>> = {},
) => ({
  type: 'import.start' as const,
  importId: 'imp1',
  datasetId: 'd1',
  createName: 'Flowers',
  files,
  folders: [],
  readProblems: [],
  ...extra,
});

describe('dataset service', () => {
  beforeEach(() => {
    dbCount += 1;
  });

  it('imports a folder of class folders; problems name the file and the reason; the rest is kept', async () => {
    const { send, of } = setup();
    await send({ type: 'workspace.open' });
    await send(
      importCommand([
        file('flowers/daisy/1.png', png(4, 4, 10)),
        file('flowers/daisy/2.png', png(4, 4, 11)),
        file('flowers/rose/1.png', png(4, 4, 20)),
        file('flowers/rose/notes.txt', 'hello'),
        file('flowers/rose/fake.png', 'just text, not an image at all'),
        file('flowers/rose/broken.png', png(4, 4, 255)),
      ]),
    );
    const [finished] = of('import.finished');
    expect(finished).toMatchObject({ status: 'done', imported: 3, planned: 5, datasetId: 'd1' });
    const problems = of('import.problems').flatMap((e) => e.problems);
    expect(problems.map((p) => p.file).sort()).toEqual([
      'flowers/rose/broken.png',
      'flowers/rose/fake.png',
      'flowers/rose/notes.txt',
    ]);
    expect(Object.fromEntries(problems.map((p) => [p.file, p.reason.code]))).toEqual({
      'flowers/rose/broken.png': 'other', // the stub decoder's own failure
      'flowers/rose/fake.png': 'text',
      'flowers/rose/notes.txt': 'notImage',
    });
    const last = of('dataset.updated').at(-1)!.dataset;
    expect(last).toMatchObject({ name: 'Flowers', classNames: ['daisy', 'rose'], counts: [2, 1] });
  });

  it('imports a zip: zip-slip, text-as-jpg and corrupt entries are listed; good images stored and loadable', async () => {
    const { send, of, service } = setup();
    const zip = zipSync({
      'cats/a.png': png(2, 2, 1),
      'cats/b.png': png(2, 2, 2),
      'dogs/a.png': png(2, 2, 3),
      'dogs/text.jpg': new TextEncoder().encode('this is text'),
      'dogs/corrupt.png': png(2, 2, 255),
      '../evil.png': png(2, 2, 4),
    });
    await send(importCommand([file('pets.zip', zip)]));
    expect(of('import.finished')[0]).toMatchObject({ status: 'done', imported: 3 });
    const problems = of('import.problems').flatMap((e) => e.problems);
    expect(problems.map((p) => p.file).sort()).toEqual([
      'pets.zip › ../evil.png',
      'pets.zip › dogs/corrupt.png',
      'pets.zip › dogs/text.jpg',
    ]);
    expect(problems.find((p) => p.file.endsWith('evil.png'))!.reason).toEqual({ code: 'zipSlip' });

    const dataset = await service.loadDataset('d1');
    expect(dataset.classNames).toEqual(['cats', 'dogs']);
    expect(dataset.examples.map((e) => [e.label, e.image.data[0]])).toEqual([
      [0, 1],
      [0, 2],
      [1, 3],
    ]);
  });

  it('blocks an import over a limit without writing anything', async () => {
    const { of, name } = setup();
    const events: DatasetWorkerEvent[] = [];
    const limited = createDatasetService({
      emit: (e) => events.push(e),
      openWorkspace: () => WorkspaceDb.open({ name }),
      decode: stubDecode,
      limits: withLimits({ maxImages: 2 }),
    });
    const files = Array.from({ length: 3 }, (_, i) => file(`c${i}/x.png`, png(2, 2, i)));
    await limited.handle(importCommand(files, { createName: 'Big' }));
    const finished = events.find((e) => e.type === 'import.finished');
    expect(finished).toMatchObject({ status: 'blocked', imported: 0 });
    expect((finished as { message: string }).message).toMatch(/over the limit of 2 per dataset/);
    expect(await (await limited.workspace()).listDatasets()).toEqual([]);
    expect(of('import.finished')).toEqual([]);
  });

  it('cancels within the current file and keeps what was saved', async () => {
    const { send, of, service } = setup();
    const files = Array.from({ length: 200 }, (_, i) => file(`a${i % 2}/${i}.png`, png(2, 2, i % 200)));
    const running = send(importCommand(files));
    await new Promise((r) => setTimeout(r, 5));
    await send({ type: 'import.cancel', importId: 'imp1' });
    await running;
    const finished = of('import.finished')[0];
    expect(finished.status).toBe('cancelled');
    expect(finished.imported).toBeLessThan(200);
    const stored = await (await service.workspace()).countImages('d1');
    expect(stored).toBe(finished.imported);
  });

  it('adds, renames and deletes classes; deleting a class renumbers the later ones', async () => {
    const { send, of, service } = setup();
    await send(
      importCommand([file('a/1.png', png(2, 2, 1)), file('b/1.png', png(2, 2, 2)), file('c/1.png', png(2, 2, 3))]),
    );
    await send({ type: 'class.add', datasetId: 'd1', name: 'd' });
    await send({ type: 'class.add', datasetId: 'd1', name: 'A' });
    expect(of('workspace.error').at(-1)).toMatchObject({ operation: 'class.add', storageFull: false });
    expect(of('workspace.error').at(-1)!.message).toMatch(/already a class “a”/);
    await send({ type: 'class.rename', datasetId: 'd1', classIndex: 2, name: 'cee' });
    await send({ type: 'class.delete', datasetId: 'd1', classIndex: 1 });
    expect(of('class.removed')).toEqual([{ type: 'class.removed', datasetId: 'd1', classIndex: 1 }]);
    expect(of('dataset.updated').at(-1)!.dataset).toMatchObject({ classNames: ['a', 'cee', 'd'], counts: [1, 1, 0] });
    const dataset = await service.loadDataset('d1');
    expect(dataset.examples.map((e) => [e.label, e.image.data[0]])).toEqual([
      [0, 1],
      [1, 3],
    ]);
  });

  it('deletes images and updates counts; a reload (new service) lists the same workspace', async () => {
    const { send, of, name } = setup();
    await send(
      importCommand([file('a/1.png', png(2, 2, 1)), file('a/2.png', png(2, 2, 2)), file('b/1.png', png(2, 2, 3))]),
    );
    const ids = of('images.listed').flatMap((e) => e.images.map((i) => i.id));
    await send({ type: 'images.delete', datasetId: 'd1', imageIds: [ids[0]] });
    expect(of('images.removed')[0].imageIds).toEqual([ids[0]]);
    await send({ type: 'dataset.select', selection: { kind: 'workspace', datasetId: 'd1' } });

    const events: DatasetWorkerEvent[] = [];
    const reloaded = createDatasetService({
      emit: (e) => events.push(e),
      openWorkspace: () => WorkspaceDb.open({ name }),
      decode: stubDecode,
    });
    await reloaded.handle({ type: 'workspace.open' });
    const opened = events.find((e) => e.type === 'workspace.opened') as Extract<
      DatasetWorkerEvent,
      { type: 'workspace.opened' }
    >;
    expect(opened.datasets).toEqual([expect.objectContaining({ id: 'd1', classNames: ['a', 'b'], counts: [1, 1] })]);
    expect(opened.selection).toEqual({ kind: 'workspace', datasetId: 'd1' });
    const images = events.find((e) => e.type === 'images.listed') as Extract<
      DatasetWorkerEvent,
      { type: 'images.listed' }
    >;
    expect(images.images.map((i) => i.id)).toEqual(ids.slice(1));
    expect(images.images.every((i) => i.thumbnail instanceof Blob)).toBe(true);
  });

  it('reports a run left running as interrupted after a reload, with its progress', async () => {
    const { service, name } = setup();
    await service.handle(importCommand([file('a/1.png', png(2, 2, 1)), file('b/1.png', png(2, 2, 2))]));
    const recorder = createRunRecorder(service.workspace);
    await recorder.start({
      runId: 'r1',
      config: { strategies: ['scratch', 'feature-extraction'], seeds: 2, epochs: 5 },
      datasetId: 'd1',
      trialCount: 4,
    });
    recorder.observe({ type: 'experiment.event', runId: 'r1', event: { type: 'trial.end' } });
    await recorder.settled();

    const events: DatasetWorkerEvent[] = [];
    const reloaded = createDatasetService({
      emit: (e) => events.push(e),
      openWorkspace: () => WorkspaceDb.open({ name }),
      decode: stubDecode,
    });
    await reloaded.handle({ type: 'workspace.open' });
    const opened = events.find((e) => e.type === 'workspace.opened') as Extract<
      DatasetWorkerEvent,
      { type: 'workspace.opened' }
    >;
    expect(opened.interruptedRuns).toEqual([
      expect.objectContaining({
        id: 'r1',
        datasetName: 'Flowers',
        strategies: ['scratch', 'feature-extraction'],
        seeds: 2,
        trialsDone: 1,
        trialCount: 4,
      }),
    ]);
    expect((await (await reloaded.workspace()).getRun('r1'))?.status).toBe('interrupted');
  });

  it('records a finished run with its result; NaN survives the JSON round trip', async () => {
    const { service } = setup();
    const recorder = createRunRecorder(service.workspace);
    await recorder.start({ runId: 'r2', config: { seeds: 1 }, datasetId: null, trialCount: 1 });
    const result = { curve: [{ epoch: 0, trainLoss: NaN, valAccuracy: 0.5 }], slope: Infinity };
    recorder.observe({ type: 'experiment.result', runId: 'r2', result });
    await recorder.settled();
    const stored = await (await service.workspace()).getRun('r2');
    expect(stored?.status).toBe('done');
    expect(fromRunJson(stored!.result)).toEqual(result);
    expect(fromRunJson(toRunJson({ a: -Infinity, b: [1, NaN] }))).toEqual({ a: -Infinity, b: [1, NaN] });
  });

  it('exports, clears and imports the workspace back identically', async () => {
    const { send, of, service } = setup();
    await send(importCommand([file('a/1.png', png(2, 2, 1)), file('b/1.png', png(2, 2, 2))]));
    await send({ type: 'workspace.export' });
    const exported = of('workspace.exported')[0];
    expect(exported.fileName).toMatch(/^transfer-studio-workspace-\d{4}-\d{2}-\d{2}\.zip$/);
    const before = await (await service.workspace()).readAll();
    await send({ type: 'workspace.clear' });
    expect((await (await service.workspace()).listDatasets()).length).toBe(0);
    await send({ type: 'workspace.import', file: exported.blob, fileName: exported.fileName });
    expect(of('workspace.imported')[0]).toMatchObject({ datasets: 1, images: 2 });
    const after = await (await service.workspace()).readAll();
    expect(after.images.map((i) => [i.id, i.classIndex, new Uint8Array(i.pixels.data)])).toEqual(
      before.images.map((i) => [i.id, i.classIndex, new Uint8Array(i.pixels.data)]),
    );
    expect(after.datasets).toEqual(before.datasets);
  });

  it('a full disk stops the import with the StorageFullError sentence; no batch is half-written', async () => {
    const { send, of, service } = setup();
    const ws = await service.workspace();
    const realAdd = ws.addImages.bind(ws);
    let calls = 0;
    ws.addImages = async (datasetId, images) => {
      calls += 1;
      if (calls === 2) throw new StorageFullError(`${images.length} images`);
      return realAdd(datasetId, images);
    };
    const files = Array.from({ length: 60 }, (_, i) => file(`a${i % 2}/${i}.png`, png(2, 2, i)));
    await send(importCommand(files));
    const finished = of('import.finished')[0];
    expect(finished.status).toBe('failed');
    expect(finished.message).toMatch(/^Browser storage is full: .* nothing of it was written/);
    // Only whole batches are stored, and exactly what the UI was told.
    const stored = await ws.countImages('d1');
    expect(stored).toBe(finished.imported);
    expect(stored % 24).toBe(0);
    expect(of('images.listed').flatMap((e) => e.images)).toHaveLength(stored);
  });

  describe('an import interrupted by a reload, and the same drop again (issue 13, item 4)', () => {
    // 40 images of class a, then 20 of b (plan order); the first page dies after 30 decodes: one batch of 24
    // stored, all of class a, class b empty — the "one class empty, no notice".
    const drop = () => [
      ...Array.from({ length: 40 }, (_, i) => file(`pets/a/${i}.png`, png(2, 2, i))),
      ...Array.from({ length: 20 }, (_, i) => file(`pets/b/${i}.png`, png(2, 2, 100 + i))),
    ];

    /** Service A stalls for good after `decodes` decodes (the page going away); returns the reloaded service. */
    async function interruptedImport(
      before?: (send: (c: DatasetWorkerCommand) => Promise<void>) => Promise<void>,
      aliveElsewhere = false,
    ) {
      const name = `svc-${(dbCount += 1)}`;
      globalThis.indexedDB = new IDBFactory();
      let decodes = 0;
      const first = createDatasetService({
        emit: () => undefined,
        openWorkspace: () => WorkspaceDb.open({ name }),
        decode: (bytes, label, limits) =>
          (decodes += 1) <= 30 ? stubDecode(bytes, label, limits) : new Promise<ImportedImage>(() => undefined),
      });
      await before?.((c) => first.handle(c));
      void first.handle(importCommand(drop()));
      const ws = await first.workspace();
      await expect.poll(() => ws.countImages('d1')).toBeGreaterThanOrEqual(24);
      expect((await ws.getDataset('d1'))?.importing?.files).toBe(60);

      const events: DatasetWorkerEvent[] = [];
      const reloaded = createDatasetService({
        emit: (e) => events.push(e),
        openWorkspace: () => WorkspaceDb.open({ name }),
        decode: stubDecode,
        // The first service's import, if it is still running in another tab, holds its lock.
        heldImportIds: async () => new Set(aliveElsewhere ? ['imp1'] : []),
      });
      const send = (command: DatasetWorkerCommand) => reloaded.handle(command);
      await send({ type: 'workspace.open' });
      const of = <T extends DatasetWorkerEvent['type']>(type: T) =>
        events.filter((e): e is Extract<DatasetWorkerEvent, { type: T }> => e.type === type);
      return { send, of, ws: await reloaded.workspace() };
    }

    it('is reported after the reload; importing the same drop again adds only what is missing', async () => {
      const { send, of, ws } = await interruptedImport();
      const opened = of('workspace.opened')[0].datasets[0];
      expect(opened.counts).toEqual([24, 0]);
      expect(opened.interruptedImport).toEqual({
        files: 60,
        imported: 24,
        incompleteClasses: [0, 1],
        startedAt: expect.any(Number),
      });

      await send(importCommand(drop(), { importId: 'imp2' }));
      const finished = of('import.finished')[0];
      expect(finished).toMatchObject({ status: 'done', imported: 36, planned: 60 });
      expect(finished.warnings).toContainEqual({ code: 'alreadyStored', skipped: 24, count: 60 });
      expect(of('dataset.updated').at(-1)!.dataset).toMatchObject({ counts: [40, 20], interruptedImport: null });
      expect((await ws.getDataset('d1'))?.importing).toBeUndefined();

      // Dropped once more: every image is already there; nothing is added, nothing lost.
      await send(importCommand(drop(), { importId: 'imp3' }));
      expect(of('import.finished')[1]).toMatchObject({ status: 'done', imported: 0 });
      expect(of('import.finished')[1].warnings).toContainEqual({ code: 'alreadyStored', skipped: 60, count: 60 });
      expect(await ws.countImages('d1')).toBe(60);
    });

    it('an import still running in another tab (its lock held) is not called interrupted', async () => {
      const { of } = await interruptedImport(undefined, true);
      expect(of('workspace.opened')[0].datasets[0]).toMatchObject({ counts: [24, 0], interruptedImport: null });
    });

    it('"keep" clears the notice and keeps the images; "remove" takes back only what the import stored', async () => {
      const kept = await interruptedImport();
      await kept.send({ type: 'import.keep', datasetId: 'd1' });
      expect(kept.of('dataset.updated').at(-1)!.dataset).toMatchObject({ counts: [24, 0], interruptedImport: null });
      expect((await kept.ws.getDataset('d1'))?.importing).toBeUndefined();

      // Into a dataset that had 2 images of its own in class "a": those and class "a" stay, class "b" goes.
      const removed = await interruptedImport((send) =>
        send(importCommand([file('pets/a/own1.png', png(2, 2, 200)), file('pets/a/own2.png', png(2, 2, 201))])),
      );
      expect(removed.of('workspace.opened')[0].datasets[0].interruptedImport).toMatchObject({ imported: 24 });
      await removed.send({ type: 'import.undo', datasetId: 'd1' });
      expect(removed.of('dataset.updated').at(-1)!.dataset).toMatchObject({
        classNames: ['a'],
        counts: [2],
        interruptedImport: null,
      });
      expect((await removed.ws.getImages('d1')).map((i) => i.source).sort()).toEqual([
        'pets/a/own1.png',
        'pets/a/own2.png',
      ]);

      // An interrupted import that made the dataset: removing it removes the dataset.
      const made = await interruptedImport();
      await made.send({ type: 'import.undo', datasetId: 'd1' });
      expect(made.of('dataset.deleted')).toEqual([{ type: 'dataset.deleted', datasetId: 'd1' }]);
      expect(await made.ws.listDatasets()).toEqual([]);
    });
  });
});
