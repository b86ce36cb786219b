import { devices, expect, test } from '@playwright/test';
import { screenshotPath } from './helpers';

/**
 * Schools often have only tablets: the digits demo on a tablet-sized viewport, driven by touch (tap), with no
 * horizontal scrolling. Tap run, watch the curves grow, tap cancel; the curves so far stay on screen.
 */
const { defaultBrowserType: _unused, ...ipad } = devices['iPad (gen 7)'];
test.use({ ...ipad });

test('digits demo by touch on a tablet viewport', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('settings.backend')).toHaveAttribute('data-backend', /.+/, { timeout: 120_000 });

  // Nothing wider than the screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);

  await page.getByRole('button', { name: 'Run experiment' }).tap();
  await expect(page.getByTestId('experiment.status')).toHaveAttribute('data-status', 'running');
  await page.waitForFunction(
    () => window.__transferStudio?.state().run?.curves.some((c) => c && c.points.length >= 3) ?? false,
    undefined,
    { timeout: 5 * 60_000, polling: 200 },
  );
  await expect(page.locator('#curves .recharts-line').first()).toBeVisible();
  await page.screenshot({ path: screenshotPath('tablet-running'), fullPage: true });

  await page.getByTestId('experiment.cancel').tap();
  await expect(page.getByTestId('experiment.status')).toHaveAttribute('data-status', 'cancelled', { timeout: 30_000 });
  // The curves so far are kept.
  await expect(page.locator('#curves .recharts-line').first()).toBeVisible();
  await page.screenshot({ path: screenshotPath('tablet-cancelled'), fullPage: true });
});
