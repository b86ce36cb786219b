import { expect, test, type Page } from '@playwright/test';
import { backbonePanel } from './backbonePanel';
import { collectPageErrors } from './helpers';
import { runToEnd, smallExperiment } from './trustHelpers';

/**
 * Cancel (docs/guarantees.md): a running experiment stops and the studio is idle again — status "cancelled", Run
 * enabled, no Cancel button — about a second after the click at most, measured in the page from the click to the
 * status change; at the start of a run (loading / caching) and in the middle of training. Afterwards a run goes
 * through. The bound asserted is a generous 2 s (test machines are shared and loaded); the engine's own bound,
 * 1 s, is asserted in src/core/experiment/cancelLatency.test.ts. The measured numbers are printed.
 */
const BOUND_MS = 2000;

/** Clicks Cancel and returns ms from the click until the status left "running" and until Run is enabled again. */
async function cancelAndTime(page: Page): Promise<{ statusMs: number; idleMs: number }> {
  return page.evaluate(
    () =>
      new Promise<{ statusMs: number; idleMs: number }>((resolve, reject) => {
        const status = document.querySelector('[data-testid="experiment.status"]');
        const cancel = document.querySelector<HTMLButtonElement>('[data-testid="experiment.cancel"]');
        if (!status || !cancel) return reject(new Error('no running experiment to cancel'));
        let statusMs = 0;
        const clicked = performance.now();
        const check = () => {
          const now = performance.now() - clicked;
          const current = document.querySelector('[data-testid="experiment.status"]')?.getAttribute('data-status');
          if (!statusMs && current && current !== 'running') statusMs = now;
          const run = document.querySelector<HTMLButtonElement>('[data-testid="experiment.run"]');
          const idle = statusMs && run && !run.disabled && !document.querySelector('[data-testid="experiment.cancel"]');
          if (idle) {
            observer.disconnect();
            resolve({ statusMs, idleMs: now });
          }
        };
        const observer = new MutationObserver(check);
        observer.observe(document.getElementById('experiment') ?? document.body, {
          attributes: true,
          childList: true,
          subtree: true,
        });
        cancel.click();
        check();
      }),
  );
}

const runState = (page: Page) =>
  page.evaluate(() => {
    const run = window.__transferStudio?.state().run;
    return run
      ? { status: run.status, phase: run.phase, epoch: run.current?.epoch ?? 0, trialsDone: run.trialsDone }
      : null;
  });

test('Cancel returns the studio to idle within about a second, at the start of a run and mid-training; the next run completes', async ({
  page,
}, testInfo) => {
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
  const training = await cancelAndTime(page);
  await expect(page.getByTestId('experiment.status')).toHaveAttribute('data-status', 'cancelled');

  // 2. At the very start of a run (loading the data and the model, caching).
  await page.getByTestId('experiment.run').click();
  await expect(page.getByTestId('experiment.cancel')).toBeVisible();
  const starting = await cancelAndTime(page);
  await expect(page.getByTestId('experiment.status')).toHaveAttribute('data-status', 'cancelled');

  const note =
    `cancel → idle: mid-training ${training.statusMs.toFixed(0)} ms to "cancelled", ${training.idleMs.toFixed(0)} ms to Run enabled; ` +
    `at start ${starting.statusMs.toFixed(0)} ms / ${starting.idleMs.toFixed(0)} ms`;
  console.log(note);
  testInfo.annotations.push({ type: 'cancel-latency', description: note });
  expect(training.idleMs).toBeLessThan(BOUND_MS);
  expect(starting.idleMs).toBeLessThan(BOUND_MS);

  // 3. Nothing is stuck: a small run completes.
  await smallExperiment(page, 'feature-extraction', 2);
  expect(await runToEnd(page)).toEqual({ status: 'done', error: null });
  expect(errors).toEqual([]);
});
