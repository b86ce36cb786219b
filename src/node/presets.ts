import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatasetError, type Dataset } from '../core/data/types';
import { ADAPTATION_STRATEGIES } from '../core/train/types';
import {
  DIGITS_AB as DIGITS_AB_SPEC,
  DIGITS_AB_MAX_TRAIN_PER_CLASS,
  digitsAbConfig,
} from '../core/experiment/digitsAb';
import { SOURCE_PER_CLASS, SYNTHETIC_TARGET } from '../core/experiment/adaptationPreset';
import type { ExperimentConfig } from '../core/experiment/types';
import type { SweepConfig } from '../core/sweep/types';
import { SWEEP_PRESETS } from '../core/sweep/presets';

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
  /** The auxiliary task of a multi-task sweep (SweepConfig.multitask). */
  loadAuxiliary?(): Promise<Dataset>;
  /** Domain adaptation: the labelled source domain (`loadDataset` is then the target). */
  loadSource?(): Promise<Dataset>;
}

/**
 * The A→B split of Yosinski et al. 2014 ("How transferable are features in deep neural networks?") on MNIST, the
 * studio's built-in experiment (core/experiment/digitsAb.ts): the same 100 images per digit 5–9 as the studio's
 * sample sprite and the same split, so the studio and `--preset digits-ab` have the same split digest. 50 per
 * class validate, whatever --per-class is; --per-class draws up to 50 training images per class from the rest.
 */
const DIGITS_AB: Preset = {
  name: 'digits-ab',
  description:
    'built-in digits-vgg (trained on MNIST 0–4) transferred to MNIST 5–9 (Yosinski et al. 2014 A→B), the studio’s demo',
  defaultTrainPerClass: DIGITS_AB_SPEC.defaultTrainPerClass,
  config: (trainPerClass) => digitsAbConfig(trainPerClass),
  async loadDataset(trainPerClass) {
    if (trainPerClass > DIGITS_AB_MAX_TRAIN_PER_CLASS) {
      throw new DatasetError(
        `the digits-ab preset has ${DIGITS_AB_MAX_TRAIN_PER_CLASS} training images per class (${DIGITS_AB_SPEC.imagesPerClass} ` +
          `per digit, the studio's, half of them for validation); asked for ${trainPerClass}`,
      );
    }
    const { mnistDataset } = await import('./mnistDataset');
    const dataset = mnistDataset([...DIGITS_AB_SPEC.digits], DIGITS_AB_SPEC.imagesPerClass, 0);
    return { ...dataset, name: 'mnist digits 5–9 (digits-ab preset)' };
  },
  sweep: () => ({ depths: [0, 1, 2, 3], perClass: [10] }),
};

/**
 * Yosinski et al. 2014's selffer control on the digits: AnB (the built-in network trained on 0–4, its first blocks
 * frozen, the top k blocks re-initialised and retrained on 5–9), BnB (the same with the B network, trained on 5–9
 * itself) and AnB+ (the A network fine-tuned). BnB separates fragile co-adaptation (BnB dips when retraining cuts
 * between co-adapted blocks) from the specificity of A's features (AnB falls below BnB with depth).
 */
const SELFFER: Preset = {
  ...DIGITS_AB,
  name: 'selffer',
  description: 'AnB and BnB (Yosinski et al. 2014): A = digits 0–4, B = digits 5–9, top blocks re-initialised',
  defaultTrainPerClass: 20,
  sweep: () => structuredClone(SWEEP_PRESETS.selffer.grid),
};

/** Auxiliary examples per digit of the multi-task preset (digits 0–4). */
export const MULTITASK_AUXILIARY_PER_CLASS = SWEEP_PRESETS.multitask.grid.multitask?.auxiliaryPerClass ?? 100;

/**
 * Multi-task against sequential transfer on the digits: one network trained on 0–4 and 5–9 at once (two heads)
 * against the built-in network (trained on 0–4) fine-tuned on 5–9, and scratch, at several sizes of B.
 */
