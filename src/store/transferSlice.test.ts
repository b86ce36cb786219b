import { describe, expect, it } from 'vitest';
import type { CandidateResult } from '../core/transferability/candidates';
import { datasetKeyOf, initialTransfer, reduceTransfer, type TransferState } from './transferSlice';

const candidate: CandidateResult = {
  backbone: 'digits-vgg',
  cut: 'block3_pool',
  dimensions: 576,
  scores: { logme: 0.1, leep: -1, nce: -1, hscore: 3, gbc: -0.1, knn: 0.9 },
  knn: { mean: 0.9, ci95: [0.8, 0.95], n: 50, method: 'wilson' },
  scoreSeconds: 0.1,
};

const started = (measure: boolean): TransferState => ({
  ...initialTransfer(),
  score: {
    requestId: 'r1',
    datasetKey: 'sample',
    status: 'running',
    measure,
    progress: null,
    datasetName: null,
    scoredImages: 0,
    candidates: [],
    agreement: null,
    embeddingSeconds: {},
    scoreSeconds: 0,
    error: null,
  },
});

describe('transfer slice', () => {
  it('folds a score request: progress, scores, measurements, agreement', () => {
    let s = reduceTransfer(started(true), {
      type: 'transfer.progress',
      requestId: 'r1',
      stage: 'embedding',
      detail: 'digits-vgg',
      done: 10,
      total: 50,
    });
    expect(s.score!.progress).toEqual({ stage: 'embedding', detail: 'digits-vgg', done: 10, total: 50 });
    s = reduceTransfer(s, {
      type: 'transfer.scored',
      requestId: 'r1',
      datasetName: 'digits',
      scoredImages: 50,
      candidates: [candidate],
      embeddingSeconds: { 'digits-vgg': 1 },
      scoreSeconds: 0.1,
    });
    expect(s.score!.status).toBe('measuring');
    const measured = { accuracy: { mean: 0.8, ci95: null, n: 1, method: 'none' as const }, seeds: 1, epochs: 2 };
    s = reduceTransfer(s, { type: 'transfer.measured', requestId: 'r1', index: 0, measured });
    expect(s.score!.candidates[0].measured).toEqual(measured);
    s = reduceTransfer(s, { type: 'transfer.done', requestId: 'r1', agreement: [] });
    expect(s.score!.status).toBe('done');
  });

  it('ignores events of other requests; records failures and shifts', () => {
    const s = started(false);
    expect(reduceTransfer(s, { type: 'transfer.cancelled', requestId: 'other' })).toBe(s);
    expect(reduceTransfer(s, { type: 'transfer.error', requestId: 'r1', message: 'x' }).score).toMatchObject({
      status: 'failed',
      error: 'x',
    });
    const shifting: TransferState = { ...s, shift: { requestId: 's1', status: 'running', result: null, error: null } };
    expect(reduceTransfer(shifting, { type: 'transfer.cancelled', requestId: 's1' }).shift!.status).toBe('cancelled');
    expect(datasetKeyOf({ kind: 'workspace', datasetId: 'd1' })).toBe('d1');
    expect(datasetKeyOf({ kind: 'sample', datasetId: null })).toBe('sample');
  });
});
