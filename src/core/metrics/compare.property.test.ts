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

const CONTEXT = { validationCount: 200, numClasses: 4 };

const trialOf = (strategy: string, seed: number, accuracies: number[], cacheSeconds = 0, repeat = 0): StrategyTrial => {
  const curve = curveOf(accuracies);
  return { strategy, repeat, seed, curve, metrics: summarizeCurve(curve, { validationCount: 200 }), cacheSeconds };
};

const finiteOrNull = (x: number | null) => x === null || Number.isFinite(x);

describe('summarizeStrategies (properties)', () => {
  it('never throws, keeps every strategy once, and gives finite means for any trials', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            strategy: strategyArb,
            seed: fc.integer({ min: 1, max: 5 }),
            repeat: fc.integer({ min: 0, max: 2 }),
            curve: curveArb,
            cache: fc.double({ min: 0, max: 100, noNaN: true }),
          }),
          { maxLength: 12 },
        ),
        (trials) => {
          const summaries = summarizeStrategies(
            trials.map((r) => trialOf(r.strategy, r.seed, r.curve, r.cache, r.repeat)),
            CONTEXT,
          );
          expect(summaries.map((s) => s.strategy)).toEqual([...new Set(trials.map((r) => r.strategy))]);
          for (const s of summaries) {
            expect(s.trials).toBe(trials.filter((r) => r.strategy === s.strategy).length);
            for (const m of [s.metrics.start, s.metrics.slope, s.metrics.plateau, s.metrics.auc])
              expect(Number.isFinite(m.mean)).toBe(true);
            expect(finiteOrNull(s.metrics.asymptote.mean)).toBe(true);
            if (s.metrics.asymptote.mean === null) expect(s.metrics.asymptote.reached).toBe(false);
            if (s.negativeTransfer) expect(s.transferGain!.asymptote.ci95![1]).toBeLessThan(0);
            if (s.strategy === 'scratch' || !summaries.some((x) => x.strategy === 'scratch'))
              expect(s.transferGain).toBeNull();
            if (s.timeToAccuracy?.epochs) expect(s.timeToAccuracy.epochs.mean).toBeGreaterThanOrEqual(1);
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
          const summaries = summarizeStrategies(trials, CONTEXT);
          for (const s of summaries) {
            expect(s.negativeTransfer).toBe(false);
            if (s.strategy !== 'scratch') {
              for (const key of ['start', 'slope', 'plateau', 'asymptote', 'auc'] as const) {
                expect(s.transferGain![key].mean).toBe(0);
                expect(s.transferGain![key].direction).toBe('unclear');
              }
              expect(s.verdict!.overall).toBe('unclear');
            }
            expect(s.timeToAccuracy).toEqual(summaries[0].timeToAccuracy);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  // Issue #12: feature extraction above scratch at every epoch got an asymptote gain of −0.14.
  it('a strategy above scratch at every epoch never gets a negative plateau or asymptote gain, nor a flag', () => {
    const pairArb = fc
      .integer({ min: 3, max: 25 })
      .chain((epochs) =>
        fc.tuple(
          fc.array(fc.double({ min: 0, max: 0.9, noNaN: true }), { minLength: epochs + 1, maxLength: epochs + 1 }),
          fc.array(fc.double({ min: 0.005, max: 0.1, noNaN: true }), { minLength: epochs + 1, maxLength: epochs + 1 }),
        ),
      );
    fc.assert(
      fc.property(fc.array(pairArb, { minLength: 1, maxLength: 4 }), (pairs) => {
        const trials = pairs.flatMap(([base, lift], i) => [
          trialOf('scratch', i + 1, base),
          trialOf(
            'feature-extraction',
            i + 1,
            base.map((v, t) => Math.min(1, v + lift[t])),
          ),
        ]);
        const fe = summarizeStrategies(trials, CONTEXT).find((s) => s.strategy === 'feature-extraction')!;
        expect(fe.transferGain!.plateau.mean).toBeGreaterThan(0);
        expect(fe.transferGain!.asymptote.mean).toBeGreaterThan(0);
        expect(fe.transferGain!.auc.mean).toBeGreaterThan(0);
        expect(fe.negativeTransfer).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('confusion and accuracy (properties)', () => {
  it('accuracy from the matrix equals plain accuracy and lies in [0, 1]; per-class recall in [0, 1] or null', () => {
    const arb = fc.integer({ min: 1, max: 6 }).chain((classes) =>
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
