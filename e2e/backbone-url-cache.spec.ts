import { expect, test } from '@playwright/test';
import { backbonePanel, backboneState, failMobileNet, serveMobileNet } from './backbonePanel';
import { collectPageErrors, screenshotPath } from './helpers';

/**
 * MobileNet v1 0.25 ships with the app: choosing it fetches nothing from its public URL. 13 blocks, the freeze-depth
 * slider changes the trainable/frozen parameter counts, a measured ms/image.
 */
test('the built-in MobileNet v1 0.25 loads from the app, with its blocks, slider and speed', async ({
  page,
}, testInfo) => {
  const errors = collectPageErrors(page);
  const publicRequests: string[] = [];
  await page.context().route('https://storage.googleapis.com/**', async (route) => {
    publicRequests.push(route.request().url());
    await route.abort('internetdisconnected');
  });
  await page.goto('/');
  const panel = backbonePanel(page);
  // The digits network loads at start-up.
  await expect(panel.status()).toHaveAttribute('data-origin', 'built-in', { timeout: 60_000 });
  await expect(panel.blocks()).toHaveCount(3);
  await expect(page.getByTestId('backbone.badge.mobilenet_v1_0.25')).toHaveText('built-in · offline');

  await panel.radio(/MobileNet v1, α = 0\.25/).check();
  await expect(panel.status()).toContainText('MobileNet v1, α = 0.25 is loaded: built into the app', {
    timeout: 60_000,
  });
  await expect(panel.status()).toHaveAttribute('data-origin', 'built-in');

  // 13 depthwise-separable blocks, shapes at 224 px.
  await expect(panel.blocks()).toHaveCount(13, { timeout: 60_000 });
  await expect(panel.blocks().nth(12)).toContainText('7×7×256');
  await expect(page.getByTestId('backbone.multiplyAdds')).toContainText('40.8M');
  await expect(panel.msPerImage()).toHaveText(/^\d+(\.\d+)? ms on \w+/, { timeout: 60_000 });
  const ms = Number(await panel.msPerImage().getAttribute('data-ms'));
  expect(ms).toBeGreaterThan(0);
  testInfo.annotations.push({ type: 'ms/image mobilenet_v1_0.25@224', description: String(ms) });
  console.log(`ms/image mobilenet_v1_0.25 at 224 px: ${ms.toFixed(2)}`);

  // The slider: k = 1 → 2 adds block 12 to the trainable part (numbers from the Keras layer list, PROVENANCE.md).
  const slider = panel.slider();
  await expect(slider).toHaveAttribute('aria-valuetext', '1 of 13 blocks trainable');
  await expect(panel.paramSplit()).toHaveText(/^Trainable: 68,864 parameters\s+Frozen: 149,680 parameters$/);
  await slider.fill('2');
  await expect(slider).toHaveAttribute('aria-valuetext', '2 of 13 blocks trainable');
  await expect(panel.paramSplit()).toHaveText(/^Trainable: 103,552 parameters\s+Frozen: 114,992 parameters$/);
  await expect(panel.blocks().nth(11)).toHaveAttribute('data-state', 'trainable');
  await expect(panel.blocks().nth(10)).toHaveAttribute('data-state', 'frozen');
  await expect(page.getByTestId('strategy.fine-tune')).toBeChecked();
  const state = await backboneState(page);
  expect(state).toMatchObject({ id: 'mobilenet_v1_0.25', freezeDepth: 2, loaded: { origin: 'built-in' } });
  expect(await page.evaluate(() => window.__transferStudio?.state().strategy.strategies)).toContain('fine-tune:2');
  await page.locator('#backbone').screenshot({ path: screenshotPath('backbone-mobilenet-built-in') });

  // A reload keeps it, still without the network.
  await page.reload();
  await expect(panel.status()).toContainText('MobileNet v1, α = 0.25 is loaded: built into the app', {
    timeout: 60_000,
  });
  await expect(panel.slider()).toHaveAttribute('aria-valuetext', '2 of 13 blocks trainable');
  expect(publicRequests).toEqual([]);
  expect(errors).toEqual([]);
});

/**
 * MobileNet v1 0.75 through its PUBLIC URL (answered from ../shared/models by the test, so the real loading code
 * runs): download progress, costs at 224 and 128 px; kept in Cache Storage, listed with its size; a reload with the
 * URL failing (offline) loads it from the cache; Remove takes it out.
 */
