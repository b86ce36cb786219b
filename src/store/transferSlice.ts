/**
 * "How well will it transfer?" in the store: the latest score request (its candidates, measurements and each
 * score's agreement with them) and the latest shift measurement. Plain data; a pure reducer of TransferEvents.
 */
import type { StateCreator } from 'zustand';
import type { CandidateResult, RankAgreement } from '../core/transferability/candidates';
import type { TransferEvent } from '../worker/protocol/transferability';

type Progress = Extract<TransferEvent, { type: 'transfer.progress' }>;
type Shifted = Extract<TransferEvent, { type: 'transfer.shifted' }>;

export type TransferStatus = 'running' | 'measuring' | 'done' | 'cancelled' | 'failed';

export interface ScoreState {
  requestId: string;
  /** The dataset scored: a stored dataset's id, or 'sample' for the built-in digits. */
  datasetKey: string;
  status: TransferStatus;
  measure: boolean;
  progress: Pick<Progress, 'stage' | 'detail' | 'done' | 'total'> | null;
  datasetName: string | null;
  scoredImages: number;
  candidates: CandidateResult[];
  agreement: RankAgreement[] | null;
  embeddingSeconds: Record<string, number>;
  scoreSeconds: number;
  error: string | null;
}

export interface ShiftState {
  requestId: string;
  status: TransferStatus;
  result: Omit<Shifted, 'type' | 'requestId'> | null;
  error: string | null;
}

export interface TransferState {
  score: ScoreState | null;
  shift: ShiftState | null;
}

export interface TransferSlice {
  transfer: TransferState;
  beginTransferScore(requestId: string, measure: boolean, datasetKey: string): void;
  beginTransferShift(requestId: string): void;
}

export const initialTransfer = (): TransferState => ({ score: null, shift: null });

export const createTransferSlice: StateCreator<TransferSlice, [], [], TransferSlice> = (set) => ({
  transfer: initialTransfer(),
  beginTransferScore: (requestId, measure, datasetKey) =>
    set((s) => ({
      transfer: {
        ...s.transfer,
        score: {
          requestId,
          datasetKey,
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
      },
    })),
  beginTransferShift: (requestId) =>
    set((s) => ({ transfer: { ...s.transfer, shift: { requestId, status: 'running', result: null, error: null } } })),
});

export function reduceTransfer(state: TransferState, event: TransferEvent): TransferState {
  const { score, shift } = state;
  if (score?.requestId === event.requestId) {
    const next = reduceScore(score, event);
    return next === score ? state : { ...state, score: next };
  }
  if (shift?.requestId === event.requestId) {
    const next = reduceShift(shift, event);
    return next === shift ? state : { ...state, shift: next };
  }
  return state;
}

function reduceScore(score: ScoreState, event: TransferEvent): ScoreState {
  switch (event.type) {
    case 'transfer.progress':
      return { ...score, progress: { stage: event.stage, detail: event.detail, done: event.done, total: event.total } };
    case 'transfer.scored':
      return {
        ...score,
        status: score.measure ? 'measuring' : 'done',
        progress: null,
        datasetName: event.datasetName,
        scoredImages: event.scoredImages,
        candidates: event.candidates,
        embeddingSeconds: event.embeddingSeconds,
        scoreSeconds: event.scoreSeconds,
      };
    case 'transfer.measured':
      return {
        ...score,
        candidates: score.candidates.map((c, i) => (i === event.index ? { ...c, measured: event.measured } : c)),
      };
    case 'transfer.done':
      return { ...score, status: 'done', progress: null, agreement: event.agreement };
    case 'transfer.cancelled':
      return { ...score, status: 'cancelled', progress: null };
    case 'transfer.error':
      return { ...score, status: 'failed', progress: null, error: event.message };
    default:
      return score;
  }
}

function reduceShift(shift: ShiftState, event: TransferEvent): ShiftState {
  switch (event.type) {
    case 'transfer.shifted': {
      const { type: _type, requestId: _id, ...result } = event;
      return { ...shift, status: 'done', result };
    }
    case 'transfer.cancelled':
      return { ...shift, status: 'cancelled' };
    case 'transfer.error':
      return { ...shift, status: 'failed', error: event.message };
    default:
      return shift;
  }
}

/** The key ScoreState.datasetKey uses for the studio's current dataset selection. */
export function datasetKeyOf(dataset: { kind: 'sample' | 'workspace'; datasetId: string | null }): string {
  return dataset.kind === 'workspace' && dataset.datasetId ? dataset.datasetId : 'sample';
}
