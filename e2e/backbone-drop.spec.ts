import { expect, test } from '@playwright/test';
import { backbonePanel, backboneState, dropModelFiles, modelFolderFiles } from './backbonePanel';
import { collectPageErrors, screenshotPath, seriousViolations } from './helpers';

/**
 * A model folder dropped on the Backbone panel: a missing weights file is named and nothing changes (the previous
 * backbone stays selected and loaded); a model.json that is not JSON is named; the whole folder then loads.
 */
test('a dropped model folder with a missing shard is refused by name; the previous backbone stays', async ({
  page,
}) => {
  const errors = collectPageErrors(page);
  await page.goto('/');
  const panel = backbonePanel(page);
  await expect(panel.status()).toHaveAttribute('data-origin', 'built-in', { timeout: 60_000 });
  await expect(panel.blocks()).toHaveCount(3);

  await dropModelFiles(page, modelFolderFiles('mobilenet_v1_0.25_224', ['group7-shard1of1']));
  await expect(panel.error()).toBeVisible({ timeout: 30_000 });
  await expect(panel.error()).toContainText('weights file "group7-shard1of1" is missing');
  await expect(panel.error()).toContainText('File at fault: group7-shard1of1');
  await expect(panel.error()).toContainText('Digits VGG (built-in) is still selected.');
  await expect(panel.radio(/Digits VGG/)).toBeChecked();
  await expect(panel.status()).toHaveAttribute('data-origin', 'built-in');
  await expect(panel.blocks()).toHaveCount(3);
  expect(await backboneState(page)).toMatchObject({ id: 'digits-vgg', loaded: { origin: 'built-in' }, pending: null });
  await page.locator('#backbone').screenshot({ path: screenshotPath('backbone-drop-missing-shard') });
  // The panels, error included, are accessible.
  expect(await seriousViolations(page)).toEqual([]);

  // Picking files works the same way; a model.json that is not JSON is named too.
  await page
    .getByTestId('backbone.files')
    .setInputFiles([{ name: 'model.json', mimeType: 'application/json', buffer: Buffer.from('<!doctype html>') }]);
  await expect(panel.error()).toContainText('model.json is not JSON');
  await expect(panel.radio(/Digits VGG/)).toBeChecked();

  // The complete folder loads, is recognised as MobileNet v1 0.25, and replaces the built-in backbone.
  await dropModelFiles(page, modelFolderFiles('mobilenet_v1_0.25_224'));
  await expect(panel.status()).toHaveAttribute('data-origin', 'files', { timeout: 60_000 });
  await expect(panel.status()).toContainText('from your files (model.json');
  await expect(panel.error()).toHaveCount(0);
  await expect(panel.radio(/MobileNet v1, α = 0\.25/)).toBeChecked();
  await expect(panel.blocks()).toHaveCount(13, { timeout: 60_000 });
  await expect(panel.msPerImage()).toHaveText(/ms on/, { timeout: 60_000 });

  // Kept in this browser: after a reload the same model from files returns, with its freeze depth.
  await panel.slider().fill('3');
  await expect(panel.slider()).toHaveAttribute('aria-valuetext', '3 of 13 blocks trainable');
  await page.reload();
  await expect(panel.status()).toHaveAttribute('data-origin', 'files', { timeout: 60_000 });
  await expect(panel.status()).toContainText('from your files (model.json');
  await expect(panel.radio(/MobileNet v1, α = 0\.25/)).toBeChecked();
  await expect(panel.slider()).toHaveAttribute('aria-valuetext', '3 of 13 blocks trainable');
  expect(await page.evaluate(() => window.__transferStudio?.state().strategy.strategies)).toContain('fine-tune:3');
  await page.locator('#backbone').screenshot({ path: screenshotPath('backbone-drop-after-reload-en') });
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByRole('slider', { name: '冻结深度：可训练的块' })).toHaveAttribute(
    'aria-valuetext',
    '13 个块中 3 个可训练',
  );
  await page.locator('#backbone').screenshot({ path: screenshotPath('backbone-drop-after-reload-zh') });
  expect(errors).toEqual([]);
});

test('the Backbone and Strategy panels in Chinese, and on a narrow touch screen', async ({ browser }) => {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('backbone.status')).toHaveAttribute('data-origin', 'built-in', { timeout: 60_000 });
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  const slider = page.getByRole('slider', { name: '冻结深度：可训练的块' });
  await expect(slider).toHaveAttribute('aria-valuetext', '3 个块中 1 个可训练');
  await expect(page.getByTestId('backbone.block').first()).toContainText('冻结');
  await expect(page.getByTestId('backbone.block').last()).toContainText('可训练');
  // Nothing wider than the screen; the controls are big enough to touch.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const radio = page.locator('.backbone-option').first();
  expect((await radio.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  expect((await page.getByLabel('轮数（epoch）').boundingBox())!.height).toBeGreaterThanOrEqual(44);
  await page.locator('#backbone').screenshot({ path: screenshotPath('backbone-narrow-zh-CN') });
  await page.locator('#strategy').screenshot({ path: screenshotPath('strategy-narrow-zh-CN') });
  expect(await seriousViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
});
