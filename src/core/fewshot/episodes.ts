/**
 * N-way K-shot episode evaluation, the standard few-shot protocol (Vinyals et al. 2016; ≥ 600 episodes as in
 * Snell et al. 2017 and Chen et al. 2019): each episode draws N classes, then per class Q query and K support
 * embeddings; every method classifies the queries from the support alone. The accuracy is the mean over episodes
 * with a t interval over episodes (intervals.ts, 't-episodes').
 *
 * Paired by design: episode e uses the same classes and queries for every method and every K, and the K-shot
 * support is the first K of one drawn list, so 1-shot ⊂ 5-shot ⊂ 10-shot. Differences between methods or shots
 * are then per-episode differences, and their intervals are much tighter than comparing two separate means.
 */
import { deriveSeed, createRng } from '../math/rng';
import { directionOf, tInterval, type Direction, type Estimate } from '../math/intervals';
import { checkpoint, type CancelSignal } from '../train/cancel';
import { createClassifier, type ClassifierOptions, type FewShotMethodId } from './classifiers';

/** Embedded images of a labelled dataset: vectors[i] has class labels[i] (an index into classNames). */
export interface EmbeddedSet {
  vectors: Float32Array[];
  labels: number[];
  classNames: string[];
}

export interface EpisodeOptions {
  ways: number;
  /** Support sizes per class, e.g. [1, 5, 10]. */
  shots: number[];
  queries: number;
  episodes: number;
  methods: FewShotMethodId[];
  seed: number;
  classifier?: ClassifierOptions;
  signal?: CancelSignal;
  /** Called every `progressEvery` episodes (default 50) and at the end, with episodes done and the total. */
  onProgress?: (done: number, total: number) => void;
}

export interface EpisodeResult {
  method: FewShotMethodId;
  ways: number;
  shots: number;
  queries: number;
  /** Mean accuracy over episodes, its 95 % t interval over episodes ('t-episodes') and n = episodes. */
  accuracy: Estimate;
  /** 1 / ways. */
  chance: number;
  /** Whether the interval of accuracy − chance lies above zero, below it, or includes it. */
  versusChance: Direction;
}

/** A paired difference over the same episodes: `to` − `from` accuracy of one method. */
export interface ShotGain {
  method: FewShotMethodId;
  fromShots: number;
  toShots: number;
  gain: Estimate;
  direction: Direction;
}

export interface EpisodeEvaluation {
  results: EpisodeResult[];
  shotGains: ShotGain[];
}

/** The largest number of queries per class every eligible class allows, capped at `preferred`. */
export function maxQueries(set: EmbeddedSet, maxShots: number, preferred = 15): number {
  const counts = classCounts(set);
  const smallest = Math.min(...counts.filter((c) => c > maxShots));
  return Math.min(preferred, smallest - maxShots);
}

function classCounts(set: EmbeddedSet): number[] {
  const counts = new Array<number>(set.classNames.length).fill(0);
  for (const label of set.labels) counts[label] += 1;
  return counts;
}

/** Checks the options fit the data; throws RangeError with the reason (classes too few or too small). */
export function checkEpisodeOptions(set: EmbeddedSet, options: Omit<EpisodeOptions, 'seed' | 'methods'>): void {
  const { ways, shots, queries, episodes } = options;
  const positive = (name: string, v: number) => {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a positive integer, got ${v}`);
  };
  positive('ways', ways);
  positive('queries', queries);
  positive('episodes', episodes);
  if (shots.length === 0) throw new RangeError('shots needs at least one value');
  shots.forEach((k) => positive('shots', k));
  if (ways < 2) throw new RangeError(`ways must be at least 2, got ${ways}`);
  const need = Math.max(...shots) + queries;
  const eligible = classCounts(set).filter((c) => c >= need).length;
  if (eligible < ways) {
    throw new RangeError(
      `${ways}-way episodes with ${Math.max(...shots)} shots + ${queries} queries need ${ways} classes of ≥ ${need} ` +
        `images; ${eligible} of ${set.classNames.length} classes have that many`,
    );
  }
}

interface Episode {
  /** Per way: dataset indices of its support (max K, in draw order) and of its queries. */
  support: number[][];
  query: number[][];
}

function drawEpisode(byClass: number[][], eligible: number[], options: EpisodeOptions, episode: number): Episode {
  const rng = createRng(deriveSeed(options.seed, 'episode', episode));
  const classes = rng.shuffle([...eligible]).slice(0, options.ways);
  const maxShots = Math.max(...options.shots);
  const support: number[][] = [];
  const query: number[][] = [];
  for (const c of classes) {
    const order = rng.shuffle([...byClass[c]]);
    query.push(order.slice(0, options.queries));
    support.push(order.slice(options.queries, options.queries + maxShots));
  }
  return { support, query };
}

/**
 * Runs `options.episodes` episodes and returns one result per method × K (in that order), plus the paired gain of
 * each K over the previous one per method. Yields to the event loop (and honours `signal`) every 50 episodes.
 */
export async function evaluateEpisodes(set: EmbeddedSet, options: EpisodeOptions): Promise<EpisodeEvaluation> {
  checkEpisodeOptions(set, options);
  const shots = [...new Set(options.shots)].sort((a, b) => a - b);
  const byClass: number[][] = set.classNames.map(() => []);
  set.labels.forEach((label, i) => byClass[label].push(i));
  const need = shots[shots.length - 1] + options.queries;
  const eligible = byClass.map((list, c) => (list.length >= need ? c : -1)).filter((c) => c >= 0);

  // accuracies[method][shotIndex][episode]
  const accuracies = options.methods.map(() => shots.map(() => new Array<number>(options.episodes)));
  for (let e = 0; e < options.episodes; e++) {
    const episode = drawEpisode(byClass, eligible, options, e);
    options.methods.forEach((method, mi) => {
      shots.forEach((k, si) => {
        const classifier = createClassifier(method, options.classifier);
        episode.support.forEach((indices, way) => {
          for (const i of indices.slice(0, k)) classifier.add(set.vectors[i], way);
        });
        let correct = 0;
        let total = 0;
        episode.query.forEach((indices, way) => {
          for (const i of indices) {
            if (classifier.predict(set.vectors[i]).label === way) correct++;
            total++;
          }
        });
        accuracies[mi][si][e] = correct / total;
      });
    });
    if ((e + 1) % 50 === 0 || e + 1 === options.episodes) {
      options.onProgress?.(e + 1, options.episodes);
      if (e + 1 < options.episodes) await checkpoint(options.signal);
    }
  }

  const chance = 1 / options.ways;
  const results: EpisodeResult[] = [];
  const shotGains: ShotGain[] = [];
  options.methods.forEach((method, mi) => {
    shots.forEach((k, si) => {
      const accuracy = tInterval(accuracies[mi][si], 't-episodes');
      const aboveChance = tInterval(
        accuracies[mi][si].map((a) => a - chance),
        't-episodes',
      );
      results.push({
        method,
        ways: options.ways,
        shots: k,
        queries: options.queries,
        accuracy,
        chance,
        versusChance: directionOf(aboveChance),
      });
      if (si > 0) {
        const gain = tInterval(
          accuracies[mi][si].map((a, e) => a - accuracies[mi][si - 1][e]),
          't-episodes',
        );
        shotGains.push({ method, fromShots: shots[si - 1], toShots: k, gain, direction: directionOf(gain) });
      }
    });
  });
  return { results, shotGains };
}
