import { expect, test } from '@playwright/test';
import { chosenBackend, fastestMeasured } from './backend-choice.helpers';
import { screenshotPath } from './helpers';
import { FIRST_VISIT } from './visitors';

/**
 * The studio measures its backends and takes the one that trained fastest by its OWN measurements, instead of
 * tfjs's default order (which, given WebGPU on a machine without a GPU, would quietly take software WebGPU).
 * Behaviour only: which backend is faster on this machine is the bench's question (bench/browser/training.ts
 * times every backend), not this test's — a busy machine must not fail it (issue 13, item 15).
 */
// A first visit: the backends are measured (no stored choice).
test.use({ storageState: FIRST_VISIT });

test('default headless flags: the choice follows the measurements, and it is visible', async ({ page }) => {
  const backend = await chosenBackend(page);
  expect(backend.measurements.filter((m) => m.trainStepsPerSecond !== undefined).map((m) => m.backend)).toContain(
    'wasm',
  );
  expect(backend.backend).toBe(fastestMeasured(backend.measurements));
  await expect(page.getByTestId('settings.backend')).toContainText(backend.backend);
  // Cross-origin isolated, so WASM may run its threaded build (from 4 cores: src/worker/engine/backend.ts); its threads are shown.
  expect(backend.crossOriginIsolated).toBe(true);
  expect(backend.wasmThreads).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId('settings.wasmThreads')).toHaveAttribute('data-threads', String(backend.wasmThreads));

  // The user can override the choice, and go back to automatic.
  await page.getByTestId('settings.backend').locator('summary').click();
  await page.getByTestId('settings.backendPreference').selectOption('cpu');
  await expect(page.getByTestId('settings.backend')).toHaveAttribute('data-backend', 'cpu', { timeout: 60_000 });
  await page.getByTestId('settings.backendPreference').selectOption('auto');
  // Back on automatic: the fastest by the measurements again, whichever that is.
  await expect
    .poll(
      async () => {
        const again = await page.evaluate(() => window.__transferStudio!.state().settings.backend!);
        return again.backend === fastestMeasured(again.measurements);
      },
      { timeout: 120_000 },
    )
    .toBe(true);
  await page.screenshot({ path: screenshotPath('backend-choice-default-flags') });
});
