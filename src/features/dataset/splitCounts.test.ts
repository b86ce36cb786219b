import { describe, expect, it } from 'vitest';
import { stratifiedSplit } from '../../core/data/split';
import { splitTotals, validationCount } from './splitCounts';

describe('validationCount', () => {
  it('matches core stratifiedSplit for every class size 1..120 and several fractions', () => {
    for (const fraction of [0.05, 0.15, 0.2, 0.5, 0.85]) {
      const sizes = Array.from({ length: 120 }, (_, i) => i + 1);
      const labels = sizes.flatMap((n, c) => Array.from({ length: n }, () => c));
      const split = stratifiedSplit(labels, fraction, 7);
      const perClass = sizes.map(() => 0);
      for (const i of split.validation) perClass[labels[i]] += 1;
      expect(sizes.map((n) => validationCount(n, fraction))).toEqual(perClass);
    }
  });

  it('totals over classes', () => {
    expect(splitTotals([40, 40, 1], 0.2)).toEqual({ train: 65, validation: 16 });
  });
});
