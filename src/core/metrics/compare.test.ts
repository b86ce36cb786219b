import { describe, expect, it } from 'vitest';
import { summarizeStrategies, type StrategyTrial } from './compare';
import { summarizeCurve } from './learningCurve';
import { curveOf } from './testCurves';
import { repeatInterval, tInterval } from '../math/intervals';

const CONTEXT = { validationCount: 250, numClasses: 5 };

function trial(strategy: string, seed: number, accuracies: number[], repeat = 0, cacheSeconds = 0): StrategyTrial {
  const curve = curveOf(accuracies, 2);
  return { strategy, repeat, seed, curve, metrics: summarizeCurve(curve, { validationCount: 250 }), cacheSeconds };
}

/** acc(t) = a − (a − s)·exp(−t/τ) at epochs 0..E. */
const exp = (a: number, s: number, tau: number, epochs = 20) =>
  Array.from({ length: epochs + 1 }, (_, t) => a - (a - s) * Math.exp(-t / tau));
const mean = (xs: number[]) => xs.reduce((p, v) => p + v, 0) / xs.length;

describe('summarizeStrategies', () => {
  it('keeps accuracy intervals within [0, 1]', () => {
    const wide = [0.95, 0.55].map((a, i) => trial('scratch', i + 1, exp(a, 0.2, 2)));
    const [s] = summarizeStrategies(wide, CONTEXT);
    for (const key of ['start', 'plateau', 'auc'] as const) {
      expect(s.metrics[key].ci95![0]).toBeGreaterThanOrEqual(0);
      expect(s.metrics[key].ci95![1]).toBeLessThanOrEqual(1);
    }
    // Two seeds 0.4 apart: t(0.975, 1) ≈ 12.7 reaches past 100 % before the cut.
    expect(tInterval(wide.map((t) => t.metrics.plateau)).ci95![1]).toBeGreaterThan(1);
    expect(s.metrics.plateau.ci95![1]).toBe(1);
  });

  it('keeps accuracy gains within [−1, 1] (a difference of two accuracies); the slope gain stays a rate', () => {
    // Two seeds whose start gains are 0.7 and 0.1: t(0.975, 1) ≈ 12.7 reaches past +100 pp before the cut.
    const base = [1, 2].map((seed) => trial('scratch', seed, exp(0.3, 0.2, 2)));
    const own = [0.9, 0.3].map((s, i) => trial('feature-extraction', i + 1, exp(0.95, s, 1)));
    const [, f] = summarizeStrategies([...base, ...own], CONTEXT, ['scratch', 'feature-extraction']);
    const startDiffs = own.map((t, i) => t.metrics.start - base[i].metrics.start);
    expect(tInterval(startDiffs).ci95![1]).toBeGreaterThan(1);
    const gains = f.transferGain!;
    expect(gains.start.ci95![1]).toBe(1);
    for (const key of ['start', 'plateau', 'asymptote', 'auc'] as const) {
      expect(gains[key].ci95![0]).toBeGreaterThanOrEqual(-1);
      expect(gains[key].ci95![1]).toBeLessThanOrEqual(1);
    }
    const slopeDiffs = own.map((t, i) => t.metrics.slope - base[i].metrics.slope);
    expect(gains.slope.ci95).toEqual(tInterval(slopeDiffs, 't-seeds', 1 / CONTEXT.validationCount).ci95);
  });

  const scratch = [0.68, 0.7, 0.72].map((a, i) => trial('scratch', i + 1, exp(a, 0.2, 2)));
  const fe = [0.82, 0.84, 0.86].map((a, i) => trial('feature-extraction', i + 1, exp(a, 0.2, 0.5), 0, 4 + i));

  it('every metric is a mean with a t interval over seeds when one repeat ran, in config order', () => {
    const summaries = summarizeStrategies([...fe, ...scratch], CONTEXT, ['scratch', 'feature-extraction']);
    expect(summaries.map((s) => s.strategy)).toEqual(['scratch', 'feature-extraction']);
    const s = summaries[0];
    expect(s).toMatchObject({ trials: 3, seeds: 3, repeats: 1 });
    expect(s.metrics.plateau).toEqual(
      tInterval(
        scratch.map((t) => t.metrics.plateau),
        't-seeds',
      ),
    );
    expect(s.metrics.asymptote.reached).toBe(true);
    expect(s.metrics.asymptote.mean).toBeCloseTo(0.7, 5);
    expect(s.metrics.asymptote.ci95).not.toBeNull();
    expect(s.metrics.auc.mean).toBeCloseTo(mean(scratch.map((t) => t.metrics.auc)), 12);
    expect(s.transferGain).toBeNull();
    expect(s.verdict).toBeNull();
    expect(summaries[1].cacheSeconds).toBe(5);
  });

  it('gains are paired on (repeat, seed): the interval is that of the differences, not of two means', () => {
    const [sc, f] = summarizeStrategies([...fe, ...scratch], CONTEXT, ['scratch', 'feature-extraction']);
    const diffs = fe.map((t, i) => t.metrics.auc - scratch[i].metrics.auc);
    // The spread is floored at one validation image (math/intervals.ts); these synthetic diffs agree closer than that.
    expect(f.transferGain!.auc).toMatchObject(tInterval(diffs, 't-seeds', 1 / CONTEXT.validationCount));
    expect(f.transferGain!.pairs).toBe(3);
    expect(f.transferGain!.auc.mean).toBeCloseTo(f.metrics.auc.mean - sc.metrics.auc.mean, 12);
    expect(f.verdict).toMatchObject({ overall: 'above', overallBasis: 'interval', negativeTransfer: false });
  });

  it('with repeats, intervals are t over per-repeat means', () => {
    const trials = [0, 1, 2].flatMap((repeat) =>
      [1, 2].flatMap((seed) => [
        trial('scratch', seed, exp(0.6 + 0.03 * repeat + 0.01 * seed, 0.2, 2), repeat),
        trial('feature-extraction', seed, exp(0.8 + 0.02 * repeat, 0.2, 0.5), repeat),
      ]),
    );
    const [, f] = summarizeStrategies(trials, CONTEXT, ['scratch', 'feature-extraction']);
    expect(f).toMatchObject({ trials: 6, seeds: 2, repeats: 3 });
    expect(f.metrics.plateau.method).toBe('t-repeats');
    expect(f.metrics.plateau.n).toBe(3);
    const expected = repeatInterval(
      trials
        .filter((t) => t.strategy === 'scratch')
        .map((t) => ({
          repeat: t.repeat ?? 0,
          value: t.metrics.plateau,
        })),
    );
    expect(summarizeStrategies(trials, CONTEXT)[0].metrics.plateau).toEqual(expected);
  });

  // Issue #12, case 1: scratch still rising at epoch 20, feature extraction above it at every epoch.
  it('regression: an unidentified scratch asymptote is "not reached" and the asymptote gain uses plateaus', () => {
    const rising = (k: number) => Array.from({ length: 21 }, (_, t) => Math.min(0.2 + t * (0.026 + 0.001 * k), 1));
    const sc = [1, 2, 3].map((seed) => trial('scratch', seed, rising(seed)));
    const f = [1, 2, 3].map((seed) => trial('feature-extraction', seed, exp(0.85 + 0.01 * seed, 0.2, 1)));
    const [s, t] = summarizeStrategies([...sc, ...f], CONTEXT, ['scratch', 'feature-extraction']);
    expect(s.metrics.asymptote).toMatchObject({ mean: null, ci95: null, reached: false, reachedBy: 0, trials: 3 });
    expect(s.metrics.asymptote.lowerBound).toEqual(s.metrics.plateau);
    expect(t.transferGain!.asymptoteBasis).toBe('plateau');
    expect(t.transferGain!.asymptote.mean).toBeGreaterThan(0);
    expect(t.transferGain!.asymptote.mean).toBeCloseTo(t.transferGain!.plateau.mean, 12);
    expect(t.negativeTransfer).toBe(false);
  });

  it('negative transfer only when the paired interval lies below zero', () => {
    const sc = [1, 2, 3].map((seed) => trial('scratch', seed, exp(0.8 + 0.01 * seed, 0.2, 1)));
    const worse = [1, 2, 3].map((seed) => trial('fine-tune:1', seed, exp(0.6 + 0.012 * seed, 0.2, 1)));
    const [, w] = summarizeStrategies([...sc, ...worse], CONTEXT);
    expect(w.negativeTransfer).toBe(true);
    expect(w.verdict).toMatchObject({ negativeTransfer: true, negativeBasis: 'interval', overall: 'below' });

    // The same mean shortfall with noise across seeds large enough for the interval to cross zero: no flag.
    const noisy = [0.5, 0.95, 0.7].map((a, i) => trial('fine-tune:1', i + 1, exp(a, 0.2, 1)));
    const [, n] = summarizeStrategies([...sc, ...noisy], CONTEXT);
    expect(n.transferGain!.asymptote.mean).toBeLessThan(0);
    expect(n.negativeTransfer).toBe(false);
    expect(n.verdict).toMatchObject({
      negativeBasis: 'includes-zero',
      overall: 'unclear',
      overallBasis: 'includes-zero',
    });
  });

  it('one pair: no interval, no verdict either way', () => {
    const [, f] = summarizeStrategies(
      [trial('scratch', 1, exp(0.5, 0.2, 2)), trial('feature-extraction', 1, exp(0.3, 0.2, 2))],
      CONTEXT,
    );
    expect(f.transferGain!.auc.ci95).toBeNull();
    expect(f.verdict).toMatchObject({ overall: 'unclear', overallBasis: 'one-trial', negativeTransfer: false });
  });

  // Issue #12, case 3: scratch stays at chance, so every strategy used to "reach" 0.95 × chance at epoch 0.
  it('regression: no time-to-accuracy target when scratch stays at chance', () => {
    const chance = Array.from({ length: 21 }, () => 0.2);
    const [s, f] = summarizeStrategies(
      [1, 2].flatMap((seed) => [trial('scratch', seed, chance), trial('feature-extraction', seed, exp(0.8, 0.2, 1))]),
      CONTEXT,
      ['scratch', 'feature-extraction'],
    );
    expect(s.timeToAccuracy).toMatchObject({ target: null, epochs: null, reachedBy: 0, trials: 2 });
    expect(f.timeToAccuracy).toMatchObject({ target: null, epochs: null, reachedBy: 0 });
  });

  it('time to accuracy: target on scratch plateau above chance, searched from epoch 1, with reachedBy', () => {
    const sc = [1, 2].map((seed) => trial('scratch', seed, exp(0.7, 0.2, 3)));
    const slow = [trial('fine-tune:1', 1, exp(0.9, 0.2, 1)), trial('fine-tune:1', 2, exp(0.5, 0.2, 1))];
    const [s, f] = summarizeStrategies([...sc, ...slow], CONTEXT, ['scratch', 'fine-tune:1']);
    const plateau = mean(sc.map((t) => t.metrics.plateau));
    expect(s.timeToAccuracy!.target).toBeCloseTo(0.2 + 0.95 * (plateau - 0.2), 12);
    expect(f.timeToAccuracy).toMatchObject({ reachedBy: 1, trials: 2 });
    expect(f.timeToAccuracy!.epochs!.mean).toBeGreaterThanOrEqual(1);
    expect(s.timeToAccuracy!.epochs!.mean).toBeGreaterThanOrEqual(1);
    // A step that starts above the target reaches it at epoch 1, never at epoch 0.
    const step = trial('feature-extraction', 1, [0.95, ...Array.from({ length: 20 }, () => 0.9)]);
    const [, st] = summarizeStrategies([...sc, step], CONTEXT, ['scratch', 'feature-extraction']);
    expect(st.timeToAccuracy!.epochs!.mean).toBe(1);
  });

  // Regression (issue #12, seen on digits-mnist-to-mnistm): two repeats whose paired gains were both exactly 3 of 150
  // images read +0.020 [+0.020, +0.020], "excludes zero". The spread is now floored at one image.
  it('regression: repeats that agree exactly get no zero-width interval and no verdict from it', () => {
    const context = { validationCount: 150, numClasses: 10 };
    const base = Array.from({ length: 16 }, (_, e) => (e === 0 ? 0.1 : 0.15));
    const up = base.map((a, e) => (e === 0 ? a : a + 3 / 150));
    const trials = [0, 1].flatMap((repeat) => [
      { ...trial('source-only', 1, base, repeat), metrics: summarizeCurve(curveOf(base), { validationCount: 150 }) },
      { ...trial('dan', 1, up, repeat), metrics: summarizeCurve(curveOf(up), { validationCount: 150 }) },
    ]);
    const [, dan] = summarizeStrategies(trials, context, ['source-only', 'dan'], 'source-only');
    const gain = dan.transferGain!.plateau;
    expect(gain.mean).toBeCloseTo(0.02, 12);
    expect(gain.ci95![1] - gain.ci95![0]).toBeGreaterThan(0.1);
    expect(gain.direction).toBe('unclear');
    expect(dan.verdict).toMatchObject({ overall: 'unclear', overallBasis: 'includes-zero', negativeTransfer: false });
  });

  it('time to accuracy: the epochs interval lies within [1, E] and seconds at or above 0', () => {
    const sc = [1, 2].map((seed) => trial('scratch', seed, exp(0.7, 0.2, 3, 10)));
    // Two seeds reach the target at epochs 1 and 9: t(0.975, 1) alone would give 5 ± 50.8 epochs.
    const early = [...Array.from({ length: 11 }, (_, e) => (e === 0 ? 0.2 : 0.9))];
    const late = [...Array.from({ length: 11 }, (_, e) => (e < 9 ? 0.3 : 0.9))];
    const [, f] = summarizeStrategies([...sc, trial('fine-tune:1', 1, early), trial('fine-tune:1', 2, late)], CONTEXT, [
      'scratch',
      'fine-tune:1',
    ]);
    expect(f.timeToAccuracy!.epochs!.mean).toBe(5);
    expect(f.timeToAccuracy!.epochs!.ci95).toEqual([1, 10]);
    expect(f.timeToAccuracy!.seconds!.ci95![0]).toBe(0);
  });

  it('without scratch: no gains, verdicts or time to accuracy', () => {
    const [f] = summarizeStrategies(fe, CONTEXT);
    expect(f.transferGain).toBeNull();
    expect(f.verdict).toBeNull();
    expect(f.timeToAccuracy).toBeNull();
  });

  it('fast only when every trial reached half its gain within the first epoch', () => {
    const step = (seed: number) => trial('feature-extraction', seed, [0.2, ...Array.from({ length: 20 }, () => 0.8)]);
    expect(summarizeStrategies([step(1), step(2)], CONTEXT)[0].fast).toBe(true);
    expect(summarizeStrategies([step(1), trial('feature-extraction', 2, exp(0.8, 0.2, 4))], CONTEXT)[0].fast).toBe(
      false,
    );
  });
});
