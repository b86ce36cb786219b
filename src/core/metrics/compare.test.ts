import { describe, expect, it } from 'vitest';
import { MIN_SPREAD, summarizeStrategies, type StrategyTrial } from './compare';
import { summarizeCurve } from './learningCurve';
import { curveOf } from './testCurves';

function trial(strategy: string, seed: number, accuracies: number[], cacheSeconds = 0): StrategyTrial {
  const curve = curveOf(accuracies, 2);
  return { strategy, seed, curve, metrics: summarizeCurve(curve), cacheSeconds };
}

/** acc(t) = a − (a − s)·exp(−t/τ) at epochs 0..E: the fit recovers a exactly, so asymptotes are known. */
const exp = (a: number, s: number, tau: number, epochs = 12) =>
  Array.from({ length: epochs + 1 }, (_, t) => a - (a - s) * Math.exp(-t / tau));
const mean = (xs: number[]) => xs.reduce((p, v) => p + v, 0) / xs.length;

describe('summarizeStrategies', () => {
  const scratch = [0.6, 0.7, 0.8].map((a, i) => trial('scratch', i + 1, exp(a, 0.1, 2)));
  const featureExtraction = [4, 6, 5].map((cache, i) => trial('feature-extraction', i + 1, exp(0.8, 0.1, 0.5), cache));

  it('mean ± sample std over 3 seeds, in order of first appearance', () => {
    const summaries = summarizeStrategies([...featureExtraction, ...scratch]);
    expect(summaries.map((s) => s.strategy)).toEqual(['feature-extraction', 'scratch']);
    const s = summaries[1];
    expect(s.seeds).toBe(3);
    expect(s.metrics.asymptote.mean).toBeCloseTo(0.7, 5);
    expect(s.metrics.asymptote.std).toBeCloseTo(0.1, 5);
    expect(s.metrics.slope.mean).toBeCloseTo(mean([0.5, 0.6, 0.7]) / 2, 4);
    // start at epoch 1: a − (a − 0.1)·e^(−1/2) for a = 0.6, 0.7, 0.8 → equally spaced, std = 0.1·(1 − e^(−1/2)).
    const e = Math.exp(-0.5);
    expect(s.metrics.start.mean).toBeCloseTo(0.7 - 0.6 * e, 12);
    expect(s.metrics.start.std).toBeCloseTo(0.1 * (1 - e), 12);
    const aucs = [0.6, 0.7, 0.8].map((a) => mean(exp(a, 0.1, 2).slice(1)));
    expect(s.metrics.auc.mean).toBeCloseTo(mean(aucs), 12);
    expect(s.transferGain).toBeNull();
    expect(summaries[0].cacheSeconds).toBe(5);
  });

  it('transfer gain = difference of means against scratch', () => {
    const [fe, sc] = summarizeStrategies([...featureExtraction, ...scratch]);
    expect(fe.transferGain!.start).toBeCloseTo(fe.metrics.start.mean - sc.metrics.start.mean, 12);
    expect(fe.transferGain!.asymptote).toBeCloseTo(0.1, 5);
    expect(fe.transferGain!.auc).toBeCloseTo(fe.metrics.auc.mean - sc.metrics.auc.mean, 12);
    expect(fe.transferGain!.asymptote).toBeCloseTo(fe.metrics.asymptote.mean - sc.metrics.asymptote.mean, 12);
    expect(fe.negativeTransfer).toBe(false);
  });

  it('flags negative transfer when the asymptote is below scratch by more than the spread, with numbers', () => {
    const bad = [1, 2, 3].map((seed) => trial('fine-tune:2', seed, exp(0.4, 0.1, 1)));
    const summaries = summarizeStrategies([...scratch, ...bad]);
    const ft = summaries.find((s) => s.strategy === 'fine-tune:2')!;
    expect(ft.negativeTransfer).toBe(true);
    expect(ft.negativeTransferReason).toMatch(
      /^asymptote 0\.400 ± 0\.000 is 0\.300 below scratch's 0\.700 ± 0\.100, more than the seed-to-seed spread 0\.100; last three epochs 0\.400 ± 0\.000 against scratch's 0\.\d+ ± 0\.\d+$/,
    );
    expect(ft.negativeTransferReason).toContain('spread');
  });

  it('does not flag a shortfall within the seed-to-seed spread', () => {
    // Scratch asymptote std 0.1; this is 0.05 below its mean: within the spread.
    const close = [1, 2, 3].map((seed) => trial('fine-tune:1', seed, exp(0.65, 0.1, 2)));
    const ft = summarizeStrategies([...scratch, ...close]).find((s) => s.strategy === 'fine-tune:1')!;
    expect(ft.negativeTransfer).toBe(false);
    expect(ft.negativeTransferReason).toBeUndefined();
    expect(ft.transferGain!.asymptote).toBeLessThan(0);
  });

  it('does not flag a clear transfer win when scratch is still rising (its fitted asymptote is extrapolated)', () => {
    // Scratch climbs slowly (tau 30 epochs over a 12-epoch budget): the fit extrapolates a = 0.95 while the curve
    // ends near 0.4. Feature extraction levels off at 0.7 at once: better at every observed epoch.
    const slow = [1, 2, 3].map((seed) => trial('scratch', seed, exp(0.95, 0.1, 30)));
    const fast = [1, 2, 3].map((seed) => trial('feature-extraction', seed, exp(0.7, 0.1, 0.5)));
    const [sc, fe] = summarizeStrategies([...slow, ...fast]);
    expect(sc.metrics.asymptote.mean).toBeGreaterThan(0.9);
    expect(sc.metrics.asymptoteLast3.mean).toBeLessThan(0.45);
    expect(fe.negativeTransfer).toBe(false);
    // Time to accuracy is measured against what scratch reached, so it is reachable.
    expect(sc.timeToAccuracy!.reachedBy).toBe(3);
    expect(fe.timeToAccuracy!.epochs).toEqual({ mean: 1, std: 0 });
  });

  it('with one seed uses the MIN_SPREAD floor', () => {
    const one = [
      trial('scratch', 1, exp(0.7, 0.1, 2)),
      trial('feature-extraction', 1, exp(0.7 - MIN_SPREAD + 0.005, 0.1, 2)),
    ];
    expect(summarizeStrategies(one)[1].negativeTransfer).toBe(false);
    const worse = [one[0], trial('feature-extraction', 1, exp(0.7 - MIN_SPREAD - 0.005, 0.1, 2))];
    expect(summarizeStrategies(worse)[1].negativeTransfer).toBe(true);
  });

  it('time to accuracy: epochs and seconds to 95 % of scratch mean asymptote, per seed then mean ± std', () => {
    const [fe, sc] = summarizeStrategies([...featureExtraction, ...scratch]);
    // Scratch's fitted asymptote (0.7) capped at the best accuracy it reached (just under 0.7 after 12 epochs).
    const best = mean([0.6, 0.7, 0.8].map((a) => Math.max(...exp(a, 0.1, 2).slice(1))));
    const target = 0.95 * Math.min(0.7, best);
    expect(fe.timeToAccuracy!.target).toBeCloseTo(target, 5);
    // Feature extraction: 0.8 − 0.7·e^(−2) = 0.705 ≥ 0.665 at epoch 1 in every seed (2 s per epoch).
    expect(fe.timeToAccuracy!.epochs).toEqual({ mean: 1, std: 0 });
    expect(fe.timeToAccuracy!.seconds).toEqual({ mean: 2, std: 0 });
    expect(fe.timeToAccuracy!.reachedBy).toBe(3);
    // Scratch itself: a = 0.6 never reaches 0.665; a = 0.7 needs t ≥ 2·ln(0.6/0.035) ≈ 5.7 → epoch 6;
    // a = 0.8 needs t ≥ 2·ln(0.7/0.135) ≈ 3.3 → epoch 4.
    expect(sc.timeToAccuracy!.reachedBy).toBe(2);
    expect(sc.timeToAccuracy!.epochs!.mean).toBe(5);
    expect(sc.timeToAccuracy!.epochs!.std).toBeCloseTo(Math.SQRT2, 12);
    expect(sc.timeToAccuracy!.seconds!.mean).toBe(10);
  });

  it('time to accuracy is null without scratch, and epochs null when no seed reaches it', () => {
    expect(summarizeStrategies(featureExtraction)[0].timeToAccuracy).toBeNull();
    expect(summarizeStrategies(featureExtraction)[0].transferGain).toBeNull();
    const never = [trial('scratch', 1, exp(0.9, 0.1, 1)), trial('feature-extraction', 1, exp(0.2, 0.1, 1))];
    const tta = summarizeStrategies(never)[1].timeToAccuracy!;
    expect(tta).toEqual({ target: tta.target, epochs: null, seconds: null, reachedBy: 0 });
  });
});
