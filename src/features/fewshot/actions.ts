import type { FewShotMethodId } from '../../core/fewshot/classifiers';
import type { RunComparison } from '../../core/fewshot/compareWithRun';
import type { ExperimentResult } from '../../core/experiment/types';
import type { FewShotCurve, FewShotStages } from '../../worker/protocol/fewshot';

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
  /** Where they went (pixels, forward pass, classifier). */
  stages: FewShotStages;
}

/** One kept capture for saving: its class (in the saved dataset's class order), frame and webcam source name. */
export interface KeptCapture {
  classIndex: number;
  /** Transferred to the dataset worker by saveFewShotCaptures: unusable after. */
  frame: ImageBitmap;
  /** webcamSource(time, time) of the press (one press = one burst). */
  source: string;
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
  /**
   * Saves captures as a new workspace dataset named `name` with `classNames`, selects it for the Run flow and
   * resolves with its id once every frame is stored (src/app/fewshotDataset.ts).
   */
  saveFewShotCaptures(name: string, classNames: string[], captures: KeptCapture[]): Promise<string>;
  /**
   * Prototypes and kNN scored on the held-out images of finished Run `result` (run on workspace dataset
   * `datasetId`), beside that Run's trained head (core/fewshot/compareWithRun.ts).
   */
  compareFewShotWithRun(result: ExperimentResult, datasetId: string): Promise<RunComparison>;
}
