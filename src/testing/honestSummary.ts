/**
 * Issue #12's done-when checks on one ExperimentResult (a fresh CLI run or a stored docs/results/*.json): what a
 * summary must say, and must not claim, whatever the data.
 */
import { expect } from 'vitest';
import type { ExperimentResult } from '../core/experiment/types';
import type { Estimate } from '../core/math/intervals';

const METRICS = ['start', 'slope', 'plateau', 'auc'] as const;
const GAINS = ['start', 'slope', 'plateau', 'asymptote', 'auc'] as const;

/** `{ mean, ci95: [low, high] }` with low ≤ mean ≤ high. */
export function expectInterval(e: Estimate | { mean: number | null; ci95: [number, number] | null }, what: string) {
  expect(typeof e.mean, what).toBe('number');
  expect(e.ci95, what).toHaveLength(2);
  const [low, high] = e.ci95!;
  expect(low, what).toBeLessThanOrEqual(e.mean! + 1e-12);
  expect(high, what).toBeGreaterThanOrEqual(e.mean! - 1e-12);
}

/** The largest epoch-to-epoch rise of a curve (0 when it never rises). */
export function largestRise(curve: readonly { epoch: number; valAccuracy: number }[]): number {
  const points = [...curve].sort((p, q) => p.epoch - q.epoch);
  let rise = 0;
  for (let i = 1; i < points.length; i++) rise = Math.max(rise, points[i].valAccuracy - points[i - 1].valAccuracy);
  return rise;
}

export function expectHonestSummary(result: ExperimentResult): void {
  for (const trial of result.runs) {
    const what = `${trial.strategy} repeat ${trial.repeat} seed ${trial.seed}`;
    expect(trial.metrics.slope, `${what} slope`).toBeLessThanOrEqual(largestRise(trial.curve) + 1e-12);
    // No asymptote is a value when its fit is unidentified.
    if (!trial.metrics.asymptoteReached) expect(trial.metrics.asymptote, what).toBeNull();
  }
  for (const s of result.summary) {
    for (const key of METRICS) expectInterval(s.metrics[key], `${s.strategy} ${key}`);
    const asymptote = s.metrics.asymptote;
    const unidentified = result.runs.some((t) => t.strategy === s.strategy && t.metrics.asymptote === null);
    expect(asymptote.reached, `${s.strategy} asymptote reached`).toBe(!unidentified);
    if (asymptote.reached) expectInterval(asymptote, `${s.strategy} asymptote`);
    else expect(asymptote, s.strategy).toMatchObject({ mean: null, ci95: null, reached: false });

    const time = s.timeToAccuracy;
    if (time?.epochs) expect(time.epochs.mean, `${s.strategy} time to accuracy`).toBeGreaterThanOrEqual(1);

    // The baseline the gains are paired against: source only in domain adaptation (a result with a source domain).
    if (s.strategy === (result.source ? 'source-only' : 'scratch')) {
      expect(s.transferGain).toBeNull();
      continue;
    }
    const gain = s.transferGain!;
    for (const key of GAINS) expectInterval(gain[key], `${s.strategy} gain ${key}`);
    // A verdict and a negative-transfer flag only where the paired interval excludes zero.
    const auc = gain.auc.ci95!;
    expect(s.verdict!.overall).toBe(auc[0] > 0 ? 'above' : auc[1] < 0 ? 'below' : 'unclear');
    expect(s.negativeTransfer).toBe(gain.asymptote.ci95![1] < 0);
  }
}
