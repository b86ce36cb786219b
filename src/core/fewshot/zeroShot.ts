/**
 * Zero-shot classification by direct attribute prediction (DAP; Lampert, Nickisch & Harmeling 2009, "Learning to
 * detect unseen object classes by between-class attribute transfer", eq. 2): one probabilistic classifier per
 * attribute, trained on embeddings of the SEEN classes with targets from their table rows; an unseen class z is
 * then scored by how well the predicted attributes match its row,
 *   score(z | x) = Σₘ log p(aₘ = aₘᶻ | x) − log p(aₘ = aₘᶻ),
 * where the prior p(aₘ = 1) is the attribute's mean over the seen classes' rows (as in the paper) and attribute
 * probabilities are clipped to [0.01, 0.99] (a fixed choice, so one overconfident attribute cannot veto a class).
 * Pure numbers (the embeddings come from core/fewshot/embed.ts).
 */
import { directionOf, wilsonInterval, type Direction, type Estimate } from '../math/intervals';
import type { AttributeTable } from './attributes';
import { fitLogistic, predictLogistic, type LogisticModel, type LogisticOptions } from './logistic';

const CLIP = 0.01;

export interface AttributeClassifiers {
  table: AttributeTable;
  /** Table row indices of the classes the classifiers learned from. */
  seen: number[];
  models: LogisticModel[];
  /** p(aₘ = 1) over the seen classes' rows. */
  priors: number[];
}

/**
 * Trains one logistic classifier per attribute on `vectors` whose labels are table row indices (all in `seen`).
 * Targets are the rows' attribute values.
 */
export function trainAttributeClassifiers(
  vectors: readonly Float32Array[],
  labels: readonly number[],
  table: AttributeTable,
  seen: readonly number[],
  options: LogisticOptions = {},
): AttributeClassifiers {
  if (labels.some((l) => !seen.includes(l))) throw new RangeError('every training label must be a seen class');
  const models = table.attributes.map((_, m) =>
    fitLogistic(
      vectors,
      labels.map((l) => table.rows[l][m]),
      options,
    ),
  );
  const priors = table.attributes.map((_, m) => seen.reduce((s, c) => s + table.rows[c][m], 0) / seen.length);
  return { table, seen: [...seen], models, priors };
}

/** p(aₘ = 1 | x) for every attribute. */
export function attributeProbabilities(classifiers: AttributeClassifiers, vector: Float32Array): number[] {
  return classifiers.models.map((model) => predictLogistic(model, vector));
}

export interface ZeroShotDecision {
  /** Table row index of the predicted class (one of `candidates`). */
  predicted: number;
  /** Posterior over `candidates` (softmax of the DAP scores), in their order. */
  posterior: number[];
  /** Per attribute: its term for the predicted class minus its term for the runner-up (> 0 = spoke for it). */
  contributions: number[];
}

/** Per-attribute log terms log p(aₘ = aₘᶻ | x) − log p(aₘ = aₘᶻ) of one class row. */
function terms(probabilities: readonly number[], row: readonly number[], priors: readonly number[]): number[] {
  return probabilities.map((p, m) => {
    const clipped = Math.min(1 - CLIP, Math.max(CLIP, p));
    const prior = Math.min(1 - CLIP, Math.max(CLIP, priors[m]));
    return row[m] === 1 ? Math.log(clipped) - Math.log(prior) : Math.log(1 - clipped) - Math.log(1 - prior);
  });
}

/**
 * The DAP decision among `candidates` (table row indices, usually the unseen classes) for attribute probabilities
 * `probabilities`, with `rows` the (possibly edited) class rows and `priors` from training.
 */