test('MobileNet v1 0.75 downloads once into the browser cache, listed with its size, and can be removed', async ({
  page,
}, testInfo) => {
  const errors = collectPageErrors(page);
  const served = await serveMobileNet(page, '0.75', 25);
  await page.goto('/');
  const panel = backbonePanel(page);
  await expect(panel.status()).toHaveAttribute('data-origin', 'built-in', { timeout: 60_000 });
  await expect(page.getByTestId('backbone.badge.mobilenet_v1_0.75')).toHaveText('downloads once');
  await panel.radio(/MobileNet v1, α = 0\.75/).check();
  await expect(panel.status()).toHaveText(/Downloading MobileNet v1, α = 0\.75… [1-9]\d* %/, { timeout: 30_000 });
  await expect(panel.progress()).toBeVisible();
  await page.screenshot({ path: screenshotPath('backbone-downloading'), fullPage: true });
  await expect(panel.status()).toHaveAttribute('data-origin', 'downloaded', { timeout: 120_000 });
  await expect(panel.status()).toContainText('saved in this browser for offline use');
  expect(served.requests).toContain('model.json');
  expect(served.requests.filter((name) => name.startsWith('group'))).toHaveLength(55);
  await expect(page.getByTestId('backbone.badge.mobilenet_v1_0.75')).toHaveText('cached · offline');
  // Listed with the bytes of its 56 files (PROVENANCE.md: 10,457,307).
  const listed = page.getByTestId('backbone.cached.mobilenet_v1_0.75');
  await expect(listed).toContainText('MobileNet v1, α = 0.75');
  await expect(listed).toContainText('10.5 MB');
  await expect(listed.locator('[data-bytes]')).toHaveAttribute('data-bytes', '10457307');

  await expect(panel.blocks()).toHaveCount(13, { timeout: 60_000 });
  await expect(panel.blocks().nth(12)).toContainText('7×7×768');
  await expect(page.getByTestId('backbone.multiplyAdds')).toContainText('324.6M at 224×224');
  await expect(panel.msPerImage()).toHaveText(/ms on/, { timeout: 60_000 });
  const ms224 = Number(await panel.msPerImage().getAttribute('data-ms'));
  await page.getByLabel('Image size (px)').fill('128');
  await expect(panel.blocks().nth(12)).toContainText('4×4×768', { timeout: 60_000 });
  await expect(page.getByTestId('backbone.multiplyAdds')).toContainText('at 128×128');
  await expect(panel.msPerImage()).toHaveText(/ms on/, { timeout: 60_000 });
  const ms128 = Number(await panel.msPerImage().getAttribute('data-ms'));
  expect(ms128).toBeGreaterThan(0);
  await page.getByText('What each backbone costs at the chosen image size').click();
  await expect(page.getByTestId('backbone.table.ms.mobilenet_v1_0.75')).toHaveText(/^\d+(\.\d+)? \(\w+\)$/);
  await page.locator('#backbone').screenshot({ path: screenshotPath('backbone-mobilenet-075-128px') });
  testInfo.annotations.push({ type: 'ms/image mobilenet_v1_0.75', description: `224 px: ${ms224}; 128 px: ${ms128}` });

  // Offline: the URL now fails; a reload restores the selection and loads it from the cache.
  const offline = await failMobileNet(page, '0.75');
  await page.reload();
  await expect(panel.status()).toHaveAttribute('data-origin', 'cached', { timeout: 60_000 });
  await expect(panel.status()).toContainText('from this browser’s cache, no download');
  expect(offline.requests).toEqual([]);
  await page.locator('#backbone').screenshot({ path: screenshotPath('backbone-mobilenet-cached') });

  // Remove: the list empties and the badge says it will download again.
  await page.getByRole('button', { name: 'Remove MobileNet v1, α = 0.75 from the browser cache' }).click();
  await expect(listed).toHaveCount(0);
  await expect(page.getByTestId('backbone.badge.mobilenet_v1_0.75')).toHaveText('downloads once');
  await expect(page.getByTestId('backbone.cacheCount')).toHaveText('Browser cache: 0 downloaded models');
  expect(errors).toEqual([]);
});
