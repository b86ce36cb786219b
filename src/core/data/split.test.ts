import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { samplePerClass, stratifiedSplit } from './split';
import { DatasetError } from './types';

/** Labels with every class 0..k−1 present (sizes 1..30 each), shuffled into an arbitrary order. */
const labelsArb = fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 2, maxLength: 8 }).chain((sizes) => {
  const labels = sizes.flatMap((n, c) => new Array<number>(n).fill(c));
  return fc.shuffledSubarray(labels, { minLength: labels.length, maxLength: labels.length });
});
const fractionArb = fc.double({ min: 0.01, max: 0.99, noNaN: true });

const countBy = (labels: readonly number[], indices: readonly number[]) => {
  const counts = new Map<number, number>();
  for (const i of indices) counts.set(labels[i], (counts.get(labels[i]) ?? 0) + 1);
  return counts;
};

describe('stratifiedSplit', () => {
  it('a hand-checked split: 10 and 4 examples at 0.3', () => {
    const labels = [...new Array(10).fill(0), ...new Array(4).fill(1)];
    const { train, validation } = stratifiedSplit(labels, 0.3, 1);
    const v = countBy(labels, validation);
    expect(v.get(0)).toBe(3); // round(3.0)
    expect(v.get(1)).toBe(1); // round(1.2)
    expect(train.length).toBe(10);
  });

  it('at least one validation and one train example per class of ≥ 2; a single example trains', () => {
    const labels = [0, 0, 1, 1, 1, 2];
    const { train, validation } = stratifiedSplit(labels, 0.05, 1);
    expect(countBy(labels, validation)).toEqual(
      new Map([
        [0, 1],
        [1, 1],
      ]),
    );
    expect(countBy(labels, train)).toEqual(
      new Map([
        [0, 1],
        [1, 2],
        [2, 1],
      ]),
    );
    const high = stratifiedSplit(labels, 0.95, 1);
    expect(countBy(labels, high.train)).toEqual(
      new Map([
        [0, 1],
        [1, 1],
        [2, 1],
      ]),
    );
  });

  it('errors name the problem: fewer than 2 classes, an empty class, a bad fraction', () => {
    expect(() => stratifiedSplit([0, 0, 0], 0.2, 1)).toThrow(DatasetError);
    expect(() => stratifiedSplit([0, 0, 0], 0.2, 1)).toThrow(/at least 2 classes.*found 1/);
    expect(() => stratifiedSplit([0, 2, 2], 0.2, 1)).toThrow(/class 1 has no examples/);
    expect(() => stratifiedSplit([0, 0, 1], 0.2, 1, ['cat', 'dog', 'bird'])).toThrow(/class "bird" has no examples/);
    expect(() => stratifiedSplit([], 0.2, 1)).toThrow(DatasetError);
    expect(() => stratifiedSplit([0, 1], 0, 1)).toThrow(RangeError);
    expect(() => stratifiedSplit([0, 1], 1, 1)).toThrow(RangeError);
    expect(() => stratifiedSplit([0, 1.5], 0.5, 1)).toThrow(RangeError);
    expect(() => stratifiedSplit([0, 1, 3], 0.5, 1, ['a', 'b'])).toThrow(RangeError);
  });

  it('property: disjoint, covering, stratified, deterministic', () => {
    fc.assert(
      fc.property(labelsArb, fractionArb, fc.integer(), (labels, fraction, seed) => {
        const split = stratifiedSplit(labels, fraction, seed);
        const all = [...split.train, ...split.validation].sort((p, q) => p - q);
        expect(all).toEqual(labels.map((_, i) => i)); // disjoint and covering
        const total = countBy(
          labels,
          labels.map((_, i) => i),
        );
        const v = countBy(labels, split.validation);
        for (const [c, n] of total) {
          const expected = n < 2 ? 0 : Math.min(n - 1, Math.max(1, Math.round(fraction * n)));
          expect(v.get(c) ?? 0).toBe(expected);
        }
        expect(stratifiedSplit(labels, fraction, seed)).toEqual(split);
      }),
      { numRuns: 200 },
    );
  });

  it('different seeds give different splits', () => {
    const labels = Array.from({ length: 100 }, (_, i) => i % 2);
    expect(stratifiedSplit(labels, 0.2, 1).validation).not.toEqual(stratifiedSplit(labels, 0.2, 2).validation);
  });
});

