/**
 * One trial of a domain-adaptation strategy on cached embeddings: a small network — a ReLU bottleneck, dropout and
 * a linear classifier — trained on labelled rows, with (for DAN, Deep CORAL and DANN) an adaptation loss between
 * the bottleneck features of each labelled source batch and a batch of unlabelled target rows. Validation is always
 * on labelled TARGET images. Every method trains the same network with the same optimiser, batches and epochs, so
 * only the loss differs (the fair comparison DESIGN.md asks of strategies).
 *
 * - source-only: cross-entropy on the source (the floor).
 * - coral: the same on source rows CORAL-aligned beforehand (coralAlign: closed form, Sun et al. 2016).
 * - deep-coral / dan: + w·(CORAL loss / multi-kernel MMD²) between bottleneck batches (Sun & Saenko 2016; Long et
 *   al. 2015).
 * - dann: + the loss of a domain classifier (64 ReLU units → 1) behind a gradient-reversal layer of strength w
 *   (Ganin et al. 2016).
 * - oracle: cross-entropy on labelled target rows (the ceiling).
 * The weight w follows DANN's schedule w·(2/(1 + e^(−10p)) − 1) over training progress p (all three methods),
 * with Adam at a fixed learning rate (the paper's learning-rate annealing is left out).
 * Frees everything it made on every path; rejects with CancelledError between batches on abort.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng, deriveSeed } from '../math/rng';
import { checkpoint, throwIfCancelled, type CancelSignal } from '../train/cancel';
import { evaluate, type Evaluation } from '../train/evaluate';
import { trialOutcome, type TrainTrialOutcome } from '../train/trainTrial';
import type { CurvePoint } from '../train/types';
import { adaptationRamp, coralLoss, mmdLoss, reverseGradient } from './losses';

export const ADAPTATION_METHODS = ['source-only', 'coral', 'deep-coral', 'dan', 'dann', 'oracle'] as const;
export type AdaptationMethod = (typeof ADAPTATION_METHODS)[number];

/** Tensors are borrowed (never disposed here); rows are pooled embeddings [n, d]. */
export interface AdaptationData {
  /** Labelled rows the classifier learns from: source (CORAL-aligned for 'coral'), or target for 'oracle'. */
  train: tf.Tensor2D;
  trainLabels: readonly number[];
  /** Unlabelled target rows for the adaptation losses (read by deep-coral, dan and dann only). */
  target: tf.Tensor2D;
  validation: tf.Tensor2D;
  validationLabels: readonly number[];
  validationIds: readonly string[];
  numClasses: number;
}

export interface AdaptationOptions {
  method: AdaptationMethod;
  seed: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Final weight w of the adaptation loss; default 1. */
  adaptationWeight?: number;
  /**
   * Optimiser steps per epoch; default one pass over `train`. The runner gives every method the steps of one pass
   * over the SOURCE, so the oracle (a few labelled target rows, cycled) gets the same training budget.
   */
  stepsPerEpoch?: number;
  /** Bottleneck width; default 128. */
  bottleneckUnits?: number;
  cacheSeconds?: number;
  signal?: CancelSignal;
  onEpoch?: (point: CurvePoint) => void;
  now?: () => number;
}

const DROPOUT = 0.25;
const EVAL_BATCH = 128;

