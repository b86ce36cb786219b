import type { StateCreator } from 'zustand';
import { CONFIG_DEFAULTS } from '../core/experiment/config';
import type { StrategyId } from '../core/train/types';

/** What the next experiment compares and its training budget (the ExperimentConfig fields the user picks). */
export interface StrategySlice {
  strategy: {
    strategies: StrategyId[];
    seeds: number;
    epochs: number;
    batchSize: number;
    learningRate: number;
  };
  setStrategies(strategies: StrategyId[]): void;
}

/**
 * The config defaults, shared with the CLI: scratch against feature extraction and fine-tuning the last block,
 * 3 seeds, 20 epochs — the built-in digits experiment.
 */
export const initialStrategy = (): StrategySlice['strategy'] => ({
  strategies: [...CONFIG_DEFAULTS.strategies],
  seeds: CONFIG_DEFAULTS.seeds,
  epochs: CONFIG_DEFAULTS.epochs,
  batchSize: CONFIG_DEFAULTS.batchSize,
  learningRate: CONFIG_DEFAULTS.learningRate,
});

export const createStrategySlice: StateCreator<StrategySlice, [], [], StrategySlice> = (set) => ({
  strategy: initialStrategy(),
  setStrategies: (strategies) => set((s) => ({ strategy: { ...s.strategy, strategies } })),
});
