import * as tf from '@tensorflow/tfjs';
import { createRng, deriveSeed } from '../math/rng';
import { confusionMatrix } from '../metrics/confusion';
import { applyHead } from '../heads/denseHead';
import { checkpoint, throwIfCancelled, type CancelSignal } from './cancel';
import { recalibrateBatchNorm } from './batchNormCalibration';
import { evaluate, type Evaluation } from './evaluate';
import { parseStrategy } from './strategy';
import type { CurvePoint, StrategyId } from './types';

/**
 * The models one trial trains. Both are borrowed: their weights are updated in place and neither is disposed here.
 * - backbone: what runs between the cached inputs and the head. fine-tune:k → the top k blocks, rebuilt on the
 *   freeze-boundary shape and sharing weights with the loaded backbone; scratch → the whole randomly initialised
 *   cut model; feature extraction → null (the inputs already are the features).
 * - head: built by heads/denseHead.ts buildHead.
 */
export interface TrainParts {
  backbone: tf.LayersModel | null;
  head: tf.LayersModel;
}

/** The data of a trial; tensors are borrowed (not disposed), labels are class indices. */
export interface TrainData {
  /**
   * Inputs of `parts.backbone` (or of the head) for training, [views × n, ...]: view v of training example i is
   * row v·n + i. One view without augmentation.
   */
  trainInputs: tf.Tensor;
  views: number;
  trainLabels: readonly number[];
  validationInputs: tf.Tensor;
  validationLabels: readonly number[];
  validationIds: readonly string[];
  numClasses: number;
}

export interface TrainTrialOptions {
  strategy: StrategyId;
  seed: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  backboneLearningRateScale: number;
  trainBatchNorm: boolean;
  /** Seconds of one-off caching shared by this strategy's trials; added to every point from epoch 1 on. */
  cacheSeconds?: number;
  signal?: CancelSignal;
  /** Called with each new curve point (epoch 0 first). */
  onEpoch?: (point: CurvePoint) => void;
  /** Clock in milliseconds (default performance.now or Date.now). */
  now?: () => number;
}

export interface TrainTrialOutcome {
  curve: CurvePoint[];
  /** After the last epoch, on the validation set: rows = true class, columns = predicted. */
  confusion: number[][];
  misclassified: { id: string; label: number; predicted: number }[];
}

/** Forward modes: which parts run in training mode (BatchNorm batch statistics, dropout). */
export interface ForwardMode {
  backboneTraining: boolean;
  headTraining: boolean;
  dropoutSeed?: number;
}

/** Logits of the trainable parts for a batch of their inputs (a new tensor; call inside tf.tidy). */
export function forwardLogits(parts: TrainParts, inputs: tf.Tensor, mode: ForwardMode): tf.Tensor {
  const features = parts.backbone
    ? (parts.backbone.apply(inputs, { training: mode.backboneTraining }) as tf.Tensor)
    : inputs;
  return applyHead(parts.head, features, { training: mode.headTraining, dropoutSeed: mode.dropoutSeed });
}

/** Mean softmax cross-entropy of a batch (a new scalar; call inside tf.tidy). */
export function batchLoss(
  parts: TrainParts,
  inputs: tf.Tensor,
  labels: readonly number[],
  numClasses: number,
  mode: ForwardMode,
): tf.Scalar {
  const logits = forwardLogits(parts, inputs, mode);
  const oneHot = tf.oneHot(tf.tensor1d(labels as number[], 'int32'), numClasses);
  return tf.losses.softmaxCrossEntropy(oneHot, logits) as tf.Scalar;
}

const EVAL_BATCH = 64;
/** Validation runs everything in inference mode. */
const INFERENCE: ForwardMode = { backboneTraining: false, headTraining: false };

/**
 * One trial = one strategy × seed, with a custom loop rather than model.fit so that cancellation, BatchNorm mode
 * and two learning rates are under our control.
 * - Epoch 0 is an evaluation before any step. Each epoch shuffles with the seed's RNG, gathers batches from the
 *   (cached) inputs, and takes one step of two Adam optimizers: the head at learningRate, the backbone part at
 *   learningRate × backboneLearningRateScale (scratch trains everything at learningRate: nothing is pretrained).
 * - BatchNorm: fine-tuned blocks run in inference mode (moving statistics frozen, Keras guide) unless
 *   trainBatchNorm; scratch trains its backbone in training mode (random moving statistics mean nothing) and has
 *   them re-estimated before each evaluation; the head always trains in training mode (dropout).
 * - Augmentation: when there are several views, each epoch picks one view per example with the seed's RNG. The
 *   views were made once and cached like the plain inputs, for every strategy alike, so the comparison stays fair.
 * Rejects with CancelledError when the signal aborts (checked between batches). Frees its optimizers and every
 * tensor it made on every path; the weights of `parts` are the only thing it changes.
 */