export async function trainAdaptationTrial(
  data: AdaptationData,
  options: AdaptationOptions,
): Promise<TrainTrialOutcome> {
  const now = options.now ?? (() => Date.now());
  const startMs = now();
  const n = data.trainLabels.length;
  if (data.train.shape[0] !== n) throw new RangeError(`${data.train.shape[0]} training rows for ${n} labels`);
  const d = data.train.shape[1];
  const weight = options.adaptationWeight ?? 1;
  const adapts = options.method === 'dan' || options.method === 'deep-coral' || options.method === 'dann';
  const init = (salt: string) => tf.initializers.glorotUniform({ seed: deriveSeed(options.seed, 'adapt', salt) });
  const units = options.bottleneckUnits ?? 128;
  const layers = {
    bottleneck: tf.layers.dense({ units, activation: 'relu', kernelInitializer: init('bottleneck'), inputShape: [d] }),
    classifier: tf.layers.dense({ units: data.numClasses, kernelInitializer: 'zeros' }),
    domainHidden: tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: init('domain-hidden') }),
    domainOut: tf.layers.dense({ units: 1, kernelInitializer: init('domain-out') }),
  };
  const optimizer = tf.train.adam(options.learningRate);
  const shuffle = createRng(deriveSeed(options.seed, 'shuffle'));
  const targetDraw = createRng(deriveSeed(options.seed, 'target-batches'));
  const nt = data.target.shape[0];
  try {
    // Build every layer once so its variables exist before the first gradient.
    tf.tidy(() => {
      const f = layers.bottleneck.apply(tf.zeros([1, d])) as tf.Tensor;
      layers.classifier.apply(f);
      layers.domainOut.apply(layers.domainHidden.apply(f) as tf.Tensor);
    });
    const variables = [
      layers.bottleneck,
      layers.classifier,
      ...(options.method === 'dann' ? [layers.domainHidden, layers.domainOut] : []),
    ]
      .flatMap((layer) => layer.trainableWeights)
      .map((w) => w.read() as tf.Variable);

    const curve: CurvePoint[] = [];
    const record = (epoch: number, evaluation: Evaluation, trainLoss: number) => {
      const point: CurvePoint = {
        epoch,
        valAccuracy: evaluation.accuracy,
        valLoss: evaluation.loss,
        trainLoss,
        seconds: (now() - startMs) / 1000 + (epoch >= 1 ? (options.cacheSeconds ?? 0) : 0),
        examplesSeen: epoch * (options.stepsPerEpoch ? options.stepsPerEpoch * options.batchSize : n),
      };
      curve.push(point);
      options.onEpoch?.(point);
    };
    const classify = (x: tf.Tensor, dropoutSeed?: number) => {
      const features = layers.bottleneck.apply(x) as tf.Tensor2D;
      const dropped = dropoutSeed === undefined ? features : tf.dropout(features, DROPOUT, undefined, dropoutSeed);
      return { features, logits: layers.classifier.apply(dropped) as tf.Tensor2D };
    };

    const validate = () =>
      evaluate(
        { inputs: data.validation, labels: data.validationLabels, numClasses: data.numClasses },
        (x) => classify(x).logits,
        { batchSize: EVAL_BATCH, signal: options.signal },
      );
    throwIfCancelled(options.signal);
    let evaluation = await validate();
    record(0, evaluation, Number.NaN);
    const stepsPerEpoch = options.stepsPerEpoch ?? Math.ceil(n / options.batchSize);
    const totalSteps = stepsPerEpoch * options.epochs;
    let step = 0;
    let targetOrder: number[] = [];
    const nextTargetRows = (count: number) => {
      const rows: number[] = [];
      while (rows.length < count) {
        if (targetOrder.length === 0) targetOrder = targetDraw.shuffle(Array.from({ length: nt }, (_, i) => i));
        rows.push(targetOrder.pop()!);
      }
      return rows;
    };
    let order: number[] = [];
    const nextTrainRows = () => {
      const rows: number[] = [];
      while (rows.length < Math.min(options.batchSize, n)) {
        if (order.length === 0) order = shuffle.shuffle(Array.from({ length: n }, (_, i) => i));
        rows.push(order.pop()!);
      }
      return rows;
    };
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      let lossSum = 0;
      let seen = 0;
      for (let s = 0; s < stepsPerEpoch; s++) {
        const rows = nextTrainRows();
        const labels = rows.map((i) => data.trainLabels[i]);
        const targetRows = adapts && nt > 1 ? nextTargetRows(rows.length) : [];
        const w = weight * adaptationRamp(step / Math.max(1, totalSteps));
        const dropoutSeed = deriveSeed(options.seed, 'dropout', step++);
        const loss = tf.tidy(() => {
          const xs = tf.gather(data.train, tf.tensor1d(rows, 'int32'));
          const xt = targetRows.length > 0 ? tf.gather(data.target, tf.tensor1d(targetRows, 'int32')) : null;
          const { value, grads } = tf.variableGrads(() => {
            const { features, logits } = classify(xs, dropoutSeed);
            const oneHot = tf.oneHot(tf.tensor1d(labels, 'int32'), data.numClasses);
            let total = tf.losses.softmaxCrossEntropy(oneHot, logits) as tf.Scalar;
            if (xt) {
              const ft = layers.bottleneck.apply(xt) as tf.Tensor2D;
              if (options.method === 'dan') total = tf.add(total, tf.mul(w, mmdLoss(features, ft)));
              if (options.method === 'deep-coral') total = tf.add(total, tf.mul(w, coralLoss(features, ft)));
              if (options.method === 'dann') total = tf.add(total, domainLoss(features, ft, w));
            }
            return total;
          }, variables);
          optimizer.applyGradients(Object.entries(grads).map(([name, tensor]) => ({ name, tensor })));
          return value;
        });
        try {
          lossSum += (await loss.data())[0] * rows.length;
          seen += rows.length;
        } finally {
          loss.dispose();
        }
        await checkpoint(options.signal);
      }
      evaluation = await validate();
      record(epoch, evaluation, seen > 0 ? lossSum / seen : Number.NaN);
    }
    return trialOutcome(curve, evaluation.predictions, data);
  } finally {
    optimizer.dispose();
    Object.values(layers).forEach((layer) => layer.built && layer.dispose());
  }

  /** Sigmoid cross-entropy of the domain classifier (source 1, target 0) behind the gradient reversal. */
  function domainLoss(fs: tf.Tensor2D, ft: tf.Tensor2D, lambda: number): tf.Scalar {
    const features = reverseGradient(tf.concat([fs, ft], 0), lambda);
    const logits = layers.domainOut.apply(layers.domainHidden.apply(features) as tf.Tensor) as tf.Tensor;
    const domains = tf.concat([tf.ones([fs.shape[0], 1]), tf.zeros([ft.shape[0], 1])], 0);
    return tf.losses.sigmoidCrossEntropy(domains, logits) as tf.Scalar;
  }
}
