/**
 * A few-shot evaluation, shared by the CLI (`transfer-studio fewshot`) and the studio: embed the whole dataset
 * once per cut layer, then run N-way K-shot episodes for every method and K on those embeddings (episodes.ts).
 * Embeddings are computed once and reused by every episode, method and K (DESIGN.md "embed once").
 */
import type * as tf from '@tensorflow/tfjs';
import type { BackboneSpec } from '../backbones/types';
import { cutAt, rebuildAtInputSize } from '../backbones/truncate';
import type { Dataset } from '../data/types';
import type { ExperimentEnvironment } from '../experiment/types';
import { throwIfCancelled, type CancelSignal } from '../train/cancel';
import { defaultNow } from '../train/trainTrial';
import type { FewShotMethodId } from './classifiers';
import { embedDataset } from './embed';
import { checkEpisodeOptions, evaluateEpisodes, maxQueries, type EpisodeResult, type ShotGain } from './episodes';

export interface FewShotConfig {
  schemaVersion: 1;
  backbone: string;
  modelUrl?: string;
  /** Cut layers to take features at; default [the backbone's default cut]. */
  cuts?: string[];
  /** Input side in pixels; undefined = the backbone's own. */
  imageSize?: number;
  ways: number;
  shots: number[];
  /** Query images per class and episode; undefined = min(15, smallest class − largest K). */
  queries?: number;
  episodes: number;
  methods: FewShotMethodId[];
  seed: number;
}

export type FewShotEvent =
  | { type: 'fewshot.phase'; phase: 'loading' | 'embedding' | 'episodes' | 'done'; cut?: string }
  | { type: 'fewshot.progress'; phase: 'embedding' | 'episodes'; cut: string; done: number; total: number };

export interface FewShotDeps {
  dataset: Dataset;
  spec: BackboneSpec;
  /** Loads or hands over the backbone; the caller owns it (never disposed or changed here). */
  loadBackbone: () => Promise<tf.LayersModel>;
  environment: ExperimentEnvironment;
  onEvent?: (event: FewShotEvent) => void;
  signal?: CancelSignal;
  now?: () => number;
}

/** One cut's embedding pass. */
export interface CutEmbedding {
  cut: string;
  /** Length of each embedding vector. */
  dimensions: number;
  seconds: number;
}

/** Results are EpisodeResults tagged with where the features came from. */
export type FewShotResultRow = EpisodeResult & { backbone: string; cut: string };
export type FewShotShotGain = ShotGain & { backbone: string; cut: string };

/** fewshot.json. */
export interface FewShotReport {
  schemaVersion: 1;
  kind: 'fewshot';
  config: FewShotConfig & { queries: number; cuts: string[] };
  dataset: { name: string; classNames: string[]; counts: number[] };
  environment: ExperimentEnvironment;
  embeddings: CutEmbedding[];
  results: FewShotResultRow[];
  shotGains: FewShotShotGain[];
  startedAt: string;
  seconds: number;
}

/**
 * Checks the episode sizes fit `dataset` and returns the queries per class to use (config.queries, or the default
 * min(15, smallest class − largest K)). Throws RangeError naming the reason.
 */
export function checkFewShotConfig(config: FewShotConfig, dataset: Dataset): number {
  const set = { vectors: [], labels: dataset.examples.map((e) => e.label), classNames: dataset.classNames };
  const queries = config.queries ?? maxQueries(set, Math.max(...config.shots));
  checkEpisodeOptions(set, { ...config, queries });
  return queries;
}

export async function runFewShot(config: FewShotConfig, deps: FewShotDeps): Promise<FewShotReport> {
  const now = deps.now ?? defaultNow;
  const startMs = now();
  const startedAt = new Date().toISOString();
  const { dataset, spec, signal } = deps;
  const emit = (event: FewShotEvent) => deps.onEvent?.(event);
  const cuts = config.cuts && config.cuts.length > 0 ? config.cuts : [spec.defaultCut];
  const labels = dataset.examples.map((e) => e.label);
  const counts = dataset.classNames.map((_, c) => labels.filter((l) => l === c).length);
  // Bad sizes fail before anything is loaded or embedded.
  const queries = checkFewShotConfig(config, dataset);

  emit({ type: 'fewshot.phase', phase: 'loading' });
  const loaded = await deps.loadBackbone();
  const owned: tf.LayersModel[] = [];
  try {
    throwIfCancelled(signal);
    const size = config.imageSize ?? spec.preprocessing.inputSize;
    const backbone = loaded.inputs[0].shape[1] === size ? loaded : await rebuildAtInputSize(loaded, size);
    if (backbone !== loaded) owned.push(backbone);
    const embeddings: CutEmbedding[] = [];
    const results: FewShotResultRow[] = [];
    const shotGains: FewShotShotGain[] = [];
    for (const cutName of cuts) {
      emit({ type: 'fewshot.phase', phase: 'embedding', cut: cutName });
      const cut = cutAt(backbone, cutName);
      const t0 = now();
      let vectors: Float32Array[];
      try {
        vectors = await embedDataset(cut, dataset, spec, size, {
          signal,
          onProgress: (done, total) =>
            emit({ type: 'fewshot.progress', phase: 'embedding', cut: cutName, done, total }),
        });
      } finally {
        cut.dispose();
      }
      embeddings.push({ cut: cutName, dimensions: vectors[0]?.length ?? 0, seconds: (now() - t0) / 1000 });
      emit({ type: 'fewshot.phase', phase: 'episodes', cut: cutName });
      const evaluation = await evaluateEpisodes(
        { vectors, labels, classNames: dataset.classNames },
        {
          ways: config.ways,
          shots: config.shots,
          queries,
          episodes: config.episodes,
          methods: config.methods,
          seed: config.seed,
          signal,
          onProgress: (done, total) => emit({ type: 'fewshot.progress', phase: 'episodes', cut: cutName, done, total }),
        },
      );
      const tag = { backbone: spec.id, cut: cutName };
      results.push(...evaluation.results.map((r) => ({ ...tag, ...r })));
      shotGains.push(...evaluation.shotGains.map((g) => ({ ...tag, ...g })));
    }
    emit({ type: 'fewshot.phase', phase: 'done' });
    return {
      schemaVersion: 1,
      kind: 'fewshot',
      config: { ...config, queries, cuts },
      dataset: { name: dataset.name, classNames: [...dataset.classNames], counts },
      environment: deps.environment,
      embeddings,
      results,
      shotGains,
      startedAt,
      seconds: (now() - startMs) / 1000,
    };
  } finally {
    for (const model of owned) model.dispose();
  }
}
