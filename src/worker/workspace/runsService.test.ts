import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Dataset } from '../../core/data/types';
import { createRunRecorder, finishedTrialsOf, fromRunJson, toRunJson } from './runRecorder';
import type { RunsEvent } from '../protocol/runs';
import type { StoredSweep } from '../protocol/sweep';
import { createRunsService, toStoredRun } from './runsService';
import { WorkspaceDb } from './db';
import type { RunRecord } from './schema';

let n = 0;
let ws: WorkspaceDb;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  ws = await WorkspaceDb.open({ name: `runs-${(n += 1)}` });
});

const sample: Dataset = {
  name: 'digits',
  classNames: ['5', '6'],
  examples: [
    {
      id: 'mnist:5:0',
      label: 0,
      source: 'digits.png (5, #1)',
      image: { width: 1, height: 1, data: new Uint8Array([1, 2, 3]) },
    },
  ],
};

function setup(held: Set<string> | null = new Set()) {
  const events: RunsEvent[] = [];
  const sweeps: StoredSweep[] = [];
  let sampleLoads = 0;
  const service = createRunsService({
    emit: (e) => events.push(e),
    workspace: async () => ws,
    loadSample: async () => (sampleLoads++, sample),
    encodeThumbnail: async (image) => new Blob([image.data as Uint8Array<ArrayBuffer>], { type: 'image/png' }),
    liveRunIds: () => new Set(['mine']),
    heldRunIds: async () => held,
    keepSweep: async (sweep) => void sweeps.push(sweep),
    newId: () => `imported-${sweeps.length + events.length}`,
  });
  return { service, events, sweeps, loads: () => sampleLoads };
}

const record = (
  id: string,
  status: RunRecord['status'],
  startedAt: number,
  result: unknown,
  datasetId: string | null = null,
): RunRecord => ({
  id,
  datasetId,
  config: toRunJson({ schemaVersion: 1, backbone: 'digits-vgg', strategies: ['scratch'], seeds: 1, epochs: 2 }),
  status,
  result: toRunJson(result),
  startedAt,
  updatedAt: startedAt,
});

