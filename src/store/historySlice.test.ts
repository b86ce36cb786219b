import { describe, expect, it } from 'vitest';
import type { ExperimentConfig, ExperimentResult } from '../core/experiment/types';
import type { StoredRun } from '../worker/protocol/runs';
import { initialHistory, reduceHistory, restartBlock, storedFromRun, upsertRun } from './historySlice';
import { createRun, reduceRun } from './runs';

const config = {
  schemaVersion: 1,
  backbone: 'digits-vgg',
  strategies: ['scratch'],
  seeds: 1,
  epochs: 2,
} as ExperimentConfig;
const stored = (id: string, startedAt: number, status: StoredRun['status'] = 'done'): StoredRun => ({
  id,
  status,
  config,
  datasetId: null,
  datasetName: null,
  startedAt,
  updatedAt: startedAt,
  result: null,
  progress: null,
  error: null,
  importedFrom: null,
});

describe('history reducer', () => {
  it('lists stored runs newest first, keeping a just-started run the worker has not stored yet', () => {
    let history = upsertRun(initialHistory(), createRun('live', config, '2026-01-01T00:00:10Z'), {
      id: null,
      name: null,
    });
    history = reduceHistory(history, {
      type: 'runs.listed',
      runs: [stored('a', Date.parse('2026-01-01T00:00:01Z')), stored('b', Date.parse('2026-01-01T00:00:05Z'))],
    });
    expect(history.status).toBe('ready');
    expect(history.runs.map((r) => r.id)).toEqual(['live', 'b', 'a']);
  });

  it('follows the current run: progress, then done with its result, without duplicating it', () => {
    let run = createRun('r1', config, '2026-01-01T00:00:00Z');
    let history = upsertRun(initialHistory(), run, { id: 'd1', name: 'Pets' });
    expect(history.runs[0]).toMatchObject({
      id: 'r1',
      status: 'running',
      datasetName: 'Pets',
      progress: { trialsDone: 0, trialCount: 1 },
    });
    run = reduceRun(run, {
      type: 'experiment.event',
      runId: 'r1',
      event: { type: 'trial.end', trialIndex: 0, strategy: 'scratch', seed: 1 },
    });
    history = upsertRun(history, run, { id: 'other', name: 'Other' });
    expect(history.runs).toHaveLength(1);
    expect(history.runs[0]).toMatchObject({ progress: { trialsDone: 1 }, datasetName: 'Pets' });
    const result = { runs: [], summary: [] } as unknown as ExperimentResult;
    run = reduceRun(run, { type: 'experiment.result', runId: 'r1', result });
    history = upsertRun(history, run, { id: null, name: null });
    expect(history.runs[0]).toMatchObject({ status: 'done', result, progress: null });
    expect(upsertRun(history, run, { id: null, name: null })).toBe(history);
  });

  it('keeps where an imported run ran when start-up restores it as the current run (the newest done run)', () => {
    const result = { runs: [], summary: [] } as unknown as ExperimentResult;
    let history = reduceHistory(initialHistory(), {
      type: 'runs.listed',
      runs: [{ ...stored('imp', 1), result: { ...result }, importedFrom: 'results.json' }],
    });
    const restored = reduceRun(createRun('imp', config, '2026-01-01T00:00:00Z'), {
      type: 'experiment.result',
      runId: 'imp',
      result,
    });
    history = upsertRun(history, restored, { id: null, name: null });
    expect(history.runs[0]).toMatchObject({ id: 'imp', importedFrom: 'results.json', result });
  });

  it('maps an engine error to a failed run', () => {
    const run = reduceRun(createRun('r', config, '2026-01-01T00:00:00Z'), {
      type: 'engine.error',
      runId: 'r',
      message: 'boom',
      name: 'Error',
    });
    expect(storedFromRun(run, null, null)).toMatchObject({ status: 'failed', error: 'boom' });
  });

  it('forgets deleted runs everywhere (list, comparison, focus)', () => {
    let history = reduceHistory(initialHistory(), { type: 'runs.listed', runs: [stored('a', 1), stored('b', 2)] });
    history = { ...history, compare: ['a', 'b'], focus: 'a' };
    history = reduceHistory(history, { type: 'runs.deleted', runIds: ['a'] });
    expect(history.runs.map((r) => r.id)).toEqual(['b']);
    expect(history.compare).toEqual(['b']);
    expect(history.focus).toBeNull();
  });
});

describe('history reducer: results files dropped in', () => {
  it('shows an imported run at once and says what became of each file', () => {
    let history = reduceHistory(initialHistory(), {
      type: 'runs.imported',
      fileName: 'results.json',
      kind: 'run',
      id: 'imported-1',
    });
    expect(history.focus).toBe('imported-1');
    expect(history.imported).toEqual({ fileName: 'results.json', kind: 'run', id: 'imported-1', problem: null });
    history = reduceHistory(history, { type: 'runs.imported', fileName: 'sweep.json', kind: 'sweep', id: 's' });
    expect(history.focus).toBe('imported-1');
    history = reduceHistory(history, {
      type: 'runs.importFailed',
      fileName: 'notes.json',
      problem: 'foreign',
      detail: 'not an experiment result',
    });
    expect(history.imported).toEqual({ fileName: 'notes.json', kind: null, id: null, problem: 'foreign' });
  });
});

describe('restartBlock', () => {
  const idle = { running: false, datasetIds: ['flowers'] };
  it('resumes a run that did not finish, reruns any, on its dataset or the built-in sample', () => {
    for (const status of ['interrupted', 'cancelled', 'failed'] as const) {
      expect(restartBlock(stored('a', 1, status), 'resume', idle)).toBeNull();
      expect(restartBlock({ ...stored('a', 1, status), datasetId: 'flowers' }, 'resume', idle)).toBeNull();
    }
    expect(restartBlock(stored('a', 1, 'done'), 'rerun', idle)).toBeNull();
  });
  it('says why it cannot: a run under way, a finished run to resume, no settings, a deleted dataset, adaptation', () => {
    expect(restartBlock(stored('a', 1, 'interrupted'), 'resume', { ...idle, running: true })).toBe('running');
    expect(restartBlock(stored('a', 1, 'done'), 'resume', idle)).toBe('finished');
    expect(restartBlock({ ...stored('a', 1, 'interrupted'), config: null }, 'rerun', idle)).toBe('settings');
    expect(restartBlock({ ...stored('a', 1, 'done'), importedFrom: 'results.json' }, 'rerun', idle)).toBe('settings');
    expect(restartBlock({ ...stored('a', 1, 'interrupted'), datasetId: 'gone' }, 'resume', idle)).toBe('dataset-gone');
    const adaptation = { ...config, strategies: ['coral'] } as ExperimentConfig;
    expect(restartBlock({ ...stored('a', 1, 'interrupted'), config: adaptation }, 'rerun', idle)).toBe('adaptation');
  });
});
