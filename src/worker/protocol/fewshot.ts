/**
 * The instant (few-shot) webcam classifier's part of the engine worker's protocol (engine.ts unions it in): a
 * session of captures embedded by a backbone, classified by prototypes, kNN or a ridge head (core/fewshot) with no
 * training run. Frames are ImageBitmaps, TRANSFERRED and closed by the worker. Types only.
 */
import type { FewShotMethodId } from '../../core/fewshot/classifiers';
import type { RunComparison } from '../../core/fewshot/compareWithRun';
import type { HeldOutPoint } from '../../core/fewshot/heldOut';
import type { ExperimentResult } from '../../core/experiment/types';
import type { DatasetSource } from './engine';
import { isListed, type Message, type MessageList } from './messages';

export type FewShotCommand =
  /**
   * Starts a new session (forgetting every capture) on catalogue backbone `backbone`, loading it now so the first
   * capture is quick. `baseUrl` resolves a built-in model's app-relative URL. Answered by fewshot.ready (or
   * fewshot.error with this requestId).
   */
  | { type: 'fewshot.start'; requestId: string; backbone: string; baseUrl: string }
  /** Adds one frame to class `classIndex`. Answered by fewshot.updated with this requestId (or fewshot.error). */
  | { type: 'fewshot.capture'; requestId: string; classIndex: number; frame: ImageBitmap }
  /** Forgets the captures of class `classIndex` (later classes keep their index). Answered by fewshot.updated. */
  | { type: 'fewshot.forget'; requestId: string; classIndex: number }
  /** Classifies one frame with `method`. Answered by one fewshot.prediction (or fewshot.error). */
  | { type: 'fewshot.predict'; requestId: string; frame: ImageBitmap; method: FewShotMethodId }
  /**
   * Scores prototypes and kNN on the held-out images of a finished Run (`result`, run on `dataset`: the saved
   * captures) beside that Run's trained head (core/fewshot/compareWithRun.ts). Independent of the live session.
   * Answered by fewshot.compared (or fewshot.error).
   */
  | { type: 'fewshot.compare'; requestId: string; result: ExperimentResult; dataset: DatasetSource };

/** Held-out accuracy against shots for one method, over the session's captures (core heldOutCurve). */
export interface FewShotCurve {
  method: FewShotMethodId;
  points: HeldOutPoint[];
}

/** A live prediction's worker milliseconds by stage. */
export interface FewShotStages {
  pixelsMs: number;
  forwardMs: number;
  headMs: number;
}

export type FewShotEvent =
  | {
      type: 'fewshot.ready';
      requestId: string;
      backbone: string;
      /** Input side the frames are scaled to. */
      imageSize: number;
      /** Values per embedding. */
      dimensions: number;
      /** From the request to a usable backbone (loading and the first forward pass). */
      seconds: number;
    }
  | {
      type: 'fewshot.updated';
      requestId: string;
      /** Captures per class (index = class). */
      counts: number[];
      /** Worker milliseconds to embed the frame (capture only; 0 for forget). */
      embedMs: number;
      curves: FewShotCurve[];
    }
  | {
      type: 'fewshot.prediction';
      requestId: string;
      method: FewShotMethodId;
      /** Predicted class; -1 when no class has a capture. */
      label: number;
      /** Per class, 0 for classes without captures. */
      probabilities: number[];
      /** Worker milliseconds from the start of the frame's work to the prediction (pixels, forward, classifier). */
      ms: number;
      /** Where `ms` went: crop + scale to pixels, forward pass with readback, classifier. */
      stages: FewShotStages;
    }
  | { type: 'fewshot.compared'; requestId: string; comparison: RunComparison }
  /** A command failed; user-facing message. */
  | { type: 'fewshot.error'; requestId: string; message: string };

const FEWSHOT_COMMANDS = {
  'fewshot.start': true,
  'fewshot.capture': true,
  'fewshot.forget': true,
  'fewshot.predict': true,
  'fewshot.compare': true,
} as const satisfies MessageList<FewShotCommand>;

const FEWSHOT_EVENTS = {
  'fewshot.ready': true,
  'fewshot.updated': true,
  'fewshot.prediction': true,
  'fewshot.compared': true,
  'fewshot.error': true,
} as const satisfies MessageList<FewShotEvent>;

export function isFewShotCommand<C extends Message>(command: C | FewShotCommand): command is FewShotCommand {
  return isListed<FewShotCommand>(FEWSHOT_COMMANDS, command);
}

export function isFewShotEvent<E extends Message>(event: E | FewShotEvent): event is FewShotEvent {
  return isListed<FewShotEvent>(FEWSHOT_EVENTS, event);
}
