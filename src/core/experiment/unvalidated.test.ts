import { describe, expect, it } from 'vitest';
import type { Dataset, LabeledImage } from '../data/types';
import { selectExamples, unvalidated } from './runExperiment';
import type { ExperimentConfig } from './types';

/** An 8×8 RGB image whose pixels all differ with `seed` (no two seeds look alike). */
const image = (seed: number) => ({
  width: 8,
  height: 8,
  data: Uint8Array.from({ length: 192 }, (_, i) => (seed * 97 + i * (seed + 3) * 31) % 256),
});
const example = (label: number, id: string, seed: number): LabeledImage => ({
  id,
  label,
  source: id,
  image: image(seed),
});

const config = {
  schemaVersion: 1,
  backbone: 'digits-vgg',
  strategies: ['scratch'],
  seeds: 1,
  epochs: 1,
  batchSize: 16,
  learningRate: 0.001,
  backboneLearningRateScale: 0.1,
  validationFraction: 0.2,
  splitSeed: 1,
  augment: false,
  trainBatchNorm: false,
} as ExperimentConfig;

describe('unvalidated classes (issue 13, item 9)', () => {
  it('a class of one image and a class that is one group of copies are named: validation does not score them', () => {
    const dataset: Dataset = {
      name: 'd',
      classNames: ['many', 'single', 'copies'],
      examples: [
        ...Array.from({ length: 6 }, (_, i) => example(0, `many/${i}`, i + 1)),
        example(1, 'single/0', 50),
        // Three re-imports of one picture: one duplicate group, kept on one side (training).
        ...Array.from({ length: 3 }, (_, i) => example(2, `copies/${i}`, 60)),
      ],
    };
    const splits = [0, 1].map((repeat) => selectExamples(dataset, config, repeat));
    expect(unvalidated(dataset, splits)).toEqual({ unvalidatedClasses: ['single', 'copies'] });
  });

  it('nothing when every class has a validation image', () => {
    const dataset: Dataset = {
      name: 'd',
      classNames: ['a', 'b'],
      examples: Array.from({ length: 8 }, (_, i) => example(i % 2, `x/${i}`, i + 1)),
    };
    expect(unvalidated(dataset, [selectExamples(dataset, config, 0)])).toEqual({});
  });
});
