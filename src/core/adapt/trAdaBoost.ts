/**
 * TrAdaBoost (Dai, Yang, Xue & Yu, ICML 2007, "Boosting for Transfer Learning"): instance transfer from many
 * labelled source rows and a few labelled target rows, on embeddings. Each round trains a base learner on all rows
 * under the current weights; source rows it gets wrong lose weight (×β, β = 1/(1 + √(2 ln n / N)), fixed), target
 * rows it gets wrong gain weight (×β_t⁻¹, β_t = ε_t/(1 − ε_t) from its weighted error ε_t on the target rows) — so
 * source rows unlike the target fade out while the hard target rows count more.
 *
 * Multi-class as commonly generalised: the output is the weighted vote of rounds ⌈N/2⌉..N with weights ln(1/β_t)
 * (for two classes this is the paper's rule Π β_t^(−h_t(x)) ≥ Π β_t^(−½)); ε_t is kept inside [10⁻³, ½ − 10⁻³] so
 * β_t stays in (0, 1). The base learner is a softmax (linear) classifier fitted to the weighted rows with 50
 * full-batch Adam steps at 10 × the configured learning rate. One "epoch" of the curve is one boosting round: the
 * validation accuracy of the vote after round t uses rounds ⌈t/2⌉..t; its loss is the cross-entropy of the vote
 * shares (clipped at 10⁻⁶). Frees what it made; rejects with CancelledError between rounds on abort.
 */
import * as tf from '@tensorflow/tfjs';
import { deriveSeed } from '../math/rng';
import { confusionMatrix } from '../metrics/confusion';
import { checkpoint, throwIfCancelled, type CancelSignal } from '../train/cancel';
import type { TrainTrialOutcome } from '../train/trainTrial';
import type { CurvePoint } from '../train/types';

export interface TrAdaBoostData {
  source: tf.Tensor2D;
  sourceLabels: readonly number[];
  /** The few labelled target rows. */
  target: tf.Tensor2D;
  targetLabels: readonly number[];
  validation: tf.Tensor2D;
  validationLabels: readonly number[];
  validationIds: readonly string[];
  numClasses: number;
}

export interface TrAdaBoostOptions {
  seed: number;
  /** Boosting rounds N. */
  rounds: number;
  learningRate: number;
  cacheSeconds?: number;
  signal?: CancelSignal;
  onEpoch?: (point: CurvePoint) => void;
  now?: () => number;
}

const BASE_STEPS = 50;
const MIN_ERROR = 1e-3;

export async function trainTrAdaBoost(data: TrAdaBoostData, options: TrAdaBoostOptions): Promise<TrainTrialOutcome> {
  const now = options.now ?? (() => Date.now());
  const startMs = now();
  const n = data.sourceLabels.length;
  const m = data.targetLabels.length;
  if (m === 0) throw new RangeError('TrAdaBoost needs at least one labelled target image');
  const rows = tf.concat([data.source, data.target], 0);
  const labels = [...data.sourceLabels, ...data.targetLabels];
  const oneHot = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), data.numClasses));
  const beta = 1 / (1 + Math.sqrt((2 * Math.log(Math.max(n, 2))) / options.rounds));
  const weights = new Float64Array(n + m).fill(1);
  const rounds: { betaT: number; validationVotes: Float32Array }[] = [];
  const curve: CurvePoint[] = [];
  const record = (epoch: number, accuracy: number, loss: number, trainLoss: number) => {
    const point: CurvePoint = {
      epoch,
      valAccuracy: accuracy,
      valLoss: loss,
      trainLoss,
      seconds: (now() - startMs) / 1000 + (epoch >= 1 ? (options.cacheSeconds ?? 0) : 0),
      examplesSeen: epoch * BASE_STEPS * (n + m),
    };
    curve.push(point);
    options.onEpoch?.(point);
  };
  let predictions: number[] = data.validationLabels.map(() => 0);
  try {
    // Before any round every class gets the same vote: chance.
    const chance = data.validationLabels.filter((y) => y === 0).length / Math.max(1, data.validationLabels.length);
    record(0, chance, Math.log(data.numClasses), Number.NaN);
    for (let t = 1; t <= options.rounds; t++) {
      throwIfCancelled(options.signal);
      const total = weights.reduce((a, b) => a + b, 0);
      const p = Float32Array.from(weights, (w) => w / total);
      const { trainPredicted, validationPredicted, loss } = await fitBase(data, rows, oneHot, p, options, t);
      let wrongTarget = 0;
      let targetMass = 0;
      for (let i = n; i < n + m; i++) {
        targetMass += p[i];
        if (trainPredicted[i] !== labels[i]) wrongTarget += p[i];
      }
      const epsilon = Math.min(0.5 - MIN_ERROR, Math.max(MIN_ERROR, wrongTarget / targetMass));
      const betaT = epsilon / (1 - epsilon);
      for (let i = 0; i < n + m; i++) {
        if (trainPredicted[i] === labels[i]) continue;
        weights[i] *= i < n ? beta : 1 / betaT;
      }
      rounds.push({ betaT, validationVotes: validationPredicted });
      const vote = voteOf(rounds.slice(Math.ceil(t / 2) - 1), data.validationLabels.length, data.numClasses);
      predictions = vote.predictions;
      const accuracy = predictions.filter((y, i) => y === data.validationLabels[i]).length / predictions.length;
      const validationLoss =
        -data.validationLabels.reduce((s, y, i) => s + Math.log(Math.max(1e-6, vote.shares[i][y])), 0) /
        Math.max(1, data.validationLabels.length);
      record(t, accuracy, validationLoss, loss);
      await checkpoint(options.signal);
    }
    const confusion = confusionMatrix(data.validationLabels, predictions, data.numClasses);
    const misclassified = predictions.flatMap((predicted, i) =>
      predicted === data.validationLabels[i]
        ? []
        : [{ id: data.validationIds[i], label: data.validationLabels[i], predicted }],
    );
    return { curve, confusion, misclassified };
  } finally {
    tf.dispose([rows, oneHot]);
  }
}