export function decideZeroShot(
  probabilities: readonly number[],
  rows: readonly (readonly number[])[],
  candidates: readonly number[],
  priors: readonly number[],
): ZeroShotDecision {
  const perClass = candidates.map((c) => terms(probabilities, rows[c], priors));
  const scores = perClass.map((t) => t.reduce((a, b) => a + b, 0));
  const order = scores.map((s, i) => ({ s, i })).sort((a, b) => b.s - a.s || a.i - b.i);
  const best = order[0].i;
  const second = order[1]?.i ?? best;
  const max = scores[best];
  const exps = scores.map((s) => Math.exp(s - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return {
    predicted: candidates[best],
    posterior: exps.map((e) => e / total),
    contributions: perClass[best].map((t, m) => t - perClass[second][m]),
  };
}

export interface ZeroShotClassResult {
  /** Table row index and name. */
  index: number;
  name: string;
  accuracy: Estimate;
  /** Mean predicted p(aₘ = 1) over this class's test images, per attribute (compare with its row). */
  meanAttributes: number[];
}

export interface ZeroShotEvaluation {
  /** Share of test images of the candidates recognised, Wilson 95 % interval over test images. */
  accuracy: Estimate;
  chance: number;
  /** Whether the interval lies above chance, below it, or includes it. */
  versusChance: Direction;
  perClass: ZeroShotClassResult[];
  /** confusion[i][j]: test images of candidate i predicted as candidate j. */
  confusion: number[][];
  /** Per attribute: how often its thresholded prediction (p > 0.5) matches the true class's row, Wilson interval. */
  attributeAccuracy: Estimate[];
  /** Per attribute: mean contribution to the decisions (see ZeroShotDecision), over all test images. */
  meanContributions: number[];
}

/** Evaluates DAP on test embeddings whose labels are table row indices among `candidates`. */
export function evaluateZeroShot(
  classifiers: AttributeClassifiers,
  vectors: readonly Float32Array[],
  labels: readonly number[],
  candidates: readonly number[],
  rows: readonly (readonly number[])[] = classifiers.table.rows,
): ZeroShotEvaluation {
  const m = classifiers.table.attributes.length;
  const k = candidates.length;
  const confusion = candidates.map(() => new Array<number>(k).fill(0));
  const attributeHits = new Array<number>(m).fill(0);
  const contributionSums = new Array<number>(m).fill(0);
  const attributeSums = candidates.map(() => new Array<number>(m).fill(0));
  vectors.forEach((vector, i) => {
    const truth = candidates.indexOf(labels[i]);
    if (truth < 0) throw new RangeError(`test label ${labels[i]} is not a candidate class`);
    const p = attributeProbabilities(classifiers, vector);
    const decision = decideZeroShot(p, rows, candidates, classifiers.priors);
    confusion[truth][candidates.indexOf(decision.predicted)] += 1;
    p.forEach((value, a) => {
      if ((value > 0.5 ? 1 : 0) === rows[labels[i]][a]) attributeHits[a] += 1;
      attributeSums[truth][a] += value;
      contributionSums[a] += decision.contributions[a];
    });
  });
  const n = vectors.length;
  const correct = confusion.reduce((s, row, i) => s + row[i], 0);
  const accuracy = wilsonInterval(correct, n);
  const chance = 1 / k;
  const shifted: Estimate = {
    ...accuracy,
    mean: accuracy.mean - chance,
    ci95: accuracy.ci95 ? [accuracy.ci95[0] - chance, accuracy.ci95[1] - chance] : null,
  };
  return {
    accuracy,
    chance,
    versusChance: directionOf(shifted),
    perClass: candidates.map((c, i) => {
      const count = confusion[i].reduce((a, b) => a + b, 0);
      return {
        index: c,
        name: classifiers.table.classes[c],
        accuracy: wilsonInterval(confusion[i][i], count),
        meanAttributes: attributeSums[i].map((s) => (count > 0 ? s / count : NaN)),
      };
    }),
    confusion,
    attributeAccuracy: attributeHits.map((hits) => wilsonInterval(hits, n)),
    meanContributions: contributionSums.map((s) => s / n),
  };
}

/** One test image's decision, for showing predictions on real images. */
export interface ZeroShotExample {
  /** Index into the test vectors. */
  index: number;
  /** Table row index of its true class and of the predicted one. */
  truth: number;
  predicted: number;
  /** Posterior over the candidates (in their order). */
  posterior: number[];
  /** p(aₘ = 1 | x) per attribute. */
  attributes: number[];
  /** Per attribute: its term for the predicted class minus its term for the runner-up (> 0 = spoke for it). */
  contributions: number[];
}

/** The decisions on test images `indices` with class rows `rows` (possibly edited). */
export function explainExamples(
  classifiers: AttributeClassifiers,
  vectors: readonly Float32Array[],
  labels: readonly number[],
  candidates: readonly number[],
  indices: readonly number[],
  rows: readonly (readonly number[])[] = classifiers.table.rows,
): ZeroShotExample[] {
  return indices.map((index) => {
    const attributes = attributeProbabilities(classifiers, vectors[index]);
    const decision = decideZeroShot(attributes, rows, candidates, classifiers.priors);
    return {
      index,
      truth: labels[index],
      predicted: decision.predicted,
      posterior: decision.posterior,
      attributes,
      contributions: decision.contributions,
    };
  });
}

/** Pairs of `candidates` (table row indices, in candidate order) with identical rows: DAP cannot tell them apart. */
export function identicalRows(rows: readonly (readonly number[])[], candidates: readonly number[]): [number, number][] {
  const pairs: [number, number][] = [];
  candidates.forEach((a, i) =>
    candidates.slice(i + 1).forEach((b) => {
      if (rows[a].join(',') === rows[b].join(',')) pairs.push([a, b]);
    }),
  );
  return pairs;
}
