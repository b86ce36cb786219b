import type { ZeroShotView } from '../../core/fewshot/zeroShotView';
import type { EpisodesOutcome, LabPhase } from '../../worker/protocol/zeroshot';

/** How far a lab request has come: `done` of `total` in `phase`. */
export interface LabProgress {
  phase: LabPhase;
  done: number;
  total: number;
}

export interface EpisodesRequest {
  backbone: string;
  ways: number;
  shots: number[];
  episodes: number;
}

/** N-way K-shot episodes on the built-in digits (protocol/zeroshot.ts episodes.result). */
export type { EpisodesOutcome };

/**
 * What the few-shot lab panel asks of the engine (src/app/labActions.ts). Each promise rejects with a user-facing
 * Error; `onProgress` is called as the engine embeds and evaluates.
 */
export interface LabActions {
  runZeroShot(onProgress: (progress: LabProgress) => void): Promise<{ view: ZeroShotView; seconds: number }>;
  /** The trained demo re-evaluated with edited class rows. */
  decideZeroShot(rows: number[][]): Promise<ZeroShotView>;
  runEpisodes(request: EpisodesRequest, onProgress: (progress: LabProgress) => void): Promise<EpisodesOutcome>;
}