/** One weighted softmax classifier: its predictions on the training rows and the validation rows. */
async function fitBase(
  data: TrAdaBoostData,
  rows: tf.Tensor2D,
  oneHot: tf.Tensor,
  p: Float32Array,
  options: TrAdaBoostOptions,
  round: number,
): Promise<{ trainPredicted: Int32Array; validationPredicted: Float32Array; loss: number }> {
  const d = rows.shape[1];
  // Variables survive a tidy; their initial values do not need to.
  const kernel = tf.tidy(() =>
    tf.variable(
      tf.initializers
        .glorotUniform({ seed: deriveSeed(options.seed, 'tradaboost', round) })
        .apply([d, data.numClasses]),
    ),
  );
  const bias = tf.tidy(() => tf.variable(tf.zeros([data.numClasses])));
  const optimizer = tf.train.adam(options.learningRate * 10);
  const sampleWeights = tf.tensor1d(p);
  try {
    let loss = NaN;
    for (let step = 0; step < BASE_STEPS; step++) {
      const value = tf.tidy(() => {
        const cost = () =>
          tf.sum(
            tf.mul(
              sampleWeights,
              tf.losses.softmaxCrossEntropy(
                oneHot,
                tf.add(tf.matMul(rows, kernel), bias),
                undefined,
                undefined,
                tf.Reduction.NONE,
              ),
            ),
          ) as tf.Scalar;
        return optimizer.minimize(cost, true, [kernel, bias]) as tf.Scalar;
      });
      if (step === BASE_STEPS - 1) loss = (await value.data())[0];
      value.dispose();
    }
    const [trainArg, validationArg] = tf.tidy(() => [
      tf.argMax(tf.add(tf.matMul(rows, kernel), bias), 1),
      tf.argMax(tf.add(tf.matMul(data.validation, kernel), bias), 1),
    ]);
    try {
      return {
        trainPredicted: (await trainArg.data()) as Int32Array,
        validationPredicted: Float32Array.from(await validationArg.data()),
        loss,
      };
    } finally {
      tf.dispose([trainArg, validationArg]);
    }
  } finally {
    tf.dispose([kernel, bias, sampleWeights]);
    optimizer.dispose();
  }
}

/** Weighted vote (weights ln 1/β_t) of the given rounds: predicted class and vote shares per validation row. */
function voteOf(
  rounds: readonly { betaT: number; validationVotes: Float32Array }[],
  count: number,
  numClasses: number,
): { predictions: number[]; shares: number[][] } {
  const scores = Array.from({ length: count }, () => new Array<number>(numClasses).fill(0));
  for (const { betaT, validationVotes } of rounds) {
    const w = Math.log(1 / betaT);
    validationVotes.forEach((c, i) => (scores[i][c] += w));
  }
  const predictions = scores.map((s) => s.indexOf(Math.max(...s)));
  const shares = scores.map((s) => {
    const total = s.reduce((a, b) => a + b, 0);
    return s.map((v) => (total > 0 ? v / total : 1 / numClasses));
  });
  return { predictions, shares };
}
