import type { FewShotMethodId } from '../../core/fewshot/classifiers';
import type { FewShotCurve } from '../../worker/protocol/fewshot';

/** The instant classifier's session as the panel shows it. */
export interface FewShotSessionInfo {
  backbone: string;
  imageSize: number;
  dimensions: number;
  /** Seconds from the request to a usable backbone. */
  seconds: number;
}

/** The session after a capture or a forgotten class. */
export interface FewShotUpdate {
  counts: number[];
  /** Worker milliseconds to embed the captured frame (0 for forget). */
  embedMs: number;
  curves: FewShotCurve[];
}

export interface FewShotLivePrediction {
  method: FewShotMethodId;
  /** -1 when no class has a capture. */
  label: number;
  probabilities: number[];
  /** Worker milliseconds for this frame. */
  ms: number;
}

/**
 * What the instant-classifier panel asks of the engine (src/app/fewshotActions.ts). Frames are transferred:
 * unusable after the call. Each promise rejects with a user-facing Error.
 */
export interface FewShotActions {
  startFewShot(backbone: string): Promise<FewShotSessionInfo>;
  captureFewShot(frame: ImageBitmap, classIndex: number): Promise<FewShotUpdate>;
  forgetFewShotClass(classIndex: number): Promise<FewShotUpdate>;
  predictFewShot(frame: ImageBitmap, method: FewShotMethodId): Promise<FewShotLivePrediction>;
}
