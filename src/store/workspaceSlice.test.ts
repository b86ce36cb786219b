import { describe, expect, it } from 'vitest';
import type { DatasetSummary } from '../worker/protocol/dataset';
import { initialDataset } from './datasetSlice';
import { initialWorkspace, reduceSelection, reduceWorkspace, type WorkspaceState } from './workspaceSlice';

const summary = (id: string, classNames: string[], counts: number[]): DatasetSummary => ({
  id,
  name: id,
  classNames,
  counts,
  createdAt: 1,
});
const entry = (id: string, classIndex: number) => ({ id, classIndex, source: `${id}.jpg`, thumbnail: null });

describe('reduceWorkspace', () => {
  it('lists images per class, appends new ones, removes deleted ones and whole classes', () => {
    let ws = reduceWorkspace(initialWorkspace(), {
      type: 'workspace.opened',
      datasets: [summary('d', ['a', 'b', 'c'], [1, 1, 0])],
      selection: null,
      interruptedRuns: [],
      lastRun: null,
    });
    expect(ws.status).toBe('ready');
    ws = reduceWorkspace(ws, {
      type: 'images.listed',
      datasetId: 'd',
      images: [entry('1', 0), entry('2', 1)],
      replace: true,
    });
    expect(ws.images.d).toEqual([['1'], ['2'], []]);
    ws = reduceWorkspace(ws, {
      type: 'images.listed',
      datasetId: 'd',
      images: [entry('3', 2), entry('4', 0)],
      replace: false,
    });
    expect(ws.images.d).toEqual([['1', '4'], ['2'], ['3']]);
    const before = ws.images.d;
    ws = reduceWorkspace(ws, { type: 'images.removed', datasetId: 'd', imageIds: ['4'] });
    expect(ws.images.d).toEqual([['1'], ['2'], ['3']]);
    expect(ws.images.d[1]).toBe(before[1]); // untouched classes keep their arrays (cheap re-renders)
    ws = reduceWorkspace(ws, { type: 'class.removed', datasetId: 'd', classIndex: 1 });
    ws = reduceWorkspace(ws, { type: 'dataset.updated', dataset: summary('d', ['a', 'c'], [1, 1]) });
    expect(ws.images.d).toEqual([['1'], ['3']]);
    ws = reduceWorkspace(ws, { type: 'dataset.deleted', datasetId: 'd' });
    expect(ws.datasets).toEqual([]);
    expect(ws.images).toEqual({});
  });

  it('follows only the current import, appending problems; errors and notices end a busy state', () => {
    let ws: WorkspaceState = { ...initialWorkspace(), busy: 'export' };
    ws = reduceWorkspace(ws, {
      type: 'workspace.error',
      operation: 'workspace.export',
      message: 'Browser storage is full: …',
      storageFull: true,
    });
    expect(ws).toMatchObject({ busy: null, error: { storageFull: true } });
    ws = {
      ...ws,
      import: {
        importId: 'i1',
        datasetId: 'd',
        status: 'running',
        stage: 'reading',
        done: 0,
        total: 3,
        problems: [],
        warnings: [],
        blockedBy: null,
        imported: 0,
        planned: 0,
        message: null,
        seconds: null,
      },
    };
    ws = reduceWorkspace(ws, {
      type: 'import.problems',
      importId: 'i1',
      problems: [{ file: 'x.txt', reason: { code: 'notImage', ext: 'txt' } }],
    });
    ws = reduceWorkspace(ws, {
      type: 'import.problems',
      importId: 'other',
      problems: [{ file: 'y', reason: { code: 'emptyFile' } }],
    });
    ws = reduceWorkspace(ws, {
      type: 'import.progress',
      importId: 'i1',
      datasetId: 'd',
      stage: 'decoding',
      done: 2,
      total: 2,
    });
    ws = reduceWorkspace(ws, {
      type: 'import.finished',
      importId: 'i1',
      datasetId: 'd',
      status: 'done',
      imported: 2,
      planned: 2,
      warnings: [],
      blockedBy: null,
      message: null,
      seconds: 0.5,
    });
    expect(ws.import).toMatchObject({
      status: 'done',
      imported: 2,
      done: 2,
      problems: [{ file: 'x.txt', reason: { code: 'notImage', ext: 'txt' } }],
    });
  });
});

describe('reduceSelection', () => {
  it('restores the persisted selection, follows class changes, falls back to the sample when deleted', () => {
    const opened = reduceSelection(initialDataset(), {
      type: 'workspace.opened',
      datasets: [summary('d', ['cats', 'dogs'], [3, 4])],
      selection: { kind: 'workspace', datasetId: 'd' },
      interruptedRuns: [],
      lastRun: null,
    });
    expect(opened).toMatchObject({ kind: 'workspace', datasetId: 'd', classNames: ['cats', 'dogs'] });
    const renamed = reduceSelection(opened, {
      type: 'dataset.updated',
      dataset: summary('d', ['cat', 'dogs'], [3, 4]),
    });
    expect(renamed.classNames).toEqual(['cat', 'dogs']);
    expect(reduceSelection(renamed, { type: 'dataset.updated', dataset: summary('other', ['x'], [1]) })).toBe(renamed);
    expect(reduceSelection(renamed, { type: 'dataset.deleted', datasetId: 'd' })).toEqual(initialDataset());
    // A persisted selection of a dataset that is gone: the sample.
    const gone = reduceSelection(initialDataset(), {
      type: 'workspace.opened',
      datasets: [],
      selection: { kind: 'workspace', datasetId: 'd' },
      interruptedRuns: [],
      lastRun: null,
    });
    expect(gone).toEqual(initialDataset());
  });

  it('keeps a new dataset an import is creating selected when the workspace opens after the drop', () => {
    const creating = { ...initialDataset(), kind: 'workspace' as const, datasetId: 'new', classNames: [] };
    const opened = {
      type: 'workspace.opened' as const,
      datasets: [],
      selection: { kind: 'sample' as const, id: 'digits' as const },
      interruptedRuns: [],
      lastRun: null,
    };
    expect(reduceSelection(creating, opened, 'new')).toBe(creating);
    expect(reduceSelection(creating, opened, null)).toEqual(initialDataset());
  });
});
