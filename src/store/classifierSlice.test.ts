import { describe, expect, it } from 'vitest';
import type { ClassifierInfo } from '../worker/protocol/classifier';
import { initialClassifier, reduceClassifier, type ClassifierState } from './classifierSlice';

const info = (id: string): ClassifierInfo => ({
  id,
  name: id,
  labels: ['a', 'b'],
  backbone: 'digits-vgg',
  imageSize: 28,
  datasetName: 'd',
  examples: 10,
  epochs: 5,
  trainAccuracy: 1,
  seconds: 2,
  embedSeconds: 1,
  bytes: 100,
  createdAt: 1,
});
const training = (state: ClassifierState, requestId: string): ClassifierState => ({
  ...state,
  training: { requestId, stage: null, done: 0, total: 0, accuracy: null, startedAt: 0 },
});

describe('classifier reducer', () => {
  it('tracks a training from progress to ready, which makes the new classifier active', () => {
    let state = reduceClassifier(initialClassifier(), {
      type: 'classifier.listed',
      models: [info('old')],
      activeId: 'old',
    });
    state = training(state, 'q1');
    state = reduceClassifier(state, {
      type: 'classifier.progress',
      requestId: 'q1',
      stage: 'training',
      done: 2,
      total: 5,
      accuracy: 0.8,
    });
    expect(state.training).toMatchObject({ stage: 'training', done: 2, total: 5, accuracy: 0.8 });
    state = reduceClassifier(state, {
      type: 'classifier.progress',
      requestId: 'other',
      stage: 'saving',
      done: 0,
      total: 1,
    });
    expect(state.training?.stage).toBe('training');
    state = reduceClassifier(state, { type: 'classifier.ready', requestId: 'q1', model: info('new') });
    expect(state.training).toBeNull();
    expect(state.activeId).toBe('new');
    expect(state.models.map((m) => m.id)).toEqual(['new', 'old']);
  });

  it('says how a training ended when it did not succeed', () => {
    const cancelled = reduceClassifier(training(initialClassifier(), 'q'), {
      type: 'classifier.failed',
      requestId: 'q',
      cancelled: true,
      message: 'cancelled',
    });
    expect(cancelled).toMatchObject({ training: null, outcome: { kind: 'cancelled' } });
    const failed = reduceClassifier(training(initialClassifier(), 'q'), {
      type: 'classifier.failed',
      requestId: 'q',
      cancelled: false,
      message: 'no images',
    });
    expect(failed.outcome).toEqual({ kind: 'failed', message: 'no images' });
  });

  it('drops a deleted classifier and ignores predictions', () => {
    let state = reduceClassifier(initialClassifier(), {
      type: 'classifier.listed',
      models: [info('a'), info('b')],
      activeId: 'a',
    });
    state = reduceClassifier(state, { type: 'classifier.deleted', modelId: 'a' });
    expect(state).toMatchObject({ activeId: null, models: [info('b')] });
    expect(
      reduceClassifier(state, { type: 'predict.result', requestId: 'x', modelId: 'b', probabilities: [1, 0], ms: 1 }),
    ).toBe(state);
  });
});
