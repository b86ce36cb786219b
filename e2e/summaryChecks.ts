import { expect, type Page } from '@playwright/test';
import type { ExperimentResult } from '../src/core/experiment/types';
import { percentInterval } from './helpers';

/**
 * The summary on screen against the worker's result (issue #12: "the studio shows the same numbers"): every metric
 * cell, every paired gain with its interval and sign, the verdict and the negative-transfer flag exactly as core
 * decided them, and the per-class accuracies with their Wilson intervals. The formats are written here again,
 * independently of src/ui/format.ts. English wording; the numbers are the same in every language.
 */
type Interval = { mean: number; ci95: readonly [number, number] | null };

const signed = (x: number) => {
  const value = (x * 100).toFixed(1);
  if (Number(value) === 0) return '0.0';
  return x > 0 ? `+${value}` : `−${value.slice(1)}`;
};
const pointsInterval = ({ mean, ci95 }: Interval) =>
  ci95 ? `${signed(mean)} [${signed(ci95[0])}, ${signed(ci95[1])}]` : signed(mean);
const numberInterval = ({ mean, ci95 }: Interval, k = 1) =>
  ci95 ? `${(mean * k).toFixed(1)} [${(ci95[0] * k).toFixed(1)}, ${(ci95[1] * k).toFixed(1)}]` : (mean * k).toFixed(1);

export async function expectSummaryMatches(page: Page, result: ExperimentResult): Promise<void> {
  const { summary, config } = result;
  const baseline = summary.find((s) => s.transferGain === null && s.verdict === null);
  for (const s of summary) {
    const cell = (name: string) => page.getByTestId(`summary.${name}.${s.strategy}`);
    await expect(cell('auc')).toHaveText(percentInterval(s.metrics.auc));
    await expect(cell('start')).toHaveText(percentInterval(s.metrics.start));
    await expect(cell('plateau')).toHaveText(percentInterval(s.metrics.plateau));
    // A step-like curve's slope is not identified per epoch: "fast", never a number in the hundreds.
    await expect(cell('slope')).toHaveText(
      s.fast
        ? `fast: not identified per epoch (≥ ${(s.metrics.slope.mean * 100).toFixed(1)})`
        : numberInterval(s.metrics.slope, 100),
    );
    const a = s.metrics.asymptote;
    const bound = `≥ ${(a.lowerBound.mean * 100).toFixed(1)} %`;
    await expect(cell('asymptote')).toHaveText(
      a.reached && a.mean !== null
        ? percentInterval({ mean: a.mean, ci95: a.ci95 })
        : a.reachedBy > 0
          ? `not reached in ${config.epochs} epochs by every training (${a.reachedBy} of ${a.trials} did; ${bound})`
          : `not reached in ${config.epochs} epochs (${bound})`,
    );
    const time = s.timeToAccuracy;
    if (time?.target === null)
      await expect(cell('time')).toHaveText('no target: training from scratch stayed at chance');
    else if (time && !time.epochs) await expect(cell('time')).toHaveText(`never (0 of ${time.trials})`);
    else if (time?.epochs) {
      // Time to accuracy is searched from epoch 1: never 0 epochs.
      expect(time.epochs.mean).toBeGreaterThanOrEqual(1);
      await expect(cell('time')).toContainText(numberInterval(time.epochs));
    }

    const gain = s.transferGain;
    if (!gain || !s.verdict) continue;
    for (const key of ['start', 'plateau', 'asymptote', 'auc'] as const) {
      const shown = page.getByTestId(`summary.gain.${key}.${s.strategy}`);
      await expect(shown).toContainText(pointsInterval(gain[key]));
      await expect(shown).toHaveAttribute('data-direction', gain[key].direction);
    }
    const slopeGain = page.getByTestId(`summary.gain.slope.${s.strategy}`);
    if (s.fast || baseline?.fast) await expect(slopeGain).toHaveText('not identified (fast)');
    else await expect(slopeGain).toHaveText(pointsInterval(gain.slope));
    // The verdict is core's, and a claim is made only when the paired interval excludes zero.
    const verdict = page.getByTestId(`summary.verdict.${s.strategy}`);
    await expect(verdict).toHaveAttribute('data-verdict', s.verdict.overall);
    await expect(verdict).toHaveAttribute('data-basis', s.verdict.overallBasis);
    if (s.verdict.overall === 'above') await expect(verdict).toContainText('beat training from scratch');
    else if (s.verdict.overall === 'below') await expect(verdict).toContainText('did worse than training from scratch');
    else if (s.verdict.overallBasis === 'includes-zero') await expect(verdict).toContainText('no clear difference');
    await expect(page.getByTestId(`summary.negative.${s.strategy}`)).toHaveCount(s.negativeTransfer ? 1 : 0);
  }
}

/** Per-class accuracy of `strategy`: pooled over its trials, Wilson 95 % interval of k̄ of n̄, whole percents. */
export async function expectPerClassMatches(page: Page, result: ExperimentResult, strategy: string): Promise<void> {
  const trials = result.runs.filter((r) => r.strategy === strategy);
  for (let c = 0; c < result.dataset.classNames.length; c++) {
    const correct = trials.reduce((sum, r) => sum + r.confusion[c][c], 0) / trials.length;
    const images = trials.reduce((sum, r) => sum + r.confusion[c].reduce((p, n) => p + n, 0), 0) / trials.length;
    // Wilson (1927) score interval, z = 1.96.
    const z = 1.959963984540054;
    const p = correct / images;
    const centre = (p + (z * z) / (2 * images)) / (1 + (z * z) / images);
    const half = (z / (1 + (z * z) / images)) * Math.sqrt((p * (1 - p)) / images + (z * z) / (4 * images * images));
    const pct = (x: number) => (x * 100).toFixed(0);
    await expect(page.getByTestId(`perClass.${strategy}.${c}`)).toHaveText(
      `${pct(p)} % [${pct(Math.max(0, centre - half))}, ${pct(Math.min(1, centre + half))}]`,
    );
  }
}
