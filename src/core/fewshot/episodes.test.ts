import { describe, expect, it } from 'vitest';
import { createRng } from '../math/rng';
import { checkEpisodeOptions, evaluateEpisodes, maxQueries, type EmbeddedSet } from './episodes';

/**
 * Synthetic embeddings: class c is a random unit direction plus Gaussian noise of `noise` per coordinate, so one
 * example is a noisy prototype and more shots average the noise away.
 */
function clusters(classes: number, perClass: number, dim: number, noise: number, seed = 7): EmbeddedSet {
  const rng = createRng(seed);
  const centres = Array.from({ length: classes }, () => Array.from({ length: dim }, () => rng.normal()));
  const vectors: Float32Array[] = [];
  const labels: number[] = [];
  centres.forEach((centre, c) => {
    for (let i = 0; i < perClass; i++) {
      vectors.push(Float32Array.from(centre, (x) => x + noise * rng.normal()));
      labels.push(c);
    }
  });
  return { vectors, labels, classNames: centres.map((_, c) => `class ${c}`) };
}

describe('episodes', () => {
  it('more shots beat one shot, both above chance, with intervals over episodes', async () => {
    const set = clusters(10, 20, 16, 1.2);
    const { results, shotGains } = await evaluateEpisodes(set, {
      ways: 5,
      shots: [5, 1],
      queries: 5,
      episodes: 200,
      methods: ['prototype-cosine', 'knn'],
      seed: 1,
    });
    expect(results.map((r) => [r.method, r.shots])).toEqual([
      ['prototype-cosine', 1],
      ['prototype-cosine', 5],
      ['knn', 1],
      ['knn', 5],
    ]);
    for (const r of results) {
      expect(r.accuracy.method).toBe('t-episodes');
      expect(r.accuracy.n).toBe(200);
      expect(r.chance).toBe(0.2);
      expect(r.versusChance).toBe('above');
      expect(r.accuracy.ci95![0]).toBeLessThan(r.accuracy.mean);
    }
    const proto = shotGains.find((g) => g.method === 'prototype-cosine')!;
    expect([proto.fromShots, proto.toShots, proto.direction]).toEqual([1, 5, 'above']);
    expect(results[1].accuracy.mean).toBeGreaterThan(results[0].accuracy.mean);
  });

  it('pure noise stays at chance: the interval includes it', async () => {
    // Many examples, so this one draw of noise has (nearly) no structure for the episodes to find.
    const set = clusters(6, 200, 8, 1000);
    const { results } = await evaluateEpisodes(set, {
      ways: 3,
      shots: [1],
      queries: 4,
      episodes: 300,
      methods: ['prototype-euclidean'],
      seed: 3,
    });
    expect(results[0].versusChance).toBe('unclear');
    expect(Math.abs(results[0].accuracy.mean - 1 / 3)).toBeLessThan(0.05);
  });

  it('is repeatable from its seed and reports progress', async () => {
    const set = clusters(5, 8, 4, 1);
    const progress: number[] = [];
    const options = { ways: 3, shots: [1, 2], queries: 3, episodes: 120, methods: ['ridge' as const], seed: 9 };
    const a = await evaluateEpisodes(set, { ...options, onProgress: (done) => progress.push(done) });
    const b = await evaluateEpisodes(set, options);
    expect(a).toEqual(b);
    expect(progress).toEqual([50, 100, 120]);
  });

  it('says which classes are too small for the episode', () => {
    const set = clusters(4, 6, 2, 1);
    expect(() => checkEpisodeOptions(set, { ways: 5, shots: [1], queries: 1, episodes: 1 })).toThrow(
      /need 5 classes of ≥ 2 images; 4 of 4/,
    );
    expect(() => checkEpisodeOptions(set, { ways: 2, shots: [5], queries: 2, episodes: 1 })).toThrow(RangeError);
    expect(() => checkEpisodeOptions(set, { ways: 2, shots: [], queries: 2, episodes: 1 })).toThrow(/shots/);
    expect(maxQueries(set, 4)).toBe(2);
  });

  it('stops when cancelled', async () => {
    const set = clusters(5, 8, 4, 1);
    const signal = { aborted: false };
    const run = evaluateEpisodes(set, {
      ways: 3,
      shots: [1],
      queries: 3,
      episodes: 10_000,
      methods: ['knn'],
      seed: 1,
      signal,
      onProgress: () => (signal.aborted = true),
    });
    await expect(run).rejects.toThrow(/cancel/i);
  });
});
