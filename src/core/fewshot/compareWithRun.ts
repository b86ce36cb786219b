/**
 * The instant classifiers against a Run's trained head on the SAME held-out images (issue 15): the Run's validation
 * split of repeat 0 (experiment/runExperiment.ts selectExamples, checked against the result's split digest) is what
 * both are scored on. The trained head's correct answers come from the Run's own confusion matrix (its first trial
 * of the strategy, seed 1, repeat 0); the instant classifiers (prototypes, kNN) are fitted on the Run's training
 * images' embeddings and predict the validation ones. Each accuracy carries its Wilson 95 % interval over the
 * held-out images (math/intervals.ts). Paired: both answer the same images, so the images only one of them got
 * right are counted too (a McNemar-style view: the difference rests on those).
 */
import type { ExperimentResult } from '../experiment/types';
import { wilsonInterval, type Estimate } from '../math/intervals';
import type { StrategyId } from '../train/types';
import { createClassifier, type FewShotMethodId } from './classifiers';

/** The instant methods compared (the ridge head is a trained head of its own: left out here). */
export const COMPARED_METHODS = ['prototype-cosine', 'knn'] as const satisfies readonly FewShotMethodId[];
export type ComparedMethod = (typeof COMPARED_METHODS)[number];

export interface TrainedHeadScore {
  strategy: StrategyId;
  seed: number;
  /** Correct held-out images (the confusion matrix's trace) and the accuracy with its Wilson interval. */
  correct: number;
  accuracy: Estimate;
  /** Dataset example ids the head got wrong (the trial's misclassified list). */
  wrongIds: string[];
}

export interface InstantScore {
  method: ComparedMethod;
  correct: number;
  accuracy: Estimate;
  /** Held-out images this method got right and the trained head wrong, and the other way round. */
  onlyInstant: number;
  onlyTrained: number;
  /**
   * 'instant' / 'trained' when the two Wilson intervals do not overlap (a clear difference on these images),
   * 'none' when they overlap (no clear difference: few images, or close accuracies).
   */
  better: 'instant' | 'trained' | 'none';
}

export interface RunComparison {
  trained: TrainedHeadScore;
  instant: InstantScore[];
  /** Training and held-out images of the Run's split (repeat 0). */
  trainCount: number;
  heldOutCount: number;
}

/** The strategy compared: feature extraction (a new head on the frozen backbone) when the Run has it, else its first. */
export function comparedStrategy(result: ExperimentResult): StrategyId {
  const strategies = result.runs.map((r) => r.strategy);
  if (strategies.length === 0) throw new Error('the run has no finished training to compare with');
  return strategies.includes('feature-extraction') ? 'feature-extraction' : strategies[0];
}

/** The trained head's score on repeat 0's validation images, from the Run's own confusion matrix. */
export function trainedHeadScore(result: ExperimentResult): TrainedHeadScore {
  const strategy = comparedStrategy(result);
  const trials = result.runs.filter((r) => r.strategy === strategy && (r.repeat ?? 0) === 0);
  const trial = trials.find((r) => r.seed === 1) ?? trials[0];
  if (!trial) throw new Error(`the run has no trial of ${strategy} on its first split`);
  const n = trial.confusion.reduce((sum, row) => sum + row.reduce((s, v) => s + v, 0), 0);
  const correct = trial.confusion.reduce((sum, row, i) => sum + (row[i] ?? 0), 0);
  return {
    strategy,
    seed: trial.seed,
    correct,
    accuracy: wilsonInterval(correct, n),
    wrongIds: trial.misclassified.map((m) => m.id),
  };
}

const overlap = (a: Estimate, b: Estimate) => !a.ci95 || !b.ci95 || (a.ci95[0] <= b.ci95[1] && b.ci95[0] <= a.ci95[1]);

/**
 * Scores the instant methods on the Run's split and sets them beside its trained head. `vectors[i]` / `labels[i]`
 * / `ids[i]`: embedding, class and id of dataset example i; `train` / `validation`: the split's example indices.
 * Throws when the split holds no validation image (nothing to compare on).
 */
export function compareWithRun(
  result: ExperimentResult,
  examples: { vectors: readonly Float32Array[]; labels: readonly number[]; ids: readonly string[] },
  split: { train: readonly number[]; validation: readonly number[] },
): RunComparison {
  if (split.validation.length === 0) throw new Error('the run held out no image: nothing to compare on');
  const trained = trainedHeadScore(result);
  if (trained.accuracy.n !== split.validation.length)
    throw new Error(
      `the run scored ${trained.accuracy.n} held-out images, this split has ${split.validation.length}: not the same images`,
    );
  const trainedWrong = new Set(trained.wrongIds);
  const instant = COMPARED_METHODS.map((method): InstantScore => {
    const classifier = createClassifier(method);
    for (const i of split.train) classifier.add(examples.vectors[i], examples.labels[i]);
    let correct = 0;
    let onlyInstant = 0;
    let onlyTrained = 0;
    for (const i of split.validation) {
      const right = classifier.predict(examples.vectors[i]).label === examples.labels[i];
      const trainedRight = !trainedWrong.has(examples.ids[i]);
      if (right) correct++;
      if (right && !trainedRight) onlyInstant++;
      if (!right && trainedRight) onlyTrained++;
    }
    const accuracy = wilsonInterval(correct, split.validation.length);
    const better = overlap(accuracy, trained.accuracy)
      ? 'none'
      : accuracy.mean > trained.accuracy.mean
        ? 'instant'
        : 'trained';
    return { method, correct, accuracy, onlyInstant, onlyTrained, better };
  });
  return { trained, instant, trainCount: split.train.length, heldOutCount: split.validation.length };
}
