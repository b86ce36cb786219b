import { describe, expect, it } from 'vitest';
import { createRng, deriveSeed } from './rng';

describe('createRng', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });

  it('next() is in [0, 1) and roughly uniform', () => {
    const rng = createRng(1);
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < 10000; i++) {
      const x = rng.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      buckets[Math.floor(x * 10)]++;
    }
    for (const count of buckets) expect(Math.abs(count - 1000)).toBeLessThan(150);
  });

  it('int(n) stays in [0, n) and rejects bad n', () => {
    const rng = createRng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) seen.add(rng.int(6));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(() => rng.int(0)).toThrow(RangeError);
    expect(() => rng.int(2.5)).toThrow(RangeError);
  });

  it('shuffle is an in-place permutation, deterministic per seed', () => {
    const array = Array.from({ length: 20 }, (_, i) => i);
    const result = createRng(3).shuffle(array);
    expect(result).toBe(array);
    expect([...result].sort((p, q) => p - q)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(createRng(3).shuffle(Array.from({ length: 20 }, (_, i) => i))).toEqual(result);
  });

  it('normal() has mean ≈ 0 and variance ≈ 1', () => {
    const rng = createRng(11);
    const xs = Array.from({ length: 20000 }, () => rng.normal());
    const m = xs.reduce((p, v) => p + v, 0) / xs.length;
    const v = xs.reduce((p, x) => p + (x - m) ** 2, 0) / xs.length;
    expect(Math.abs(m)).toBeLessThan(0.03);
    expect(Math.abs(v - 1)).toBeLessThan(0.05);
    expect(xs.every(Number.isFinite)).toBe(true);
  });

  it('accepts any finite seed (negative, fractional, large)', () => {
    for (const seed of [-1, 0.5, 2 ** 40, 0]) {
      const x = createRng(seed).next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });
});

describe('deriveSeed', () => {
  it('is deterministic and separates salts', () => {
    expect(deriveSeed(1, 'augment', 3)).toBe(deriveSeed(1, 'augment', 3));
    const seeds = new Set([
      deriveSeed(1),
      deriveSeed(1, 'augment'),
      deriveSeed(1, 'augment', 3),
      deriveSeed(1, 'augment', 4),
      deriveSeed(2, 'augment', 3),
      deriveSeed(1, 'ab'),
      deriveSeed(1, 'a', 'b'),
    ]);
    expect(seeds.size).toBe(7);
  });

  it('returns an unsigned 32-bit integer usable as a seed', () => {
    const s = deriveSeed(-5, 'x');
    expect(Number.isInteger(s)).toBe(true);
    expect(s).toBeGreaterThanOrEqual(0);
    expect(s).toBeLessThan(2 ** 32);
  });
});