const MULTITASK: Preset = {
  ...DIGITS_AB,
  name: 'multitask',
  description: 'multi-task (digits 0–4 and 5–9 at once, two heads) against sequential transfer 0–4 → 5–9',
  sweep: () => structuredClone(SWEEP_PRESETS.multitask.grid),
  async loadAuxiliary() {
    const { mnistDataset } = await import('./mnistDataset');
    return { ...mnistDataset([0, 1, 2, 3, 4], MULTITASK_AUXILIARY_PER_CLASS, 0), name: 'mnist digits 0–4 (auxiliary)' };
  },
};

/** ../shared/datasets beside the repository (src/node → ../../../shared). */
const SHARED_DATASETS = fileURLToPath(new URL('../../../shared/datasets/', import.meta.url));

/** Target images per digit in ../shared/datasets/digits-mnistm; half validate, half train. */
const MNISTM_PER_CLASS = 30;

/**
 * Domain adaptation on the digits pair in ../shared/datasets (PROVENANCE.md): labelled digits-mnist (300 MNIST
 * digits, black on white) → digits-mnistm (300 MNIST-M digits on coloured photo patches), through the built-in
 * digits network's last block (experiment/runAdaptation.ts). Half of each target class validates (15 per digit);
 * the other 15 are the unlabelled target images (labelled for the oracle, 3 per digit for TrAdaBoost).
 * Ganin & Lempitsky 2015 report on full MNIST → MNIST-M: source only 52 %, DANN 77 %, trained on target 96 %.
 */
const DIGITS_MNIST_TO_MNISTM: Preset = {
  name: 'digits-mnist-to-mnistm',
  description: 'domain adaptation: labelled digits-mnist → digits-mnistm (../shared/datasets), digits-vgg features',
  defaultTrainPerClass: MNISTM_PER_CLASS / 2,
  config: (trainPerClass) => ({
    backbone: 'digits-vgg',
    strategies: [...ADAPTATION_STRATEGIES],
    seeds: 2,
    epochs: 15,
    batchSize: 32,
    learningRate: 0.001,
    validationFraction: 0.5,
    splitSeed: 1,
    perClass: trainPerClass,
  }),
  async loadDataset(trainPerClass) {
    if (trainPerClass > MNISTM_PER_CLASS / 2) {
      throw new DatasetError(
        `digits-mnistm has ${MNISTM_PER_CLASS} images per digit, half of them for validation; asked for ${trainPerClass}`,
      );
    }
    return readShared('digits-mnistm');
  },
  loadSource: () => readShared('digits-mnist'),
};

const DIGITS_0_9 = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

/**
 * The studio's offline domain-adaptation preset in the CLI (core/experiment/adaptationPreset.ts): labelled MNIST
 * digits 0–9, the first SOURCE_PER_CLASS of each (the studio's built-in sample) → the next SYNTHETIC_TARGET.perClass
 * of each on synthetic coloured textured backgrounds (core/data/colourDigits.ts; MNIST-M-style, no photos), the same
 * images the studio makes. Half of each target class validates. Needs no ../shared data.
 */
const DIGITS_TO_COLOUR_DIGITS: Preset = {
  name: 'digits-to-colour-digits',
  description: 'domain adaptation: labelled MNIST 0–9 → the same digits on synthetic colour backgrounds (offline)',
  defaultTrainPerClass: SYNTHETIC_TARGET.perClass / 2,
  config: (trainPerClass) => ({ ...DIGITS_MNIST_TO_MNISTM.config(trainPerClass) }),
  async loadDataset(trainPerClass) {
    if (trainPerClass > SYNTHETIC_TARGET.perClass / 2) {
      throw new DatasetError(
        `the synthetic target has ${SYNTHETIC_TARGET.perClass} images per digit, half of them for validation; asked for ${trainPerClass}`,
      );
    }
    const [{ mnistDataset }, { colourDigits }] = await Promise.all([
      import('./mnistDataset'),
      import('../core/data/colourDigits'),
    ]);
    const clean = mnistDataset(DIGITS_0_9, SYNTHETIC_TARGET.perClass, SYNTHETIC_TARGET.offset);
    return colourDigits({ ...clean, name: 'mnist digits 0–9' }, SYNTHETIC_TARGET.seed);
  },
  async loadSource() {
    const { mnistDataset } = await import('./mnistDataset');
    return mnistDataset(DIGITS_0_9, SOURCE_PER_CLASS, 0);
  },
};

