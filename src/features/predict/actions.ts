/** One prediction as the predict panel shows it. */
export interface Prediction {
  /** The classifier that made it. */
  modelId: string;
  /** Class probabilities in the classifier's label order; they sum to 1. */
  probabilities: number[];
  /** Worker milliseconds for this prediction (pixels, forward pass). */
  ms: number;
}

/** What the classifier and predict panel asks of the engine (implemented in src/app/classifierActions.ts). */
export interface ClassifierActions {
  /**
   * Trains a classifier on the current dataset with the current backbone and `strategy` ("feature-extraction",
   * "fine-tune:k", "scratch"); returns the request id.
   */
  trainClassifier(strategy: string): string;
  cancelClassifierTraining(): void;
  selectClassifier(modelId: string): void;
  deleteClassifier(modelId: string): void;
  /** Downloads the classifier as a Teachable Machine zip (model.json, weights.bin, metadata.json). */
  exportClassifier(modelId: string): void;
  /**
   * Predicts one webcam frame (the bitmap is transferred: unusable after). Resolves with the prediction, or
   * rejects with a user-facing Error.
   */
  predictFrame(frame: ImageBitmap): Promise<Prediction>;
  /** Predicts a dropped or picked image file. */
  predictImage(file: File): Promise<Prediction>;
}
