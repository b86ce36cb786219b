import type { Estimate } from '../math/intervals';

/**
 * Strategy ids as written in configs and on the command line: "scratch", "feature-extraction", "fine-tune:2", and
 * the domain-adaptation strategies (AdaptationStrategyId), which need a labelled source dataset besides the target.
 */
export type StrategyId = 'scratch' | 'feature-extraction' | `fine-tune:${number}` | AdaptationStrategyId;

/**
 * Domain adaptation on embeddings (core/adapt, experiment/runAdaptation.ts): a labelled source, an unlabelled target
 * training split (labelled for 'oracle', a few per class labelled for 'tradaboost'), validated on labelled target.
 */
export type AdaptationStrategyId = 'source-only' | 'coral' | 'deep-coral' | 'dan' | 'dann' | 'tradaboost' | 'oracle';

/** Every adaptation strategy, in the order a comparison lists them (floor first, ceiling last). */
export const ADAPTATION_STRATEGIES = [
  'source-only',
  'coral',
  'deep-coral',
  'dan',
  'dann',
  'tradaboost',
  'oracle',
] as const satisfies readonly AdaptationStrategyId[];

export function isAdaptationStrategy(id: string): id is AdaptationStrategyId {
  return (ADAPTATION_STRATEGIES as readonly string[]).includes(id);
}

/** One point of a learning curve. Epoch 0 = before any training step. */
export interface CurvePoint {
  epoch: number;
  valAccuracy: number;
  valLoss: number;
  /** Mean training loss over the epoch's batches; NaN at epoch 0. */
  trainLoss: number;
  /** Wall-clock seconds since the trial started, cumulative (one-off caching is inside epoch 1). */
  seconds: number;
  /** Training examples seen so far, cumulative. */
  examplesSeen: number;
}

/**
 * Events a running experiment emits; plain data so they can cross a worker boundary. Types are named
 * `subject.event` (the `domain.verb` convention of the worker protocols): the subject is what the event is about —
 * `experiment` (the whole run), `strategy` (its one-off cache) or `trial` (one strategy × seed × repeat training,
 * `trialIndex` 0..trialCount-1 in the order they run) — and the event what just happened to it.
 */
export type ExperimentEvent =
  | {
      type: 'experiment.phase';
      phase: 'loading' | 'decoding' | 'caching' | 'warmup' | 'training' | 'done';
      detail?: string;
    }
  | { type: 'strategy.cached'; strategy: StrategyId; seconds: number; examples: number }
  /**
   * `repeat`: the experiment's repeat (split) the trial runs on; runExperiment always sets it, absent reads as 0.
   * `kept`: a resumed run keeps this trial as an earlier run finished it (its events follow at once, nothing trains).
   */
  | {
      type: 'trial.start';
      trialIndex: number;
      trialCount: number;
      strategy: StrategyId;
      seed: number;
      repeat?: number;
      kept?: true;
    }
  /** Each new point of the trial's learning curve, epoch 0 (before any step) first. */
  | {
      type: 'trial.epoch';
      trialIndex: number;
      strategy: StrategyId;
      seed: number;
      repeat?: number;
      point: CurvePoint;
      epochs: number;
    }
  /**
   * `accuracy`: the trained model's validation accuracy (its confusion matrix's trace / images) with its Wilson 95 %
   * interval from the number of validation images (math/intervals.ts); absent where a runner does not compute it.
   */
  | {
      type: 'trial.end';
      trialIndex: number;
      strategy: StrategyId;
      seed: number;
      repeat?: number;
      accuracy?: Estimate;
      /**
       * What the trial ended with beyond its curve (runExperiment sets it): stored with the curve, it lets a resumed
       * run keep this trial instead of training it again (experiment/runExperiment.ts `finished`).
       */
      outcome?: TrialEndOutcome;
    };

/** A finished trial's validation outcome after its last epoch and its one-off caching seconds. */
export interface TrialEndOutcome {
  /** Rows = true class, columns = predicted. */
  confusion: number[][];
  misclassified: { id: string; label: number; predicted: number }[];
  cacheSeconds: number;
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}