describe('runs service', () => {
  it('lists stored runs newest first, results decoded (NaN included), progress of unfinished runs, dataset names', async () => {
    await ws.saveDataset({ id: 'd1', name: 'Pets', classNames: ['cat', 'dog'], createdAt: 1 });
    const result = { runs: [{ curve: [{ trainLoss: Number.NaN }] }], summary: [], dataset: { name: 'digits' } };
    await ws.putRun(record('old', 'done', 1, result));
    await ws.putRun(record('new', 'cancelled', 3, { progress: { runsDone: 2, runCount: 9 } }, 'd1'));
    await ws.putRun(record('gone', 'done', 2, result, 'deleted-dataset'));
    const { service, events } = setup();
    await service.handle({ type: 'runs.list' });
    const listed = events[0];
    if (listed.type !== 'runs.listed') throw new Error(listed.type);
    expect(listed.runs.map((r) => r.id)).toEqual(['new', 'gone', 'old']);
    expect(listed.runs[0]).toMatchObject({
      status: 'cancelled',
      datasetName: 'Pets',
      progress: { trialsDone: 2, trialCount: 9 },
      result: null,
    });
    expect(listed.runs[1].datasetName).toBeNull();
    expect(listed.runs[2].result?.runs[0].curve[0].trainLoss).toBeNaN();
    expect(listed.runs[2].config?.strategies).toEqual(['scratch']);
  });

  it('reports a run still recorded as running but held by nobody as interrupted (without writing)', async () => {
    await ws.putRun(record('lost', 'running', 1, { progress: { runsDone: 1, runCount: 3 } }));
    await ws.putRun(record('alive', 'running', 2, { progress: { runsDone: 0, runCount: 3 } }));
    const { service, events } = setup(new Set(['alive']));
    await service.handle({ type: 'runs.list' });
    const listed = events[0] as Extract<RunsEvent, { type: 'runs.listed' }>;
    expect(Object.fromEntries(listed.runs.map((r) => [r.id, r.status]))).toEqual({
      lost: 'interrupted',
      alive: 'running',
    });
    expect((await ws.getRun('lost'))?.status).toBe('running');
    // Without the Web Locks API, this worker's own runs are the live ones.
    const noLocks = setup(null);
    await ws.putRun(record('mine', 'running', 3, null));
    await noLocks.service.handle({ type: 'runs.list' });
    const again = noLocks.events[0] as Extract<RunsEvent, { type: 'runs.listed' }>;
    expect(Object.fromEntries(again.runs.map((r) => [r.id, r.status]))).toEqual({
      lost: 'interrupted',
      alive: 'interrupted',
      mine: 'running',
    });
  });

  it('deletes finished runs, never a running one', async () => {
    await ws.putRun(record('a', 'done', 1, null));
    await ws.putRun(record('b', 'running', 2, null));
    const { service, events } = setup();
    await service.handle({ type: 'runs.delete', runIds: ['a', 'b', 'missing'] });
    expect(events).toEqual([{ type: 'runs.deleted', runIds: ['a'] }]);
    expect((await ws.listRuns()).map((r) => r.id)).toEqual(['b']);
  });

  it('answers thumbnails for sample ids (encoded once loaded) and stored images, null for unknown ids', async () => {
    await ws.saveDataset({ id: 'd1', name: 'Pets', classNames: ['cat'], createdAt: 1 }, [
      {
        id: 'img1',
        datasetId: 'd1',
        classIndex: 0,
        source: 'cats/1.jpg',
        width: 1,
        height: 1,
        pixels: { kind: 'rgb', width: 1, height: 1, data: new Uint8Array([1, 2, 3]).buffer },
        thumbnail: new Blob([new Uint8Array([7])], { type: 'image/webp' }),
      },
    ]);
    const { service, events, loads } = setup();
    await service.handle({
      type: 'examples.fetch',
      requestId: 'q',
      ids: ['mnist:5:0', 'img1', 'nope', 'mnist:9:9'],
      baseUrl: 'http://x/',
    });
    await service.handle({ type: 'examples.fetch', requestId: 'q2', ids: ['mnist:5:0'], baseUrl: 'http://x/' });
    expect(loads()).toBe(1);
    const answer = events[0] as Extract<RunsEvent, { type: 'examples.fetched' }>;
    expect(answer.requestId).toBe('q');
    expect(answer.thumbnails.map((t) => [t.id, t.source, t.blob?.type ?? null])).toEqual([
      ['mnist:5:0', 'digits.png (5, #1)', 'image/png'],
      ['img1', 'cats/1.jpg', 'image/webp'],
      ['nope', null, null],
      ['mnist:9:9', null, null],
    ]);
  });
});

