/**
 * The studio's few-shot lab in the engine worker's protocol (engine.ts unions it in), on the built-in digits
 * (MNIST 0–9, 100 each): the zero-shot demo (attributes learned on 0–4, 5–9 recognised from their table rows,
 * core/fewshot/zeroShotView.ts) and N-way K-shot episodes with intervals (core/fewshot/episodes.ts). The engine
 * embeds the digits once per backbone and keeps the vectors; the page gets plain numbers. Types only.
 */
import type { EpisodeResult, ShotGain } from '../../core/fewshot/episodes';
import type { ZeroShotView } from '../../core/fewshot/zeroShotView';
import { isListed, type Message, type MessageList } from './messages';

export type LabCommand =
  /**
   * Trains the attribute classifiers of the built-in digits preset (MobileNet v1 0.25) and evaluates them with the
   * preset's table. `baseUrl` resolves the app's sample and model files. Answered by zeroshot.result (or
   * zeroshot.error with this requestId), after zeroshot.progress events.
   */
  | { type: 'zeroshot.run'; requestId: string; baseUrl: string }
  /** Re-evaluates the trained demo with edited class rows (rows[c][m] ∈ {0, 1}). Answered by zeroshot.result. */
  | { type: 'zeroshot.decide'; requestId: string; rows: number[][] }
  /**
   * `ways`-way episodes on the digits embedded by catalogue backbone `backbone`, for every few-shot method at each
   * of `shots`. Answered by episodes.result (or episodes.error), after episodes.progress events.
   */
  | {
      type: 'episodes.run';
      requestId: string;
      baseUrl: string;
      backbone: string;
      ways: number;
      shots: number[];
      episodes: number;
    };

/** What the engine is doing for a lab request: `done` of `total` (images embedded, episodes run). */
export type LabPhase = 'loading' | 'embedding' | 'training' | 'episodes';

/** N-way K-shot episodes on the built-in digits: what episodes.result carries. */
export interface EpisodesOutcome {
  backbone: string;
  cut: string;
  /** Classes the episodes drew from and images per class. */
  classes: number;
  imagesPerClass: number;
  results: EpisodeResult[];
  shotGains: ShotGain[];
  seed: number;
  seconds: number;
}

export type LabEvent =
  | { type: 'zeroshot.progress'; requestId: string; phase: LabPhase; done: number; total: number }
  | { type: 'zeroshot.result'; requestId: string; view: ZeroShotView; seconds: number }
  | { type: 'zeroshot.error'; requestId: string; message: string }
  | { type: 'episodes.progress'; requestId: string; phase: LabPhase; done: number; total: number }
  | ({ type: 'episodes.result'; requestId: string } & EpisodesOutcome)
  | { type: 'episodes.error'; requestId: string; message: string };

const LAB_COMMANDS = {
  'zeroshot.run': true,
  'zeroshot.decide': true,
  'episodes.run': true,
} as const satisfies MessageList<LabCommand>;

const LAB_EVENTS = {
  'zeroshot.progress': true,
  'zeroshot.result': true,
  'zeroshot.error': true,
  'episodes.progress': true,
  'episodes.result': true,
  'episodes.error': true,
} as const satisfies MessageList<LabEvent>;

export function isLabCommand<C extends Message>(command: C | LabCommand): command is LabCommand {
  return isListed<LabCommand>(LAB_COMMANDS, command);
}

export function isLabEvent<E extends Message>(event: E | LabEvent): event is LabEvent {
  return isListed<LabEvent>(LAB_EVENTS, event);
}
