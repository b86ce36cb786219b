import * as tf from '@tensorflow/tfjs';
import type { BackboneSpec, Preprocessing } from '../backbones/types';
import { cutAt, rebuildAtInputSize } from '../backbones/truncate';
import { imageBatches } from '../data/inputBatches';
import { imagesToTensor } from '../data/preprocess';
import type { Dataset, DecodedImage } from '../data/types';
import { buildHead, HEAD_FOR_FAMILY } from '../heads/denseHead';
import { computeBoundary } from './boundaryCache';
import { foldBatchNorm } from '../backbones/foldBatchNorm';
import { throwIfCancelled, type CancelSignal } from './cancel';
import { defaultNow, trainTrial } from './trainTrial';
import type { CurvePoint } from './types';

/** How the classifier is trained: a feature-extraction head, the experiment's own training loop. */
export interface ClassifierOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Seeds the head's initialiser, shuffling and dropout: the same seed and data give the same classifier. */
  seed: number;
  /** Input side in pixels; undefined = the backbone's own. */
  imageSize?: number;
  /** Images per forward pass while embedding (bounds peak memory; default 32). */
  embedBatchSize?: number;
  signal?: CancelSignal;
  /** Clock in milliseconds. */
  now?: () => number;
  /** 'embedding': images done of total; 'training': epochs done of total, with the training-set accuracy. */
  onProgress?: (progress: ClassifierProgress) => void;
}

export type ClassifierProgress =
  | { stage: 'embedding'; done: number; total: number }
  | { stage: 'training'; done: number; total: number; accuracy: number; loss: number };

/** A tfjs model as plain data (`ModelArtifacts` with the weights as ONE ArrayBuffer). */
export interface ClassifierArtifacts {
  modelTopology: object;
  weightSpecs: tf.io.WeightsManifestEntry[];
  weightData: ArrayBuffer;
  format: string;
  generatedBy: string;
  convertedBy: string | null;
}

export interface TrainedClassifier {
  /**
   * The whole classifier as ONE standalone model: preprocessed image [n, size, size, channels] → class
   * probabilities [n, classes] (softmax). It owns its weights (independent of the backbone it was made from):
   * the caller disposes it.
   */
  model: tf.LayersModel;
  /** The same model serialised (for storage and export); loading it gives `model` again. */
  artifacts: ClassifierArtifacts;
  labels: string[];
  imageSize: number;
  preprocessing: Preprocessing;
  /** Accuracy per epoch on the training examples themselves (all the data went into training). */
  curve: CurvePoint[];
  trainAccuracy: number;
  examples: number;
  embedSeconds: number;
  seconds: number;
}

/**
 * "A classifier within seconds" (DESIGN.md, webcam few-shot): embeds EVERY example of `dataset` once through the
 * frozen backbone cut at `spec.defaultCut` (embed once, in batches), trains the family's head on those features with
 * trainTrial (feature extraction), and merges cut + head + softmax into one model that runs standalone (what Teachable Machine saves as
 * `sequential([truncated, head])`, here flattened into one functional model).
 *
 * Ownership: `backbone` is borrowed; its weights and trainable flags are as they were when this returns, however
 * it ends. The returned `model` is new and owned by the caller. Every other tensor made here is freed on every path
 * (cancellation included: rejects with CancelledError).
 */