describe('runs service: results files made elsewhere', () => {
  const result = {
    schemaVersion: 2,
    config: { schemaVersion: 1, backbone: 'digits-vgg', strategies: ['scratch'], seeds: 1, epochs: 1 },
    dataset: { name: 'digits (CLI)', classNames: ['5', '6'], trainCount: 4, validationCount: 4 },
    split: null,
    environment: {
      backend: 'cpu',
      tfjsVersion: '4.22.0',
      cores: 2,
      platform: 'node',
      runner: 'cli',
      machine: 'Linux x64',
    },
    runs: [{ strategy: 'scratch', repeat: 0, seed: 1, curve: [{ epoch: 0, trainLoss: null }] }],
    summary: [],
    startedAt: '2026-12-05T10:00:00.000Z',
    seconds: 3,
  };

  it('stores a results.json as a done run marked with its file, then lists it', async () => {
    const { service, events } = setup();
    await service.handle({ type: 'runs.import', fileName: 'results.json', text: JSON.stringify(result) });
    expect(events[0]).toEqual({ type: 'runs.imported', fileName: 'results.json', kind: 'run', id: 'imported-0' });
    const listed = events[1] as Extract<RunsEvent, { type: 'runs.listed' }>;
    expect(listed.runs).toHaveLength(1);
    expect(listed.runs[0]).toMatchObject({
      id: 'imported-0',
      status: 'done',
      importedFrom: 'results.json',
      startedAt: Date.parse(result.startedAt),
      datasetId: null,
    });
    expect(listed.runs[0].result?.environment.machine).toBe('Linux x64');
    expect(listed.runs[0].result?.runs[0].curve[0].trainLoss).toBeNaN();
  });

  it('keeps a sweep.json with the stored sweeps, labelled with its file', async () => {
    const { service, events, sweeps } = setup();
    const sweep = { ...result, kind: 'sweep', schemaVersion: 1, cells: [], axes: { depth: [], perClass: [] } };
    await service.handle({ type: 'runs.import', fileName: 'sweep.json', text: JSON.stringify(sweep) });
    expect(events).toEqual([{ type: 'runs.imported', fileName: 'sweep.json', kind: 'sweep', id: 'imported-0' }]);
    expect(sweeps).toMatchObject([{ id: 'imported-0', label: 'sweep.json', result: { kind: 'sweep' } }]);
  });

  it('refuses bad or foreign JSON naming the file, and stores nothing', async () => {
    const { service, events } = setup();
    await service.handle({ type: 'runs.import', fileName: 'broken.json', text: '{"runs": [' });
    await service.handle({ type: 'runs.import', fileName: 'package.json', text: '{"name": "x"}' });
    expect(events.map((e) => e.type === 'runs.importFailed' && [e.fileName, e.problem])).toEqual([
      ['broken.json', 'not-json'],
      ['package.json', 'foreign'],
    ]);
    expect(await ws.listRuns()).toEqual([]);
  });
});

describe('an interrupted run keeps its finished epochs', () => {
  it('the recorder stores each epoch as it completes; the history shows them as the run’s curves', async () => {
    const recorder = createRunRecorder(async () => ws);
    await recorder.start({ runId: 'cut', config: { strategies: ['scratch'] }, datasetId: null, trialCount: 2 });
    const point = (epoch: number) => ({
      epoch,
      valAccuracy: 0.2 + epoch / 10,
      valLoss: 1,
      trainLoss: epoch === 0 ? Number.NaN : 1,
      seconds: epoch,
      examplesSeen: epoch * 10,
    });
    // The dataset is read: its class count is stored for the interrupted run's chance line.
    recorder.classes('cut', 5);
    for (const epoch of [0, 1, 2])
      recorder.observe({
        type: 'experiment.event',
        runId: 'cut',
        event: { type: 'trial.epoch', trialIndex: 0, strategy: 'scratch', seed: 1, point: point(epoch), epochs: 5 },
      });
    await recorder.settled();
    // The page is gone (no finish): what is stored is what the history reads back.
    const stored = toStoredRun({ ...(await ws.getRun('cut'))!, status: 'interrupted' }, null);
    expect(stored.result).toBeNull();
    expect(stored.partialCurves).toEqual([{ strategy: 'scratch', seed: 1, points: [0, 1, 2].map(point) }]);
    expect(stored.classCount).toBe(5);
    // A trial that ends is stored with its outcome: what a resumed run keeps instead of training it again.
    const outcome = {
      confusion: [
        [1, 0],
        [1, 2],
      ],
      misclassified: [{ id: 'a', label: 1, predicted: 0 }],
      cacheSeconds: 0.5,
    };
    recorder.observe({
      type: 'experiment.event',
      runId: 'cut',
      event: { type: 'trial.end', trialIndex: 0, strategy: 'scratch', seed: 1, repeat: 0, outcome },
    });
    await recorder.settled();
    expect(finishedTrialsOf(fromRunJson((await ws.getRun('cut'))!.result))).toEqual([
      { strategy: 'scratch', seed: 1, repeat: 0, curve: [0, 1, 2].map(point), ...outcome },
    ]);
  });
});
