import * as tf from '@tensorflow/tfjs';
import type { BackboneSpec, Preprocessing } from '../backbones/types';
import { cutAt, rebuildAtInputSize } from '../backbones/truncate';
import { imageBatches } from '../data/inputBatches';
import { imagesToTensor } from '../data/preprocess';
import type { Dataset, DecodedImage } from '../data/types';
import { buildHead, HEAD_FOR_FAMILY } from '../heads/denseHead';
import { computeBoundary } from './boundaryCache';
import { foldBatchNorm } from '../backbones/foldBatchNorm';
import { duplicateGroupsOf } from '../data/duplicates';
import { stratifiedSplit } from '../data/split';
import { wilsonInterval, type Estimate } from '../math/intervals';
import { throwIfCancelled, type CancelSignal } from './cancel';
import { defaultNow, forwardLogits, trainTrial, type TrainParts } from './trainTrial';
import { prepareStrategy, type PreparedStrategy } from './prepareStrategy';
import { parseStrategy } from './strategy';
import type { CurvePoint, StrategyId } from './types';

/** How the classifier is trained: the experiment's own strategies and training loop. */
export interface ClassifierOptions {
  /**
   * 'feature-extraction' (the default): a new head on the frozen cut; 'fine-tune:k': the top k blocks before the cut
   * train too (at learningRate × backboneLearningRateScale, BatchNorm statistics frozen, as in an experiment);
   * 'scratch': a randomly initialised copy of the cut plus a head. The merged model carries what was trained.
   */
  strategy?: StrategyId;
  /** Learning-rate factor of fine-tuned blocks (the experiment's `backboneLearningRateScale`; default 0.1). */
  backboneLearningRateScale?: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Seeds the head's initialiser, shuffling and dropout: the same seed and data give the same classifier. */
  seed: number;
  /** Input side in pixels; undefined = the backbone's own. */
  imageSize?: number;
  /**
   * Share of every class held out to measure the classifier, in [0, 1): a stratified split (data/split.ts, duplicates
   * and webcam bursts on one side), the classifier is trained on the rest and its held-out accuracy reported.
   * 0 (the default) trains on every example and reports no held-out accuracy.
   */
  validationFraction?: number;
  /** Seeds the held-out split (default: `seed`). */
  splitSeed?: number;
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
  /** The strategy it was trained with. */
  strategy: StrategyId;
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
  /** Accuracy per epoch on the held-out examples, or on the training examples when none are held out. */
  curve: CurvePoint[];
  /** Accuracy on the examples it was trained on, after the last epoch, in [0, 1]. */
  trainAccuracy: number;
  /**
   * Accuracy of THIS classifier on the held-out examples (never trained on), with its 95 % Wilson interval over
   * them (n = held-out examples); null when nothing was held out.
   */
  heldOut: Estimate | null;
  /** Examples it was trained on. */
  examples: number;
  embedSeconds: number;
  seconds: number;
}