export async function trainClassifier(
  backbone: tf.LayersModel,
  spec: BackboneSpec,
  dataset: Dataset,
  options: ClassifierOptions,
): Promise<TrainedClassifier> {
  const now = options.now ?? defaultNow;
  const startMs = now();
  const classes = dataset.classNames.length;
  if (classes < 2) throw new RangeError(`a classifier needs at least 2 classes; “${dataset.name}” has ${classes}`);
  const empty = dataset.classNames.filter((_, c) => !dataset.examples.some((e) => e.label === c));
  if (empty.length > 0)
    throw new RangeError(`every class needs at least one image; none in ${empty.map((n) => `“${n}”`).join(', ')}`);
  const size = options.imageSize ?? spec.preprocessing.inputSize;
  const pre = spec.preprocessing;

  const models: tf.LayersModel[] = [];
  const tensors: tf.Tensor[] = [];
  try {
    throwIfCancelled(options.signal);
    const sized = backbone.inputs[0].shape[1] === size ? backbone : await rebuildAtInputSize(backbone, size);
    if (sized !== backbone) models.push(sized);
    const cut = cutAt(sized, spec.defaultCut);
    models.push(cut);

    // Embed once, a batch of images at a time, through the BatchNorm-folded copy (the merged model keeps `cut`).
    const frozenCut = await foldBatchNorm(cut);
    models.push(frozenCut);
    const features = await computeBoundary(
      frozenCut,
      imageBatches(
        dataset.examples.map((e) => e.image),
        pre,
        size,
      ),
      {
        batchSize: options.embedBatchSize,
        signal: options.signal,
        onProgress: (done, total) => options.onProgress?.({ stage: 'embedding', done, total }),
      },
    );
    tensors.push(features);
    const embedSeconds = (now() - startMs) / 1000;

    const labels = dataset.examples.map((e) => e.label);
    const head = buildHead(features.shape.slice(1), classes, options.seed, HEAD_FOR_FAMILY[spec.family]);
    models.push(head);
    const outcome = await trainTrial(
      { backbone: null, head },
      {
        trainInputs: features,
        views: 1,
        trainLabels: labels,
        validationInputs: features,
        validationLabels: labels,
        validationIds: dataset.examples.map((e) => e.id),
        numClasses: classes,
      },
      {
        strategy: 'feature-extraction',
        seed: options.seed,
        epochs: options.epochs,
        batchSize: options.batchSize,
        learningRate: options.learningRate,
        backboneLearningRateScale: 1,
        trainBatchNorm: false,
        signal: options.signal,
        now,
        onEpoch: (point) => {
          if (point.epoch === 0) return;
          options.onProgress?.({
            stage: 'training',
            done: point.epoch,
            total: options.epochs,
            accuracy: point.valAccuracy,
            loss: point.trainLoss,
          });
        },
      },
    );
    throwIfCancelled(options.signal);

    const { model, artifacts } = await mergeStandalone(cut, head);
    return {
      model,
      artifacts,
      labels: [...dataset.classNames],
      imageSize: size,
      preprocessing: { ...pre },
      curve: outcome.curve,
      trainAccuracy: outcome.curve[outcome.curve.length - 1].valAccuracy,
      examples: dataset.examples.length,
      embedSeconds,
      seconds: (now() - startMs) / 1000,
    };
  } finally {
    tf.dispose(tensors);
    // Views before the models they were cut from.
    for (const m of models.reverse()) m.dispose();
  }
}

/**
 * cut → head → softmax as ONE flat functional model (no nested models: tfjs does not free a nested model's weights
 * when the outer model is disposed), owning its weights. Built from private copies of `cut` and `head` (both
 * borrowed, unchanged), serialised, and loaded back, so the result shares nothing with the backbone.
 */
async function mergeStandalone(
  cut: tf.LayersModel,
  head: tf.LayersModel,
): Promise<{ model: tf.LayersModel; artifacts: ClassifierArtifacts }> {
  const features = await loadClassifierModel(await serialise(cut));
  let classifier: tf.LayersModel | null = null;
  let merged: tf.LayersModel | null = null;
  try {
    classifier = await loadClassifierModel(await serialise(head));
    let x = features.outputs[0];
    for (const layer of classifier.layers) {
      if (layer.getClassName() !== 'InputLayer') x = layer.apply(x) as tf.SymbolicTensor;
    }
    x = tf.layers.activation({ activation: 'softmax', name: 'probabilities' }).apply(x) as tf.SymbolicTensor;
    merged = tf.model({ inputs: features.inputs, outputs: x, name: 'transfer_studio_classifier' });
    const artifacts = await serialise(merged);
    return { model: await loadClassifierModel(artifacts), artifacts };
  } finally {
    // `merged` holds the only reference on the copy's feature layers and one of two on the head copy's layers.
    if (merged) merged.dispose();
    else features.dispose();
    classifier?.dispose();
  }
}

/** A model's artifacts with one weight buffer (what save handlers receive), without touching any storage. */
export async function serialise(model: tf.LayersModel): Promise<ClassifierArtifacts> {
  let saved: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const a = saved as tf.io.ModelArtifacts | null;
  if (!a || !a.modelTopology || !a.weightSpecs || !a.weightData)
    throw new Error('the classifier could not be serialised');
  const data = a.weightData;
  return {
    modelTopology: a.modelTopology as object,
    weightSpecs: a.weightSpecs,
    weightData: Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : (data as ArrayBuffer),
    format: a.format ?? 'layers-model',
    generatedBy: a.generatedBy ?? `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
    convertedBy: a.convertedBy ?? null,
  };
}

/** Loads serialised artifacts (from storage) back into a standalone model the caller owns. */
export function loadClassifierModel(artifacts: ClassifierArtifacts): Promise<tf.LayersModel> {
  return tf.loadLayersModel(tf.io.fromMemory(artifacts));
}

/**
 * Class probabilities of `images` (each row sums to 1) from a classifier made by trainClassifier, preprocessed as it
 * was trained. `model` is borrowed; nothing is left allocated.
 */
export async function classify(
  model: tf.LayersModel,
  images: readonly DecodedImage[],
  pre: Preprocessing,
  size: number,
): Promise<number[][]> {
  if (images.length === 0) return [];
  const probabilities = tf.tidy(() => model.predict(imagesToTensor(images, pre, size)) as tf.Tensor2D);
  try {
    return (await probabilities.array()) as number[][];
  } finally {
    probabilities.dispose();
  }
}
