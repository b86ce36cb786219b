import type { SweepConfig } from './types';

/**
 * The built-in sweeps, one per phenomenon, as the studio offers them (pure data; the CLI's presets in src/node take
 * their axes and series from here). All run on the built-in digits: the digits-vgg network trained on 0–4 (A),
 * transferred to 5–9 (B) — the studio's sample of 100 images per digit, half of each held out for validation.
 */

/** The B network of the selffer control (scripts/build-source-model.ts --task b), app-relative like the catalogue. */
export const DIGITS_B_MODEL_URL = 'models/digits-vgg-b/model.json';

/**
 * The source of the negative-transfer preset: the digits network trained on 0–4 with random labels
 * (scripts/build-source-model.ts --task noisy; provenance in its source.json).
 */
export const NOISY_MODEL_URL = 'models/digits-vgg-noisy/model.json';

/** Training images per digit of the studio's negative-transfer preset: enough for scratch to learn (README). */
export const NEGATIVE_TRANSFER_PER_CLASS = 50;

export type SweepPresetId = 'depth' | 'size' | 'selffer' | 'multitask' | 'negative';

export interface SweepPreset {
  id: SweepPresetId;
  /** Which chart leads: accuracy against freeze depth or against examples per class. */
  axis: 'depth' | 'perClass';
  /** The grid and its series; training settings come from the studio (seeds, repeats, epochs). */
  grid: Pick<SweepConfig, 'depths' | 'perClass' | 'scratch' | 'series'> & Partial<Pick<SweepConfig, 'multitask'>>;
}

/** Validation share of the studio's 100 digits per class: 50 held out, up to 50 to train. */
export const SAMPLE_VALIDATION_FRACTION = 0.5;

export const SWEEP_PRESETS: Record<SweepPresetId, SweepPreset> = {
  // Yosinski et al. 2014: accuracy against the number of trainable blocks, scratch as the floor.
  depth: {
    id: 'depth',
    axis: 'depth',
    grid: { depths: [0, 1, 2, 3], perClass: [10], scratch: true, series: [{ id: 'transfer', upper: 'pretrained' }] },
  },
  // He, Girshick & Dollár 2019: transfer against scratch as the data grows (nested subsets, fixed validation).
  size: {
    id: 'size',
    axis: 'perClass',
    grid: {
      depths: [1],
      perClass: [1, 2, 5, 10, 20, 50],
      scratch: true,
      series: [{ id: 'transfer', upper: 'pretrained' }],
    },
  },
  // The selffer control: AnB and BnB with the top blocks re-initialised, and AnB+ fine-tuned.
  selffer: {
    id: 'selffer',
    axis: 'depth',
    grid: {
      depths: [0, 1, 2, 3],
      perClass: [20],
      scratch: true,
      series: [
        { id: 'AnB', upper: 'reinitialised' },
        { id: 'BnB', upper: 'reinitialised', modelUrl: DIGITS_B_MODEL_URL },
        { id: 'AnB+', upper: 'pretrained' },
      ],
    },
  },
  // Multi-task (0–4 and 5–9 at once, two heads) against sequential transfer 0–4 → 5–9 (all blocks fine-tuned).
  multitask: {
    id: 'multitask',
    axis: 'perClass',
    grid: {
      depths: [3],
      perClass: [2, 10, 50],
      scratch: true,
      series: [{ id: 'transfer', upper: 'pretrained' }],
      multitask: { auxiliaryPerClass: 100, auxiliaryWeight: 1 },
    },
  },
  // Wang et al. 2019's conditions on the built-in digits: a source trained on random labels, frozen, with enough data
  // for scratch to learn; the clean 0–4 network and fine-tuning are the contrasts. Measured: NO negative transfer
  // here (README). Where it does appear — the clean network frozen on MNIST-M — needs ../shared/datasets, which the
  // app does not ship: the CLI's `--preset negative-transfer` (src/node/presets.ts) runs that one.
  negative: {
    id: 'negative',
    axis: 'depth',
    grid: {
      depths: [0, 3],
      perClass: [NEGATIVE_TRANSFER_PER_CLASS],
      scratch: true,
      series: [
        { id: 'noisy', upper: 'pretrained', modelUrl: NOISY_MODEL_URL },
        { id: 'transfer', upper: 'pretrained' },
      ],
    },
  },
};
