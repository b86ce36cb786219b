import type { StateCreator } from 'zustand';
import { CONFIG_DEFAULTS } from '../core/experiment/config';
import type { StrategyId } from '../core/train/types';

/** What the next experiment compares and its training budget (the ExperimentConfig fields the user picks). */
export interface StrategySlice {
  strategy: {
    strategies: StrategyId[];
    seeds: number;
    /** Repeats of the comparison on new splits (ExperimentConfig.repeats); 1 = one split. */
    repeats: number;
    epochs: number;
    batchSize: number;
    learningRate: number;
    /** Input side in pixels; null = the backbone's own (224 for MobileNet, 28 for digits-vgg). */
    imageSize: number | null;
    augment: boolean;
    /** Fraction of each class held out for validation; null = the dataset's own split (the sample's 50 of 100). */
    validationFraction: number | null;
  };
  setStrategies(strategies: StrategyId[]): void;
  /** Sets fields as typed: numbers may be NaN or out of range; the Strategy panel shows the schema's errors. */
  updateStrategy(patch: Partial<Omit<StrategySlice['strategy'], 'strategies'>>): void;
}

/**
 * The config defaults, shared with the CLI: scratch against feature extraction and fine-tuning the last block,
 * 3 seeds, 20 epochs — the built-in digits experiment.
 */
export const initialStrategy = (): StrategySlice['strategy'] => ({
  strategies: [...CONFIG_DEFAULTS.strategies],
  seeds: CONFIG_DEFAULTS.seeds,
  repeats: 1,
  epochs: CONFIG_DEFAULTS.epochs,
  batchSize: CONFIG_DEFAULTS.batchSize,
  learningRate: CONFIG_DEFAULTS.learningRate,
  imageSize: null,
  augment: CONFIG_DEFAULTS.augment,
  validationFraction: null,
});

export const createStrategySlice: StateCreator<StrategySlice, [], [], StrategySlice> = (set) => ({
  strategy: initialStrategy(),
  setStrategies: (strategies) => set((s) => ({ strategy: { ...s.strategy, strategies } })),
  updateStrategy: (patch) => set((s) => ({ strategy: { ...s.strategy, ...patch } })),
});
