/**
 * The classifier to predict with (worker/protocol/classifier.ts): the stored ones, the active one, a training under way
 * and the last failure. Predictions themselves do not go through the store (tens per second, shown by the
 * predict panel from the answers to its own requests). Plain data; a pure reducer.
 */
import type { StateCreator } from 'zustand';
import type { ClassifierEvent, ClassifierInfo } from '../worker/protocol/classifier';

export interface ClassifierTraining {
  requestId: string;
  stage: Extract<ClassifierEvent, { type: 'classifier.progress' }>['stage'] | null;
  done: number;
  total: number;
  accuracy: number | null;
  /** ms since the epoch, when the studio asked. */
  startedAt: number;
}

export interface ClassifierState {
  /** 'loading' until the worker has listed the stored classifiers. */
  status: 'loading' | 'ready';
  /** Newest first. */
  models: ClassifierInfo[];
  activeId: string | null;
  training: ClassifierTraining | null;
  /** How the last training ended when it did not succeed; null after a success or a new start. */
  outcome: { kind: 'cancelled' } | { kind: 'failed'; message: string } | null;
  /** The last list / select / delete / export failure (user-facing). */
  error: string | null;
}

export interface ClassifierSlice {
  classifier: ClassifierState;
  beginClassifierTraining(requestId: string, now?: number): void;
}

export const initialClassifier = (): ClassifierState => ({
  status: 'loading',
  models: [],
  activeId: null,
  training: null,
  outcome: null,
  error: null,
});

export const createClassifierSlice: StateCreator<ClassifierSlice, [], [], ClassifierSlice> = (set) => ({
  classifier: initialClassifier(),
  beginClassifierTraining: (requestId, now = Date.now()) =>
    set((s) => ({
      classifier: {
        ...s.classifier,
        training: { requestId, stage: null, done: 0, total: 0, accuracy: null, startedAt: now },
        outcome: null,
        error: null,
      },
    })),
});

export function reduceClassifier(state: ClassifierState, event: ClassifierEvent): ClassifierState {
  const mine = (requestId: string) => state.training?.requestId === requestId;
  switch (event.type) {
    case 'classifier.listed':
      return { ...state, status: 'ready', models: event.models, activeId: event.activeId };
    case 'classifier.progress':
      if (!mine(event.requestId)) return state;
      return {
        ...state,
        training: {
          ...state.training!,
          stage: event.stage,
          done: event.done,
          total: event.total,
          accuracy: event.accuracy ?? state.training!.accuracy,
        },
      };
    case 'classifier.ready':
      return {
        ...state,
        training: mine(event.requestId) ? null : state.training,
        models: [event.model, ...state.models.filter((m) => m.id !== event.model.id)],
        activeId: event.model.id,
        outcome: null,
      };
    case 'classifier.failed':
      if (!mine(event.requestId)) return state;
      return {
        ...state,
        training: null,
        outcome: event.cancelled ? { kind: 'cancelled' } : { kind: 'failed', message: event.message },
      };
    case 'classifier.deleted':
      return {
        ...state,
        models: state.models.filter((m) => m.id !== event.modelId),
        activeId: state.activeId === event.modelId ? null : state.activeId,
      };
    case 'classifier.error':
      return { ...state, status: 'ready', error: event.message };
    case 'classifier.exported':
    case 'predict.result':
    case 'predict.error':
      return state;
    default:
      return assertNever(event);
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled classifier event ${JSON.stringify(value)}`);
}
