import * as tf from '@tensorflow/tfjs';
import { createRng, deriveSeed } from '../math/rng';
import { recalibrateBatchNorm } from '../train/batchNormCalibration';
import { checkpoint, throwIfCancelled, type CancelSignal } from '../train/cancel';
import { evaluate } from '../train/evaluate';
import { forwardLogits, type TrainParts } from '../train/trainTrial';
import type { CurvePoint } from '../train/types';

/**
 * Multi-task learning (Caruana 1997, "Multitask Learning"): one trunk, randomly initialised, with a head per task,
 * trained on the target task B and an auxiliary task A at once — each step takes a target batch and an auxiliary
 * batch, and the trunk gets the gradient of loss_B + auxiliaryWeight · loss_A. The alternative it is compared with
 * is sequential transfer: train on A first, then on B (the digits network, fine-tuned).
 *
 * An epoch is max(⌈n_B / batch⌉, ⌈n_A / batch⌉) steps, so both tasks are seen in full at least once: with few
 * target images, the target batches cycle (reshuffled each pass) while the auxiliary task is read once.
 * Everything is trained at `learningRate` in training mode (nothing is pretrained); BatchNorm statistics are
 * re-estimated on the target's training inputs before each evaluation, as for scratch. Evaluated on the target's
 * validation set only. Frees every tensor it made (the models and inputs are borrowed).
 */
export interface MultitaskData {
  trainInputs: tf.Tensor;
  trainLabels: readonly number[];
  auxiliaryInputs: tf.Tensor;
  auxiliaryLabels: readonly number[];
  validationInputs: tf.Tensor;
  validationLabels: readonly number[];
  numClasses: number;
  auxiliaryClasses: number;
}

export interface MultitaskOptions {
  seed: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  auxiliaryWeight: number;
  signal?: CancelSignal;
  now: () => number;
  onEpoch?: (point: CurvePoint) => void;
}

/** `parts.backbone` is the shared trunk, `parts.head` the target's head, `auxiliaryHead` the auxiliary task's. */
export async function trainMultitaskTrial(
  parts: TrainParts & { backbone: tf.LayersModel },
  auxiliaryHead: tf.LayersModel,
  data: MultitaskData,
  options: MultitaskOptions,
): Promise<CurvePoint[]> {
  const startMs = options.now();
  const n = data.trainLabels.length;
  const m = data.auxiliaryLabels.length;
  const steps = Math.max(Math.ceil(n / options.batchSize), Math.ceil(m / options.batchSize));
  const variables = [parts.backbone, parts.head, auxiliaryHead].flatMap((model) =>
    model.trainableWeights.map((w) => w.read() as tf.Variable),
  );
  const optimizer = tf.train.adam(options.learningRate);
  const rng = createRng(deriveSeed(options.seed, 'shuffle'));
  const auxiliaryParts: TrainParts = { backbone: parts.backbone, head: auxiliaryHead };
  const order = (count: number) => rng.shuffle(Array.from({ length: count }, (_, i) => i));
  const cycle = (count: number) => {
    let list: number[] = [];
    return (size: number) => {
      const out: number[] = [];
      while (out.length < Math.min(size, count)) {
        if (list.length === 0) list = order(count);
        out.push(list.shift()!);
      }
      return out;
    };
  };
  const nextTarget = cycle(n);
  const nextAuxiliary = cycle(m);
  const curve: CurvePoint[] = [];
  const record = async (epoch: number, trainLoss: number) => {
    await recalibrateBatchNorm(parts.backbone, data.trainInputs, options.batchSize, options.signal);
    const { accuracy, loss } = await evaluate(
      { inputs: data.validationInputs, labels: data.validationLabels, numClasses: data.numClasses },
      (x) => forwardLogits(parts, x, { backboneTraining: false, headTraining: false }),
      { batchSize: EVAL_BATCH, signal: options.signal },
    );
    const point: CurvePoint = {
      epoch,
      valAccuracy: accuracy,
      valLoss: loss,
      trainLoss,
      seconds: (options.now() - startMs) / 1000,
      examplesSeen: epoch * steps * options.batchSize,
    };
    curve.push(point);
    options.onEpoch?.(point);
  };
  try {
    throwIfCancelled(options.signal);
    await record(0, Number.NaN);
    let step = 0;
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      let lossSum = 0;
      for (let s = 0; s < steps; s++) {
        const target = nextTarget(options.batchSize);
        const auxiliary = nextAuxiliary(options.batchSize);
        const dropoutSeed = deriveSeed(options.seed, 'dropout', step++);
        const loss = tf.tidy(() => {
          const xB = tf.gather(data.trainInputs, tf.tensor1d(target, 'int32'));
          const xA = tf.gather(data.auxiliaryInputs, tf.tensor1d(auxiliary, 'int32'));
          const { value, grads } = tf.variableGrads(() => {
            const mode = { backboneTraining: true, headTraining: true, dropoutSeed };
            const lossB = crossEntropy(
              forwardLogits(parts, xB, mode),
              target.map((i) => data.trainLabels[i]),
              data.numClasses,
            );
            const lossA = crossEntropy(
              forwardLogits(auxiliaryParts, xA, mode),
              auxiliary.map((i) => data.auxiliaryLabels[i]),
              data.auxiliaryClasses,
            );
            return tf.add(lossB, tf.mul(lossA, options.auxiliaryWeight)) as tf.Scalar;
          }, variables);
          optimizer.applyGradients(Object.entries(grads).map(([name, tensor]) => ({ name, tensor })));
          return value;
        });
        try {
          lossSum += (await loss.data())[0];
        } finally {
          loss.dispose();
        }
        await checkpoint(options.signal);
      }
      await record(epoch, lossSum / steps);
    }
    return curve;
  } finally {
    optimizer.dispose();
  }
}

function crossEntropy(logits: tf.Tensor, labels: number[], classes: number): tf.Scalar {
  return tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d(labels, 'int32'), classes), logits) as tf.Scalar;
}

const EVAL_BATCH = 64;