async function readShared(name: string): Promise<Dataset> {
  const [{ readFolderDataset }, { nodeDecoder }] = await Promise.all([import('./folderDataset'), import('./decode')]);
  const { dataset, problems } = await readFolderDataset(path.join(SHARED_DATASETS, name), nodeDecoder);
  if (problems.length > 0) throw new DatasetError(`${name}: ${problems.map((p) => p.file).join(', ')} cannot be read`);
  return dataset;
}

/** Images per digit the negative-transfer preset builds: half validate (a fixed 100 per digit), half may train. */
const NEGATIVE_TRANSFER_IMAGES_PER_CLASS = 200;
/** Default training images per digit of the negative-transfer preset: enough for scratch to learn MNIST-M. */
export const NEGATIVE_TRANSFER_PER_CLASS = 50;

/**
 * Negative transfer (Wang et al. 2019), found by experiment (README, "Negative transfer"): the built-in digits
 * network (trained on clean MNIST 0–4, strokes on a plain background) kept frozen on MNIST-M digits 5–9 (digits
 * blended into real photo patches, Ganin & Lempitsky 2015's recipe, built by node/mnistmDataset.ts), against the
 * same architecture trained from scratch on 50 images per digit, 100 per digit validating. Its features answer to
 * strokes on an empty background; on a textured one they answer to the texture, and a head on frozen features
 * cannot undo that, while scratch, with enough images, learns what a digit looks like here. Fine-tuning the top
 * block, and every block, are the contrasts.
 */
const NEGATIVE_TRANSFER: Preset = {
  name: 'negative-transfer',
  description:
    'digits network (MNIST 0–4) frozen on MNIST-M digits 5–9 (MNIST over real photo patches), against scratch',
  defaultTrainPerClass: NEGATIVE_TRANSFER_PER_CLASS,
  config: (trainPerClass) => ({
    backbone: 'digits-vgg',
    strategies: ['scratch', 'feature-extraction', 'fine-tune:1', 'fine-tune:3'],
    seeds: 3,
    repeats: 3,
    epochs: 20,
    batchSize: 16,
    learningRate: 0.001,
    validationFraction: 0.5,
    splitSeed: 1,
    perClass: trainPerClass,
  }),
  async loadDataset(trainPerClass) {
    if (trainPerClass > NEGATIVE_TRANSFER_IMAGES_PER_CLASS / 2) {
      throw new DatasetError(
        `the negative-transfer preset builds ${NEGATIVE_TRANSFER_IMAGES_PER_CLASS} images per digit, half of them ` +
          `for validation; asked for ${trainPerClass}`,
      );
    }
    const { mnistmDataset } = await import('./mnistmDataset');
    return mnistmDataset([5, 6, 7, 8, 9], NEGATIVE_TRANSFER_IMAGES_PER_CLASS);
  },
  sweep: () => ({
    depths: [0, 1],
    perClass: [NEGATIVE_TRANSFER_PER_CLASS],
    series: [{ id: 'transfer', upper: 'pretrained' }],
  }),
};

export const PRESETS: Record<string, Preset> = Object.fromEntries(
  [DIGITS_AB, SELFFER, MULTITASK, NEGATIVE_TRANSFER, DIGITS_MNIST_TO_MNISTM, DIGITS_TO_COLOUR_DIGITS].map((preset) => [
    preset.name,
    preset,
  ]),
);
