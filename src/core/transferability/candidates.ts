/**
 * "Which backbone, which cut?" — the candidates the studio and `transfer-studio score` compare, their scores on a
 * target dataset (embed once per backbone, every cut in the same pass), and how well each score's ranking agrees
 * with the accuracy measured afterwards (Kendall τ-b and weighted τ).
 */
import type * as tf from '@tensorflow/tfjs';
import type { BackboneSpec } from '../backbones/types';
import type { Dataset } from '../data/types';
import type { Estimate } from '../math/intervals';
import { kendallTau, weightedTau } from '../math/rankCorrelation';
import type { CancelSignal } from '../train/cancel';
import { embedForScores } from './embedForScores';
import { SCORE_NAMES, scoreValue, transferabilityScores, type ScoreName } from './scores';

/** Each backbone's default cut and two earlier block ends (2 blocks apart from 6 blocks up, else adjacent). */
export function defaultScoreCuts(spec: BackboneSpec): string[] {
  const end = spec.blockOutputs.indexOf(spec.defaultCut);
  const last = end >= 0 ? end : spec.blockOutputs.length - 1;
  const step = last + 1 >= 6 ? 2 : 1;
  return [last, last - step, last - 2 * step].filter((i) => i >= 0).map((i) => spec.blockOutputs[i]);
}

export interface CandidateResult {
  backbone: string;
  cut: string;
  /** Length of the pooled embedding. */
  dimensions: number;
  /** Every score as one number (kNN: its accuracy); LEEP and NCE null without a source classifier. */
  scores: Record<ScoreName, number | null>;
  /** The kNN accuracy with its Wilson interval over the scored images. */
  knn: Estimate;
  /** Seconds to compute the scores from the embeddings (the embedding is per backbone). */
  scoreSeconds: number;
  /** Filled by a measurement (feature extraction at this cut): the plateau accuracy with its interval. */
  measured?: { accuracy: Estimate; seeds: number; epochs: number };
}

export interface BackboneToScore {
  spec: BackboneSpec;
  /** Borrowed; never disposed here. */
  model: tf.LayersModel;
  cuts: readonly string[];
}

export interface ScoreOptions {
  /** Dataset example indices to score (e.g. the training split); all when undefined. */
  examples?: readonly number[];
  imageSize?: number;
  signal?: CancelSignal;
  onProgress?: (backbone: string, done: number, total: number) => void;
  /** Clock in milliseconds. */
  now: () => number;
}

export interface ScoredBackbone {
  backbone: string;
  embeddingSeconds: number;
  hasSourceHead: boolean;
}

/** Scores every (backbone, cut); candidates in the order given. */
export async function scoreCandidates(
  dataset: Dataset,
  backbones: readonly BackboneToScore[],
  options: ScoreOptions,
): Promise<{ candidates: CandidateResult[]; backbones: ScoredBackbone[] }> {
  const indices = options.examples ?? dataset.examples.map((_, i) => i);
  const images = indices.map((i) => dataset.examples[i].image);
  const labels = indices.map((i) => dataset.examples[i].label);
  const numClasses = dataset.classNames.length;
  const candidates: CandidateResult[] = [];
  const scored: ScoredBackbone[] = [];
  for (const { spec, model, cuts } of backbones) {
    const startMs = options.now();
    const embeddings = await embedForScores(model, spec, cuts, images, {
      imageSize: options.imageSize,
      signal: options.signal,
      onProgress: (done, total) => options.onProgress?.(spec.id, done, total),
    });
    scored.push({
      backbone: spec.id,
      embeddingSeconds: (options.now() - startMs) / 1000,
      hasSourceHead: embeddings.sourceProbabilities !== null,
    });
    for (const { cut, features } of embeddings.cuts) {
      const scoreStart = options.now();
      const scores = transferabilityScores({
        features,
        labels,
        numClasses,
        sourceProbabilities: embeddings.sourceProbabilities ?? undefined,
      });
      candidates.push({
        backbone: spec.id,
        cut,
        dimensions: features.cols,
        scores: Object.fromEntries(SCORE_NAMES.map((name) => [name, scoreValue(scores, name)])) as Record<
          ScoreName,
          number | null
        >,
        knn: scores.knn,
        scoreSeconds: (options.now() - scoreStart) / 1000,
      });
    }
  }
  return { candidates, backbones: scored };
}

/** How each score's order of the candidates agrees with their measured accuracy. */
export interface RankAgreement {
  score: ScoreName;
  /** Candidates that had both the score and a measurement. */
  candidates: number;
  kendall: number;
  weighted: number;
}

/**
 * Kendall τ-b and weighted τ between each score and the measured accuracy, over the candidates that have both
 * (a score missing for some candidates, e.g. LEEP for a model without a source head, is compared on the rest).
 * NaN when fewer than two candidates qualify or one side is constant.
 */
export function rankAgreement(candidates: readonly CandidateResult[]): RankAgreement[] {
  return SCORE_NAMES.map((score) => {
    const both = candidates.filter((c) => c.scores[score] !== null && c.measured);
    const x = both.map((c) => c.scores[score] as number);
    const y = both.map((c) => c.measured!.accuracy.mean);
    const enough = both.length >= 2;
    return {
      score,
      candidates: both.length,
      kendall: enough ? kendallTau(x, y) : NaN,
      weighted: enough ? weightedTau(x, y) : NaN,
    };
  });
}

/** Candidate indices from best to worst by `score` (null scores last, in their original order). */
export function rankBy(candidates: readonly CandidateResult[], score: ScoreName): number[] {
  return candidates
    .map((c, i) => ({ i, v: c.scores[score] }))
    .sort((a, b) => (b.v ?? -Infinity) - (a.v ?? -Infinity) || a.i - b.i)
    .map(({ i }) => i);
}
