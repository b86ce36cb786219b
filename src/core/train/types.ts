/** Strategy ids as written in configs and on the command line: "scratch", "feature-extraction", "fine-tune:2". */
export type StrategyId = 'scratch' | 'feature-extraction' | `fine-tune:${number}`;

/** One point of a learning curve. Epoch 0 = before any training step. */
export interface CurvePoint {
  epoch: number;
  valAccuracy: number;
  valLoss: number;
  /** Mean training loss over the epoch's batches; NaN at epoch 0. */
  trainLoss: number;
  /** Wall-clock seconds since the run started, cumulative (one-off caching is inside epoch 1). */
  seconds: number;
  /** Training examples seen so far, cumulative. */
  examplesSeen: number;
}

/** Events a running experiment emits; plain data so they can cross a worker boundary. */
export type ExperimentEvent =
  | { type: 'phase'; phase: 'loading' | 'decoding' | 'caching' | 'warmup' | 'training' | 'done'; detail?: string }
  | { type: 'run-start'; runIndex: number; runCount: number; strategy: StrategyId; seed: number }
  | { type: 'epoch'; runIndex: number; strategy: StrategyId; seed: number; point: CurvePoint; epochs: number }
  | { type: 'cache'; strategy: StrategyId; seconds: number; examples: number }
  | { type: 'run-end'; runIndex: number; strategy: StrategyId; seed: number };

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}
