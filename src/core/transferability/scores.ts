/**
 * All transferability scores of one (backbone, cut) candidate on one labelled target set, from its embeddings
 * (and, for LEEP and NCE, the source model's class probabilities on the same images). Each score is "higher =
 * expected to transfer better"; only their ORDER across candidates means something, except kNN, an accuracy.
 * Pure numbers.
 */
import type { Estimate } from '../math/intervals';
import type { Matrix } from '../math/linalg';
import { gbc } from './gbc';
import { hScore } from './hScore';
import { leaveOneOutNearestNeighbour } from './knn';
import { centredOf, spectrumOf } from './spectrum';
import { logMe } from './logme';
import { argmaxRows, leep, nce } from './sourceHead';

export const SCORE_NAMES = ['logme', 'leep', 'nce', 'hscore', 'gbc', 'knn'] as const;
export type ScoreName = (typeof SCORE_NAMES)[number];

export interface TransferabilityScores {
  logme: number;
  /** Null without source-head probabilities. */
  leep: number | null;
  nce: number | null;
  hscore: number;
  gbc: number;
  /** Leave-one-out 1-NN accuracy (cosine), with its Wilson interval. */
  knn: Estimate;
}

export interface ScoreInput {
  /** N × D embeddings of the target images. */
  features: Matrix;
  labels: readonly number[];
  numClasses: number;
  /** N × Cs source-head probabilities (rows sum to 1), when the backbone has a source classifier. */
  sourceProbabilities?: Matrix;
}

export function transferabilityScores(input: ScoreInput): TransferabilityScores {
  const { features, labels, numClasses, sourceProbabilities } = input;
  // Two decompositions serve all: the raw features' (LogME) and the centred features' (H-score, GBC).
  const centred = centredOf(features);
  return {
    logme: logMe(features, labels, numClasses, spectrumOf(features)),
    leep: sourceProbabilities ? leep(sourceProbabilities, labels, numClasses) : null,
    nce: sourceProbabilities
      ? nce(argmaxRows(sourceProbabilities), sourceProbabilities.cols, labels, numClasses)
      : null,
    hscore: hScore(features, labels, numClasses, centred),
    gbc: gbc(features, labels, numClasses, centred),
    knn: leaveOneOutNearestNeighbour(features, labels, numClasses),
  };
}

/** The score as one number for ranking (kNN: its accuracy); null when it was not computed. */
export function scoreValue(scores: TransferabilityScores, name: ScoreName): number | null {
  const value = scores[name];
  if (value === null) return null;
  return typeof value === 'number' ? value : value.mean;
}
