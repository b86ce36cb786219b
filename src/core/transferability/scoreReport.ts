/**
 * What `transfer-studio score` writes (scores.json) and the benchmark reads: the candidates with their scores,
 * each score's predicted ranking, and — when measured — the accuracies and how well each score's ranking agreed
 * with them. Plain data, versioned.
 */
import type { Dataset } from '../data/types';
import type { ExperimentConfig, ExperimentEnvironment } from '../experiment/types';
import type { IntervalMethod } from '../math/intervals';
import { rankBy, type CandidateResult, type RankAgreement, type ScoredBackbone } from './candidates';
import { SCORE_NAMES, type ScoreName } from './scores';

export const SCORE_REPORT_SCHEMA_VERSION = 1 as const;

export interface ScoreReportCandidate {
  backbone: string;
  cut: string;
  dimensions: number;
  /** logme, leep, nce, hscore, gbc, knn (kNN: its accuracy); null where not computable (no source head). */
  scores: Record<ScoreName, number | null>;
  /** 95 % intervals of the scores that are estimates with one (kNN: Wilson over the scored images). */
  intervals: { knn: [number, number] | null };
  scoreSeconds: number;
  measured?: {
    /** Feature-extraction plateau accuracy (mean of the last three epochs), mean over seeds. */
    accuracy: number;
    ci95: [number, number] | null;
    method: IntervalMethod;
    seeds: number;
    epochs: number;
  };
}

export interface ScoreReport {
  schemaVersion: typeof SCORE_REPORT_SCHEMA_VERSION;
  kind: 'transferability-scores';
  dataset: {
    name: string;
    classNames: string[];
    /** Images the scores were computed on: the training split of `split`. */
    scoredImages: number;
    split: { validationFraction: number; splitSeed: number; perClass: number | null };
  };
  imageSize: number | null;
  environment: ExperimentEnvironment;
  backbones: (ScoredBackbone & { modelUrl: string })[];
  candidates: ScoreReportCandidate[];
  /** Per score, candidate indices from the predicted best to worst. */
  ranking: Record<ScoreName, number[]>;
  /** With a measurement: the measured order and each score's Kendall τ-b and weighted τ against it. */
  measuredRanking: number[] | null;
  agreement: RankAgreement[] | null;
  seconds: number;
}

export function buildScoreReport(input: {
  dataset: Dataset;
  scoredImages: number;
  config: ExperimentConfig;
  measured: boolean;
  environment: ExperimentEnvironment;
  backbones: (ScoredBackbone & { modelUrl: string })[];
  candidates: CandidateResult[];
  agreement?: RankAgreement[];
  seconds: number;
}): ScoreReport {
  const { candidates, config } = input;
  const measuredOrder = candidates
    .map((c, i) => ({ i, v: c.measured?.accuracy.mean ?? -Infinity }))
    .sort((a, b) => b.v - a.v || a.i - b.i)
    .map(({ i }) => i);
  return {
    schemaVersion: SCORE_REPORT_SCHEMA_VERSION,
    kind: 'transferability-scores',
    dataset: {
      name: input.dataset.name,
      classNames: [...input.dataset.classNames],
      scoredImages: input.scoredImages,
      split: {
        validationFraction: config.validationFraction,
        splitSeed: config.splitSeed,
        perClass: config.perClass ?? null,
      },
    },
    imageSize: config.imageSize ?? null,
    environment: input.environment,
    backbones: input.backbones,
    candidates: candidates.map((c) => ({
      backbone: c.backbone,
      cut: c.cut,
      dimensions: c.dimensions,
      scores: c.scores,
      intervals: { knn: c.knn.ci95 },
      scoreSeconds: c.scoreSeconds,
      ...(c.measured
        ? {
            measured: {
              accuracy: c.measured.accuracy.mean,
              ci95: c.measured.accuracy.ci95,
              method: c.measured.accuracy.method,
              seeds: c.measured.seeds,
              epochs: c.measured.epochs,
            },
          }
        : {}),
    })),
    ranking: Object.fromEntries(SCORE_NAMES.map((name) => [name, rankBy(candidates, name)])) as Record<
      ScoreName,
      number[]
    >,
    measuredRanking: input.measured ? measuredOrder : null,
    agreement: input.agreement ?? null,
    seconds: input.seconds,
  };
}
