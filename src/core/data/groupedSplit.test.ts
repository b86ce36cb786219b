import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stratifiedSplit } from './split';

/**
 * Group-aware splits (issue 13, item 5): every group (duplicates, near duplicates, a webcam burst) on ONE side of
 * every split and every repeat; without groups, or with every example alone, exactly the ungrouped split.
 */
const sideOf = (split: { validation: number[] }, i: number) => (split.validation.includes(i) ? 'v' : 't');

describe('stratifiedSplit with groups', () => {
  it('keeps each group on one side in every repeat, and still holds out about the fraction', () => {
    // 2 classes × 20 examples; class 0 has a burst of 6 (0–5) and a pair of copies (10, 11).
    const labels = [...new Array(20).fill(0), ...new Array(20).fill(1)];
    const groups = labels.map((_, i) => (i <= 5 ? 0 : i === 11 ? 10 : i));
    for (let repeat = 0; repeat < 8; repeat++) {
      const split = stratifiedSplit(labels, 0.2, 7, undefined, repeat, groups);
      expect(new Set([0, 1, 2, 3, 4, 5].map((i) => sideOf(split, i))).size).toBe(1);
      expect(sideOf(split, 10)).toBe(sideOf(split, 11));
      const held0 = split.validation.filter((i) => labels[i] === 0).length;
      expect(held0).toBeGreaterThanOrEqual(1);
      expect(held0).toBeLessThanOrEqual(4 + 5); // the window, plus at most one overhanging burst
      expect(split.validation.filter((i) => labels[i] === 1)).toHaveLength(4);
      expect([...split.train, ...split.validation].sort((a, b) => a - b)).toEqual(labels.map((_, i) => i));
    }
  });

  it('is exactly the ungrouped split when every example is alone', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 8, maxLength: 60 }),
        fc.integer({ min: 0, max: 6 }),
        (raw, repeat) => {
          const labels = raw.map((l, i) => (i < 4 ? i % 2 : l % 2));
          const alone = labels.map((_, i) => i);
          expect(stratifiedSplit(labels, 0.25, 3, undefined, repeat, alone)).toEqual(
            stratifiedSplit(labels, 0.25, 3, undefined, repeat),
          );
        },
      ),
    );
  });

  it('never leaves a class of two groups or more without a validation or a training example', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 2, maxLength: 6 }), fc.nat(9), (sizes, r) => {
        // Class 0 made of groups of the given sizes; class 1 of 5 examples alone.
        const labels: number[] = [];
        const groups: number[] = [];
        sizes.forEach((size) => {
          const id = labels.length;
          for (let k = 0; k < size; k++) {
            labels.push(0);
            groups.push(id);
          }
        });
        for (let k = 0; k < 5; k++) {
          groups.push(labels.length);
          labels.push(1);
        }
        const split = stratifiedSplit(labels, 0.2, 1, undefined, r, groups);
        expect(split.validation.some((i) => labels[i] === 0)).toBe(true);
        expect(split.train.some((i) => labels[i] === 0)).toBe(true);
        for (const group of new Set(groups)) {
          const members = groups.flatMap((g, i) => (g === group ? [i] : []));
          expect(new Set(members.map((i) => sideOf(split, i))).size).toBe(1);
        }
      }),
    );
  });

  it('a group spanning two classes (the same picture labelled twice) stays together too', () => {
    const labels = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
    const groups = [0, 1, 2, 3, 4, 0, 6, 7, 8, 9]; // example 5 (class 1) is example 0 again
    for (let repeat = 0; repeat < 5; repeat++) {
      const split = stratifiedSplit(labels, 0.2, 2, undefined, repeat, groups);
      expect(sideOf(split, 0)).toBe(sideOf(split, 5));
    }
  });
});