export async function trainTrial(
  parts: TrainParts,
  data: TrainData,
  options: TrainTrialOptions,
): Promise<TrainTrialOutcome> {
  const strategy = parseStrategy(options.strategy);
  const now = options.now ?? defaultNow;
  const startMs = now();
  const cacheSeconds = options.cacheSeconds ?? 0;
  const n = data.trainLabels.length;
  if (data.trainInputs.shape[0] !== n * data.views) {
    throw new RangeError(`trainInputs has ${data.trainInputs.shape[0]} rows, expected ${data.views} views × ${n}`);
  }
  const scratch = strategy.kind === 'scratch';
  const backboneTraining = scratch || options.trainBatchNorm;
  const headVariables = variablesOf(parts.head);
  const backboneVariables = parts.backbone ? variablesOf(parts.backbone) : [];
  const headOptimizer = tf.train.adam(options.learningRate);
  const backboneLearningRate = scratch
    ? options.learningRate
    : options.learningRate * options.backboneLearningRateScale;
  const backboneOptimizer = tf.train.adam(backboneLearningRate);
  const shuffleRng = createRng(deriveSeed(options.seed, 'shuffle'));
  const viewRng = createRng(deriveSeed(options.seed, 'views'));

  const curve: CurvePoint[] = [];
  const record = (epoch: number, evaluation: Evaluation, trainLoss: number) => {
    const elapsed = (now() - startMs) / 1000;
    const point: CurvePoint = {
      epoch,
      valAccuracy: evaluation.accuracy,
      valLoss: evaluation.loss,
      trainLoss,
      seconds: elapsed + (epoch >= 1 ? cacheSeconds : 0),
      examplesSeen: epoch * n,
    };
    curve.push(point);
    options.onEpoch?.(point);
  };

  // Scratch is evaluated with BatchNorm statistics re-estimated on the training inputs (one view) before every
  // evaluation: after a few dozen steps its moving averages are still near their initial values, and the baseline
  // would look worse than what it learned (batchNormCalibration.ts). The time this takes counts as its own.
  const calibration =
    scratch && parts.backbone ? (data.views > 1 ? tf.slice(data.trainInputs, 0, n) : data.trainInputs) : null;
  const validate = async () => {
    if (calibration && parts.backbone)
      await recalibrateBatchNorm(parts.backbone, calibration, options.batchSize, options.signal);
    return evaluate(
      { inputs: data.validationInputs, labels: data.validationLabels, numClasses: data.numClasses },
      (x) => forwardLogits(parts, x, INFERENCE),
      { batchSize: EVAL_BATCH, signal: options.signal },
    );
  };
  try {
    throwIfCancelled(options.signal);
    let evaluation = await validate();
    record(0, evaluation, Number.NaN);
    let step = 0;
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      throwIfCancelled(options.signal);
      const order = shuffleRng.shuffle(Array.from({ length: n }, (_, i) => i));
      let lossSum = 0;
      for (let start = 0; start < n; start += options.batchSize) {
        const examples = order.slice(start, start + options.batchSize);
        const rows = examples.map((i) => (data.views > 1 ? viewRng.int(data.views) * n + i : i));
        const labels = examples.map((i) => data.trainLabels[i]);
        const mode: ForwardMode = {
          backboneTraining,
          headTraining: true,
          dropoutSeed: deriveSeed(options.seed, 'dropout', step++),
        };
        const loss = tf.tidy(() => {
          const x = tf.gather(data.trainInputs, tf.tensor1d(rows, 'int32'));
          const { value, grads } = tf.variableGrads(
            () => batchLoss(parts, x, labels, data.numClasses, mode),
            [...headVariables, ...backboneVariables],
          );
          headOptimizer.applyGradients(pick(grads, headVariables));
          if (backboneVariables.length > 0) backboneOptimizer.applyGradients(pick(grads, backboneVariables));
          return value;
        });
        try {
          lossSum += (await loss.data())[0] * examples.length;
        } finally {
          loss.dispose();
        }
        // Give queued messages (a worker's "cancel") a turn, then honour the signal.
        await checkpoint(options.signal);
      }
      evaluation = await validate();
      record(epoch, evaluation, n > 0 ? lossSum / n : Number.NaN);
    }
    return trialOutcome(curve, evaluation.predictions, data);
  } finally {
    if (calibration && calibration !== data.trainInputs) calibration.dispose();
    headOptimizer.dispose();
    backboneOptimizer.dispose();
  }
}

/** The trainable tf.Variables of a model (BatchNorm moving statistics are non-trainable and never stepped). */
function variablesOf(model: tf.LayersModel): tf.Variable[] {
  return model.trainableWeights.map((w) => w.read() as tf.Variable);
}

/** The gradients of `variables` (those that have one), in the form Optimizer.applyGradients takes. */
function pick(grads: tf.NamedTensorMap, variables: readonly tf.Variable[]): { name: string; tensor: tf.Tensor }[] {
  return variables.filter((v) => grads[v.name]).map((v) => ({ name: v.name, tensor: grads[v.name] }));
}

/**
 * A trial's outcome from its curve and the last epoch's validation predictions: the confusion matrix (rows = true
 * class) and the validation examples predicted wrongly.
 */
export function trialOutcome(
  curve: CurvePoint[],
  predictions: readonly number[],
  validation: Pick<TrainData, 'validationLabels' | 'validationIds' | 'numClasses'>,
): TrainTrialOutcome {
  const labels = validation.validationLabels;
  const confusion = confusionMatrix(labels, predictions, validation.numClasses);
  const misclassified = predictions.flatMap((predicted, i) =>
    predicted === labels[i] ? [] : [{ id: validation.validationIds[i], label: labels[i], predicted }],
  );
  return { curve, confusion, misclassified };
}

/** Milliseconds from performance.now() where there is one (monotonic), else Date.now(). */
export function defaultNow(): number {
  const performance = (globalThis as { performance?: { now(): number } }).performance;
  return performance ? performance.now() : Date.now();
}
