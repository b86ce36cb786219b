import { CONFIG_DEFAULTS } from '../core/experiment/config';
import { SAMPLE_VALIDATION_FRACTION, SWEEP_PRESETS } from '../core/sweep/presets';
import type { SweepConfig } from '../core/sweep/types';
import type { SweepSettings } from './sweepSlice';

/**
 * The SweepConfig the Sweeps step's settings describe: the picked built-in sweep's grid on the digits sample (the
 * built-in digits-vgg network, half of the 100 images per digit held out), with the chosen seeds, repeats and
 * epochs and the experiment's defaults for the rest. Validated again in the worker.
 */
export function selectSweepConfig(settings: SweepSettings): SweepConfig {
  const { grid } = SWEEP_PRESETS[settings.preset];
  return {
    schemaVersion: 1,
    backbone: 'digits-vgg',
    ...structuredClone(grid),
    seeds: settings.seeds,
    repeats: settings.repeats,
    epochs: settings.epochs,
    batchSize: CONFIG_DEFAULTS.batchSize,
    learningRate: CONFIG_DEFAULTS.learningRate,
    backboneLearningRateScale: CONFIG_DEFAULTS.backboneLearningRateScale,
    validationFraction: SAMPLE_VALIDATION_FRACTION,
    splitSeed: CONFIG_DEFAULTS.splitSeed,
    trainBatchNorm: CONFIG_DEFAULTS.trainBatchNorm,
  };
}
