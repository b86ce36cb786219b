import { expect, test } from '@playwright/test';
import { cliPresetDigest } from '../src/testing/digitsAbDigest';
import { collectPageErrors, lastResult, screenshotPath, seriousViolations } from './helpers';
import { expectSummaryMatches } from './summaryChecks';

/**
 * The first screen's promise: offline, one click runs the built-in digits experiment (digits-vgg trained on 0–4,
 * target 5–9, 10 training examples per class, 3 seeds, scratch vs feature extraction vs fine-tune:1), the curves
 * grow live, and the summary on screen is exactly the engine's result.
 */
test('the built-in digits experiment runs live and shows the engine’s numbers', async ({ page }, testInfo) => {
  const errors = collectPageErrors(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Transfer Studio' })).toBeVisible();
  await expect(page.getByTestId('settings.backend')).toHaveAttribute('data-backend', /.+/, { timeout: 60_000 });

  await page.getByRole('button', { name: 'Run experiment' }).click();
  await expect(page.getByTestId('experiment.status')).toHaveAttribute('data-status', 'running');

  // Live: curves are on screen while the experiment is still running (or the run ended early: say how).
  const live = await page.waitForFunction(
    () => {
      const run = window.__transferStudio?.state().run;
      if (run?.status !== 'running') return `ended early: ${run?.status} ${run?.error ?? ''}`;
      return run.curves.some((c) => c && c.points.length >= 3) ? 'live' : false;
    },
    undefined,
    { timeout: 5 * 60_000, polling: 100 },
  );
  expect(await live.jsonValue()).toBe('live');
  await expect(page.getByTestId('curves.empty')).toHaveCount(0);
  await expect(page.locator('#curves .recharts-line').first()).toBeVisible();
  await page.screenshot({ path: screenshotPath('digits-demo-running'), fullPage: true });

  await expect(page.getByTestId('experiment.status')).toHaveAttribute('data-status', /done|error|cancelled/, {
    timeout: 8 * 60_000,
  });
  await expect(page.getByTestId('experiment.status')).toHaveAttribute('data-status', 'done');

  const result = await lastResult(page);
  expect(result).not.toBeNull();
  const { config, summary, runs } = result!;
  expect(config).toMatchObject({
    backbone: 'digits-vgg',
    seeds: 3,
    perClass: 10,
    strategies: ['scratch', 'feature-extraction', 'fine-tune:1'],
  });
  expect(result!.dataset.classNames).toEqual(['5', '6', '7', '8', '9']);
  expect(result!.dataset.trainCount).toBe(50);
  expect(result!.dataset.validationCount).toBe(250);
  // The same images and split as `transfer-studio run --preset digits-ab --per-class 10` (issue #12).
  expect(result!.split?.digest).toBe(await cliPresetDigest(10));
  expect(runs).toHaveLength(9);

  // The screen shows the engine's numbers, formatted as documented: metrics, paired gains, verdicts.
  await expectSummaryMatches(page, result!);
  await expect(page.getByTestId('summary.intervals')).toContainText('Student t over 3 seeds on one split');
  // The store holds exactly what the worker sent.
  const stored = await page.evaluate(() => window.__transferStudio?.state().run?.result);
  expect(stored).toEqual(result);

  // Transfer beats scratch on this task (the point of the demo).
  const auc = (strategy: string) => summary.find((s) => s.strategy === strategy)!.metrics.auc.mean;
  expect(auc('feature-extraction')).toBeGreaterThan(auc('scratch'));
  expect(auc('fine-tune:1')).toBeGreaterThan(auc('scratch'));
  // The finished page (chart, table, verdict) is accessible too.
  expect(await seriousViolations(page)).toEqual([]);

  await page.screenshot({ path: screenshotPath('digits-demo-done'), fullPage: true });
  // The README's picture (docs/screenshot.png is copied from it): the curves and the summary under the run bar.
  await page.setViewportSize({ width: 1280, height: 1260 });
  await page.locator('#curves').evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: screenshotPath('digits-demo-docs') });
  await testInfo.attach('digits-demo-done', { path: screenshotPath('digits-demo-done'), contentType: 'image/png' });
  await testInfo.attach('result.json', { body: JSON.stringify(result, null, 2), contentType: 'application/json' });
  expect(errors).toEqual([]);
});
