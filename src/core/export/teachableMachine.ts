/**
 * A trained classifier in Teachable Machine's save format (PEERS.md): `model.json` + `weights.bin` +
 * `metadata.json`, loadable by `tmImage.load(modelURL, metadataURL)` and by plain `tf.loadLayersModel`.
 * Pure data in, bytes out (no tfjs, no DOM): the worker zips the files for download.
 *
 * The model is the whole network (backbone cut + head + softmax), so it runs standalone; what Teachable Machine's
 * metadata cannot say (our preprocessing: range, crop, inversion) goes into `userMetadata.transferStudio`.
 */
import { strToU8 } from 'fflate';
import type { Preprocessing } from '../backbones/types';
import type { ClassifierArtifacts } from '../train/trainClassifier';

/** Teachable Machine's `Metadata` (libraries/image/src/custom-mobilenet.ts), fields in its order. */
export interface TeachableMachineMetadata {
  tfjsVersion: string;
  tmVersion: string;
  packageVersion: string;
  packageName: string;
  modelName: string;
  timeStamp: string;
  labels: string[];
  userMetadata: { transferStudio: TransferStudioMetadata };
  grayscale: boolean;
  imageSize: number;
}

/** What our exported model expects and where it came from (schemaVersion'd: read back by future versions). */
export interface TransferStudioMetadata {
  schemaVersion: 1;
  backbone: string;
  cutLayer: string;
  /** The strategy the classifier was trained with ("feature-extraction", "fine-tune:k", "scratch"). */
  strategy: string;
  preprocessing: Preprocessing;
  /** Accuracy on the training examples after the last epoch, in [0, 1]. */
  trainAccuracy: number;
  /** Accuracy on held-out examples with its 95 % Wilson interval and their number; absent when none were held out. */
  heldOutAccuracy?: { mean: number; ci95: [number, number] | null; n: number };
  examples: number;
  epochs: number;
  datasetName: string;
}

export interface MetadataInput {
  labels: readonly string[];
  imageSize: number;
  preprocessing: Preprocessing;
  tfjsVersion: string;
  appVersion: string;
  modelName: string;
  /** ISO time the classifier was made. */
  timeStamp: string;
  backbone: string;
  cutLayer: string;
  /** Absent: feature extraction. */
  strategy?: string;
  trainAccuracy: number;
  heldOutAccuracy?: { mean: number; ci95: [number, number] | null; n: number } | null;
  examples: number;
  epochs: number;
  datasetName: string;
}

export const PACKAGE_NAME = 'transfer-studio';
/**
 * `tmVersion`: the Teachable Machine image library whose format the export follows and is tested against
 * (@teachablemachine/image 0.8.5, bench/README-peers.md; the library writes its own version there).
 */
export const TM_VERSION = '0.8.5';

export function teachableMachineMetadata(input: MetadataInput): TeachableMachineMetadata {
  return {
    tfjsVersion: input.tfjsVersion,
    tmVersion: TM_VERSION,
    packageVersion: input.appVersion,
    packageName: PACKAGE_NAME,
    modelName: input.modelName,
    timeStamp: input.timeStamp,
    labels: [...input.labels],
    userMetadata: {
      transferStudio: {
        schemaVersion: 1,
        backbone: input.backbone,
        cutLayer: input.cutLayer,
        strategy: input.strategy ?? 'feature-extraction',
        preprocessing: { ...input.preprocessing },
        trainAccuracy: input.trainAccuracy,
        ...(input.heldOutAccuracy ? { heldOutAccuracy: { ...input.heldOutAccuracy } } : {}),
        examples: input.examples,
        epochs: input.epochs,
        datasetName: input.datasetName,
      },
    },
    grayscale: input.preprocessing.channels === 1,
    imageSize: input.imageSize,
  };
}

/** model.json as tfjs writes it (`layers-model`), its one weights file named `weightsPath`. */
export function modelJson(artifacts: ClassifierArtifacts, weightsPath = 'weights.bin'): object {
  return {
    modelTopology: artifacts.modelTopology,
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy,
    weightsManifest: [{ paths: [weightsPath], weights: artifacts.weightSpecs }],
  };
}

/** The three files, as Teachable Machine's "Download my model" zip holds them. */
export function teachableMachineFiles(
  artifacts: ClassifierArtifacts,
  metadata: TeachableMachineMetadata,
): Record<string, Uint8Array> {
  const text = (value: unknown) => strToU8(JSON.stringify(value));
  return {
    'model.json': text(modelJson(artifacts)),
    'weights.bin': new Uint8Array(artifacts.weightData),
    'metadata.json': text(metadata),
  };
}

/** A file name from a model name: letters, digits and dashes only ("Digits 5–9" → "digits-5-9"). */
export function exportFileStem(name: string): string {
  const stem = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return stem || 'classifier';
}