describe('samplePerClass', () => {
  it('takes min(perClass, n) of each class, sorted, deterministic', () => {
    const labels = [0, 1, 0, 1, 0, 2, 0, 0];
    const chosen = samplePerClass(labels, 3, 4);
    expect(countBy(labels, chosen)).toEqual(
      new Map([
        [0, 3],
        [1, 2],
        [2, 1],
      ]),
    );
    expect(chosen).toEqual([...chosen].sort((p, q) => p - q));
    expect(samplePerClass(labels, 3, 4)).toEqual(chosen);
    expect(() => samplePerClass(labels, 0, 1)).toThrow(RangeError);
  });

  it('property: a subset of distinct indices with the right count per class', () => {
    fc.assert(
      fc.property(labelsArb, fc.integer({ min: 1, max: 20 }), fc.integer(), (labels, perClass, seed) => {
        const chosen = samplePerClass(labels, perClass, seed);
        expect(new Set(chosen).size).toBe(chosen.length);
        const total = countBy(
          labels,
          labels.map((_, i) => i),
        );
        const got = countBy(labels, chosen);
        for (const [c, n] of total) expect(got.get(c)).toBe(Math.min(n, perClass));
        expect(samplePerClass(labels, perClass, seed)).toEqual(chosen);
      }),
      { numRuns: 100 },
    );
  });
});

describe('stratifiedSplit over repeats', () => {
  // Two classes of 40 (the small real set) and five of 100 (the digits preset).
  const labels = [...Array.from({ length: 40 }, () => 0), ...Array.from({ length: 40 }, () => 1)];

  it('repeat 0 is the split a single-repeat experiment always had', () => {
    expect(stratifiedSplit(labels, 0.2, 7, undefined, 0)).toEqual(stratifiedSplit(labels, 0.2, 7));
  });

  it('every repeat holds out the same number per class; 1 / fraction repeats validate every image', () => {
    const seen = new Set<number>();
    for (let repeat = 0; repeat < 5; repeat++) {
      const { train, validation } = stratifiedSplit(labels, 0.2, 7, undefined, repeat);
      expect(validation.filter((i) => labels[i] === 0)).toHaveLength(8);
      expect(validation.filter((i) => labels[i] === 1)).toHaveLength(8);
      expect(new Set([...train, ...validation]).size).toBe(labels.length);
      for (const i of validation) seen.add(i);
    }
    expect(seen.size).toBe(labels.length);
  });

  it('a class whose size is no multiple of the window still holds out v per repeat and is covered in ⌈n / v⌉', () => {
    const odd = Array.from({ length: 11 }, (_, i) => (i < 2 ? 1 : 0)).concat([1, 1]);
    const n0 = odd.filter((l) => l === 0).length; // 9 → v = round(0.2·9) = 2, ⌈9/2⌉ = 5 windows
    const seen = new Set<number>();
    for (let repeat = 0; repeat < 5; repeat++) {
      const { validation } = stratifiedSplit(odd, 0.2, 3, undefined, repeat);
      expect(validation.filter((i) => odd[i] === 0)).toHaveLength(2);
      for (const i of validation) if (odd[i] === 0) seen.add(i);
    }
    expect(seen.size).toBe(n0);
  });

  it('repeats beyond a cycle draw a new shuffle, and stay deterministic', () => {
    const cycle2 = stratifiedSplit(labels, 0.2, 7, undefined, 5);
    expect(cycle2).toEqual(stratifiedSplit(labels, 0.2, 7, undefined, 5));
    expect(cycle2.validation).not.toEqual(stratifiedSplit(labels, 0.2, 7, undefined, 0).validation);
    expect(() => stratifiedSplit(labels, 0.2, 7, undefined, -1)).toThrow(RangeError);
  });
});
