import type { Dataset } from '../data/types';
import { summarizeCurve } from '../metrics/learningCurve';
import type { TrainTrialOutcome } from '../train/trainTrial';
import { splitRecord } from './splitDigest';
import type { ExperimentResult, SplitRecord, TrialResult } from './types';

/**
 * The parts of an ExperimentResult that runExperiment and runAdaptation assemble alike: the dataset's sizes, the
 * split record and each trial's record. Pure functions of plain data.
 */

/** One repeat's split as dataset indices (what selectExamples returns). */
export interface RepeatIndices {
  train: readonly number[];
  validation: readonly number[];
}

/** The dataset's name, classes and split sizes; every repeat has the first repeat's sizes. */
export function datasetSizes(
  dataset: Dataset,
  splits: readonly RepeatIndices[],
): Pick<ExperimentResult['dataset'], 'name' | 'classNames' | 'trainCount' | 'validationCount'> {
  return {
    name: dataset.name,
    classNames: [...dataset.classNames],
    trainCount: splits[0].train.length,
    validationCount: splits[0].validation.length,
  };
}

/** Every repeat's train and validation example ids, digested (splitDigest.ts). */
export function splitOf(dataset: Dataset, splits: readonly RepeatIndices[]): SplitRecord {
  const idsOf = (indices: readonly number[]) => indices.map((i) => dataset.examples[i].id);
  return splitRecord(
    splits.map((split, repeat) => ({ repeat, train: idsOf(split.train), validation: idsOf(split.validation) })),
  );
}

/** One trial's record: its outcome with the curve summarised against the validation set's size. */
export function trialResult(
  trial: Pick<TrialResult, 'strategy' | 'repeat' | 'seed' | 'cacheSeconds'>,
  outcome: TrainTrialOutcome,
  validationCount: number,
): TrialResult {
  return {
    strategy: trial.strategy,
    repeat: trial.repeat,
    seed: trial.seed,
    curve: outcome.curve,
    metrics: summarizeCurve(outcome.curve, { validationCount }),
    cacheSeconds: trial.cacheSeconds,
    confusion: outcome.confusion,
    misclassified: outcome.misclassified,
  };
}
