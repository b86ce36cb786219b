import { expect, test } from '@playwright/test';
import { backbonePanel } from './backbonePanel';
import { dropFolder, FLOWERS_DIR, openFreshStudio, readFolder } from './datasetPage';
import { collectPageErrors, screenshotPath } from './helpers';
import { runToEnd, smallExperiment } from './trustHelpers';

test.use({ serviceWorkers: 'allow' });

/**
 * Offline-first (done-when of issue 17): one visit installs the service worker, which precaches the app and the
 * built-in models; then with the network OFF (context.setOffline) the studio reloads, runs the digits demo, a
 * flowers feature-extraction run with the built-in MobileNet v1 0.25, and live webcam predictions.
 */
test('after one visit, with the network off: the digits demo, flowers on the built-in MobileNet, webcam predictions', async ({
  page,
  context,
}, testInfo) => {
  test.setTimeout(15 * 60_000);
  const errors = collectPageErrors(page);
  const dataset = await openFreshStudio(page);
  // The manifest makes it installable.
  const manifest = await page.evaluate(async () => {
    const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
    return link ? ((await (await fetch(link.href)).json()) as { name: string; icons: unknown[] }) : null;
  });
  expect(manifest).toMatchObject({ name: 'Transfer Studio' });
  expect(manifest!.icons.length).toBeGreaterThanOrEqual(2);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect(page.getByTestId('app.offlineReady')).toBeVisible({ timeout: 120_000 });

  await context.setOffline(true);
  await page.reload();
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  await expect(dataset.root.getByRole('heading', { level: 2, name: 'Dataset' })).toBeVisible();

  // The digits demo (built-in sample and digits network), a short budget.
  await expect(backbonePanel(page).status()).toHaveAttribute('data-origin', 'built-in', { timeout: 60_000 });
  await smallExperiment(page, 'feature-extraction', 2);
  expect(await runToEnd(page, 5 * 60_000)).toEqual({ status: 'done', error: null });

  // Flowers photos: the built-in MobileNet is chosen, from the app's own (precached) files.
  const subset = ['daisy', 'rose'].flatMap((c) => readFolder(FLOWERS_DIR, (rel) => rel.includes(`/${c}/`)).slice(0, 8));
  await dropFolder(dataset.dropZone, subset);
  await dataset.waitForImport('done');
  const panel = backbonePanel(page);
  await expect(panel.radio(/MobileNet v1, α = 0\.25/)).toBeChecked({ timeout: 60_000 });
  await expect(panel.status()).toHaveAttribute('data-origin', 'built-in', { timeout: 60_000 });
  await smallExperiment(page, 'feature-extraction', 2);
  await page.locator('#imageSize').fill('96');
  expect(await runToEnd(page, 8 * 60_000)).toEqual({ status: 'done', error: null });
  const result = await page.evaluate(() => window.__transferStudio?.lastResult());
  expect(result?.config).toMatchObject({ backbone: 'mobilenet_v1_0.25', strategies: ['feature-extraction'] });

  // Webcam predictions: a classifier on these photos, then the (fake) camera predicting live.
  await page.getByTestId('classifier.train').click();
  await expect(page.getByTestId('classifier.item')).toHaveCount(1, { timeout: 5 * 60_000 });
  await page.getByTestId('predict.camera.start').click();
  await expect(page.getByTestId('predict.live')).toBeVisible({ timeout: 60_000 });
  await expect
    .poll(async () => Number(await page.getByTestId('predict.rate').getAttribute('data-rate')), { timeout: 60_000 })
    .toBeGreaterThan(0);
  await page.screenshot({ path: screenshotPath('offline-webcam-predict'), fullPage: true });
  await page.getByRole('button', { name: 'Stop the camera' }).click();
  testInfo.annotations.push({ type: 'offline', description: `${subset.length} photos, run done offline` });
  // Failed fetches would be page errors; there are none: everything came from the service worker's cache.
  expect(errors.filter((e) => !/webgpu/i.test(e))).toEqual([]);
});
