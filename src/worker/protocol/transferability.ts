/**
 * The transferability part of the engine worker's protocol (engine.ts unions it in): "How well will it
 * transfer?" — scores of (backbone, cut) candidates on the studio's dataset, optionally measured — and the
 * domain-shift meter between a source and a target dataset. Plain structured-cloneable data.
 */
import type { DomainShift } from '../../core/transferability/domainShift';
import type { CandidateResult, RankAgreement } from '../../core/transferability/candidates';
import type { DatasetSource } from './engine';
import { isListed, type Message, type MessageList } from './messages';

export type TransferCommand =
  /**
   * Score every (backbone, cut) of `backbones` on `dataset`'s training split (the split runs use), then, with
   * `measure`, train a feature-extraction head at each cut. Answered by transfer.progress, transfer.scored, then
   * (measuring) transfer.measured per candidate and transfer.done — or transfer.error / transfer.cancelled.
   */
  | {
      type: 'transfer.score';
      requestId: string;
      dataset: DatasetSource;
      /** Catalogue ids; the cuts are each backbone's default cut and two earlier block ends. */
      backbones: string[];
      validationFraction: number;
      perClass?: number;
      measure: boolean;
      epochs: number;
      seeds: number;
    }
  /** The shift between two datasets in `backbone`'s features at its default cut. Answered by transfer.shifted. */
  | { type: 'transfer.shift'; requestId: string; source: DatasetSource; target: DatasetSource; backbone: string }
  /** Stop a score or shift request; a no-op when it is not running. */
  | { type: 'transfer.cancel'; requestId: string };

export type TransferEvent =
  | {
      type: 'transfer.progress';
      requestId: string;
      stage: 'loading' | 'embedding' | 'measuring';
      /** The backbone (embedding) or candidate index (measuring) the fraction is about. */
      detail: string;
      done: number;
      total: number;
    }
  | {
      type: 'transfer.scored';
      requestId: string;
      datasetName: string;
      scoredImages: number;
      candidates: CandidateResult[];
      /** Seconds to embed, per backbone, and to compute all scores. */
      embeddingSeconds: Record<string, number>;
      scoreSeconds: number;
    }
  | { type: 'transfer.measured'; requestId: string; index: number; measured: NonNullable<CandidateResult['measured']> }
  /** Measuring finished: each score's agreement with the measured accuracies. */
  | { type: 'transfer.done'; requestId: string; agreement: RankAgreement[] }
  | {
      type: 'transfer.shifted';
      requestId: string;
      backbone: string;
      cut: string;
      sourceName: string;
      targetName: string;
      shift: DomainShift;
      meterSeconds: number;
    }
  | { type: 'transfer.cancelled'; requestId: string }
  | { type: 'transfer.error'; requestId: string; message: string };

const TRANSFER_COMMANDS = {
  'transfer.score': true,
  'transfer.shift': true,
  'transfer.cancel': true,
} as const satisfies MessageList<TransferCommand>;

const TRANSFER_EVENTS = {
  'transfer.progress': true,
  'transfer.scored': true,
  'transfer.measured': true,
  'transfer.done': true,
  'transfer.shifted': true,
  'transfer.cancelled': true,
  'transfer.error': true,
} as const satisfies MessageList<TransferEvent>;

export function isTransferCommand<C extends Message>(command: C | TransferCommand): command is TransferCommand {
  return isListed<TransferCommand>(TRANSFER_COMMANDS, command);
}

/** True for the events of this file (the store folds them into its transfer slice). */
export function isTransferEvent<E extends Message>(event: E | TransferEvent): event is TransferEvent {
  return isListed<TransferEvent>(TRANSFER_EVENTS, event);
}