/**
 * "A classifier within seconds" (DESIGN.md, webcam few-shot), trained with the experiment's strategies:
 * - feature extraction (default): embeds EVERY example once through the frozen cut at `spec.defaultCut` (in
 *   batches) and trains the family's head on those features;
 * - fine-tune:k: prepareStrategy caches the frozen part's activations and trains the top k blocks and a head;
 * - scratch: a random copy of the cut and a head, on the raw inputs.
 * All of them, or all but a held-out share measured after, with trainTrial. Then cut (with its fine-tuned blocks, or
 * scratch's copy) + head + softmax are merged into one model that runs standalone (what Teachable Machine saves as
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

  const strategy = parseStrategy(options.strategy ?? 'feature-extraction');
  const strategyName: StrategyId = options.strategy ?? 'feature-extraction';

  const models: tf.LayersModel[] = [];
  const tensors: tf.Tensor[] = [];
  let prepared: PreparedStrategy | null = null;
  let release: (() => void) | null = null;
  try {
    throwIfCancelled(options.signal);
    const sized = backbone.inputs[0].shape[1] === size ? backbone : await rebuildAtInputSize(backbone, size);
    if (sized !== backbone) models.push(sized);
    const cut = cutAt(sized, spec.defaultCut);
    models.push(cut);
    // The frozen part runs through the BatchNorm-folded copy (the merged model keeps `cut`).
    const frozenCut = await foldBatchNorm(cut);
    models.push(frozenCut);

    const labels = dataset.examples.map((e) => e.label);
    const split = heldOutSplit(dataset, options);
    const everyIndex = labels.map((_, i) => i);
    const trainIndices = split ? split.train : everyIndex;
    const validation = split ? split.validation : everyIndex;
    const trainLabels = trainIndices.map((i) => labels[i]);
    const embedding = (done: number, total: number) => options.onProgress?.({ stage: 'embedding', done, total });

    let parts: TrainParts;
    let trainInputs: tf.Tensor;
    let validationInputs: tf.Tensor;
    if (strategy.kind === 'feature-extraction') {
      // Embed every example once, a batch of images at a time; the split picks rows of the features.
      const features = await computeBoundary(
        frozenCut,
        imageBatches(
          dataset.examples.map((e) => e.image),
          pre,
          size,
        ),
        { batchSize: options.embedBatchSize, signal: options.signal, onProgress: embedding },
      );
      tensors.push(features);
      const rows = (indices: number[]) => {
        const picked = tf.gather(features, tf.tensor1d(indices, 'int32'));
        tensors.push(picked);
        return picked;
      };
      trainInputs = split ? rows(split.train) : features;
      validationInputs = split ? rows(split.validation) : features;
      const head = buildHead(features.shape.slice(1), classes, options.seed, HEAD_FOR_FAMILY[spec.family]);
      models.push(head);
      parts = { backbone: null, head };
    } else {
      // The experiment's own preparation: the frozen part's activations cached once (fine-tune:k) or the raw
      // inputs (scratch); the fine-tuned blocks share `sized`'s weights until `release` restores them.
      const images = (indices: number[]) =>
        imageBatches(
          indices.map((i) => dataset.examples[i].image),
          pre,
          size,
        );
      prepared = await prepareStrategy(strategy, {
        backbone: sized,
        cut,
        frozenCut,
        cutLayer: spec.defaultCut,
        spec,
        trainInputs: images(trainIndices),
        validationInputs: images(validation),
        numClasses: classes,
        head: HEAD_FOR_FAMILY[spec.family],
        signal: options.signal,
        onCacheProgress: embedding,
        now,
      });
      const seedParts = await prepared.partsFor(options.seed);
      release = seedParts.release;
      parts = seedParts.parts;
      ({ trainInputs, validationInputs } = prepared);
    }
    const embedSeconds = (now() - startMs) / 1000;

    const outcome = await trainTrial(
      parts,
      {
        trainInputs,
        views: 1,
        trainLabels,
        validationInputs,
        validationLabels: validation.map((i) => labels[i]),
        validationIds: validation.map((i) => dataset.examples[i].id),
        numClasses: classes,
      },
      {
        strategy: strategyName,
        seed: options.seed,
        epochs: options.epochs,
        batchSize: options.batchSize,
        learningRate: options.learningRate,
        backboneLearningRateScale: options.backboneLearningRateScale ?? 0.1,
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
    const lastAccuracy = outcome.curve[outcome.curve.length - 1].valAccuracy;
    const heldOut = split
      ? wilsonInterval(split.validation.length - outcome.misclassified.length, split.validation.length)
      : null;
    const trainAccuracy = split ? accuracyOf(parts, trainInputs, trainLabels) : lastAccuracy;

    // Fine-tuned blocks are trained in place in `sized`, so `cut` carries them until `release`; scratch trained
    // its own copy of the cut.
    const { model, artifacts } = await mergeStandalone(
      strategy.kind === 'scratch' && parts.backbone ? parts.backbone : cut,
      parts.head,
    );
    return {
      model,
      artifacts,
      strategy: strategyName,
      labels: [...dataset.classNames],
      imageSize: size,
      preprocessing: { ...pre },
      curve: outcome.curve,
      trainAccuracy,
      heldOut,
      examples: trainLabels.length,
      embedSeconds,
      seconds: (now() - startMs) / 1000,
    };
  } finally {
    release?.();
    prepared?.dispose();
    tf.dispose(tensors);
    // Views before the models they were cut from.
    for (const m of models.reverse()) m.dispose();
  }
}

/**
 * The held-out split for `options.validationFraction` > 0, null for 0 / undefined, or when it would leave no example
 * out (every class a single example).
 */
function heldOutSplit(dataset: Dataset, options: ClassifierOptions): { train: number[]; validation: number[] } | null {
  const fraction = options.validationFraction ?? 0;
  if (!(fraction > 0)) return null;
  if (!(fraction < 1)) throw new RangeError(`validationFraction must be in [0, 1), got ${fraction}`);
  const split = stratifiedSplit(
    dataset.examples.map((e) => e.label),
    fraction,
    options.splitSeed ?? options.seed,
    dataset.classNames,
    0,
    duplicateGroupsOf(dataset).groups,
  );
  return split.validation.length > 0 ? split : null;
}

/** Share of `inputs` (the trained parts' inputs) classified as `labels`, in inference mode; frees what it makes. */
function accuracyOf(parts: TrainParts, inputs: tf.Tensor, labels: readonly number[]): number {
  const predicted = tf.tidy(() =>
    forwardLogits(parts, inputs, { backboneTraining: false, headTraining: false }).argMax(-1).dataSync(),
  );
  let correct = 0;
  labels.forEach((label, i) => {
    if (predicted[i] === label) correct++;
  });
  return labels.length > 0 ? correct / labels.length : Number.NaN;
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
