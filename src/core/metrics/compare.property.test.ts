import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { summarizeStrategies, type StrategyTrial } from './compare';
import { accuracy, accuracyFromConfusion, confusionMatrix, perClassAccuracy } from './confusion';
import { summarizeCurve } from './learningCurve';
import { curveOf } from './testCurves';

/**
 * Properties of the comparison the summary table shows (docs/guarantees.md): it never throws on any curves, it
 * flags nothing when every strategy learned exactly the same curves, and accuracies stay in [0, 1].
 */
const accuracyArb = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(NaN, 0, 1));
const curveArb = fc.array(accuracyArb, { minLength: 1, maxLength: 25 });
const strategyArb = fc.constantFrom('scratch', 'feature-extraction', 'fine-tune:1', 'fine-tune:3');

const trialOf = (strategy: string, seed: number, accuracies: number[], cacheSeconds = 0): StrategyTrial => {
  const curve = curveOf(accuracies);
  return { strategy, seed, curve, metrics: summarizeCurve(curve), cacheSeconds };
};

describe('summarizeStrategies (properties)', () => {
  it('never throws, keeps every strategy once, and gives finite means for any trials', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            strategy: strategyArb,
            seed: fc.integer({ min: 1, max: 5 }),
            curve: curveArb,
            cache: fc.double({ min: 0, max: 100, noNaN: true }),
          }),
          {
            maxLength: 12,
          },
        ),
        (trials) => {
          const summaries = summarizeStrategies(trials.map((r) => trialOf(r.strategy, r.seed, r.curve, r.cache)));
          expect(summaries.map((s) => s.strategy)).toEqual([...new Set(trials.map((r) => r.strategy))]);
          for (const s of summaries) {
            expect(s.seeds).toBe(trials.filter((r) => r.strategy === s.strategy).length);
            for (const m of Object.values(s.metrics)) expect(Number.isFinite(m.mean)).toBe(true);
            if (s.negativeTransfer) expect(s.negativeTransferReason).toMatch(/below scratch/);
            if (s.strategy === 'scratch' || !summaries.some((x) => x.strategy === 'scratch'))
              expect(s.transferGain).toBeNull();
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('flags nothing and gains nothing when every strategy has the same curves as scratch', () => {
    fc.assert(
      fc.property(
        fc.array(curveArb, { minLength: 1, maxLength: 4 }),
        fc.uniqueArray(strategyArb, { minLength: 1, maxLength: 4 }),
        (curves, strategies) => {
          const all = ['scratch', ...strategies.filter((s) => s !== 'scratch')];
          const trials = all.flatMap((strategy) => curves.map((c, i) => trialOf(strategy, i + 1, c)));
          const summaries = summarizeStrategies(trials);
          for (const s of summaries) {
            expect(s.negativeTransfer).toBe(false);
            if (s.strategy !== 'scratch') expect(s.transferGain).toEqual({ start: 0, auc: 0, asymptote: 0 });
            expect(s.timeToAccuracy).toEqual(summaries[0].timeToAccuracy);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('confusion and accuracy (properties)', () => {
  it('accuracy from the matrix equals plain accuracy and lies in [0, 1]; per-class recall in [0, 1] or null', () => {
    const arb = fc
      .integer({ min: 1, max: 6 })
      .chain((classes) =>
        fc
          .array(fc.tuple(fc.integer({ min: 0, max: classes - 1 }), fc.integer({ min: 0, max: classes - 1 })), {
            maxLength: 60,
          })
          .map((pairs) => ({ classes, pairs })),
      );
    fc.assert(
      fc.property(arb, ({ classes, pairs }) => {
        const labels = pairs.map((p) => p[0]);
        const predictions = pairs.map((p) => p[1]);
        const matrix = confusionMatrix(labels, predictions, classes);
        const acc = accuracyFromConfusion(matrix);
        expect(acc).toBeCloseTo(accuracy(labels, predictions), 12);
        expect(acc).toBeGreaterThanOrEqual(0);
        expect(acc).toBeLessThanOrEqual(1);
        expect(matrix.flat().reduce((a, b) => a + b, 0)).toBe(pairs.length);
        for (const recall of perClassAccuracy(matrix))
          if (recall !== null) expect(recall >= 0 && recall <= 1).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
