import { expect, test, type Page } from '@playwright/test';
import { backbonePanel } from './backbonePanel';
import { collectPageErrors } from './helpers';
import { runToEnd, smallExperiment } from './trustHelpers';

/**
 * Cancel (docs/guarantees.md): a running experiment stops and the studio is idle again — status "cancelled", Run
 * enabled, no Cancel button — at the start of a run (loading / caching) and in the middle of training, and no more
 * training happens after it. Afterwards a run goes through. How soon after the click is a speed, measured by the
 * benchmark (`npm run bench -- --only latency`), never asserted here; the engine frees its tensors on cancel —
 * src/core/experiment/cancelLatency.test.ts.
 */

/** Clicks Cancel and waits until the studio is idle: status not "running", Run enabled, no Cancel button. */
async function cancelAndWaitIdle(page: Page): Promise<void> {
  await page.getByTestId('experiment.cancel').click();
  await expect(page.getByTestId('experiment.status')).toHaveAttribute('data-status', 'cancelled', { timeout: 60_000 });
  await expect(page.getByTestId('experiment.run')).toBeEnabled({ timeout: 60_000 });
  await expect(page.getByTestId('experiment.cancel')).toHaveCount(0);
}

const runState = (page: Page) =>
  page.evaluate(() => {
    const run = window.__transferStudio?.state().run;
    return run
      ? { status: run.status, phase: run.phase, epoch: run.current?.epoch ?? 0, trialsDone: run.trialsDone }
      : null;
  });

test('Cancel returns the studio to idle, at the start of a run and mid-training; the next run completes', async ({
  page,
}) => {
  test.setTimeout(15 * 60_000);
  const errors = collectPageErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('settings.backend')).toHaveAttribute('data-backend', /.+/, { timeout: 120_000 });
  await expect(backbonePanel(page).status()).toHaveAttribute('data-origin', 'built-in', { timeout: 60_000 });

  // 1. Mid-training: the built-in digits experiment (3 strategies × 3 seeds × 20 epochs), cancelled in epoch ≥ 2.
  await page.getByTestId('experiment.run').click();
  await expect
    .poll(() => runState(page), { timeout: 5 * 60_000, intervals: [100] })
    .toMatchObject({ status: 'running', phase: 'training', epoch: expect.any(Number) });
  await expect
    .poll(async () => (await runState(page))?.epoch ?? 0, { timeout: 5 * 60_000, intervals: [50] })
    .toBeGreaterThanOrEqual(2);
  await cancelAndWaitIdle(page);
  // Training stopped: nothing moves afterwards.
  const stopped = await runState(page);
  await page.waitForTimeout(1000);
  expect(await runState(page)).toEqual(stopped);

  // 2. At the very start of a run (loading the data and the model, caching).
  await page.getByTestId('experiment.run').click();
  await expect(page.getByTestId('experiment.cancel')).toBeVisible();
  await cancelAndWaitIdle(page);

  // 3. Nothing is stuck: a small run completes.
  await smallExperiment(page, 'feature-extraction', 2);
  expect(await runToEnd(page)).toEqual({ status: 'done', error: null });
  expect(errors).toEqual([]);
});
