import { expect, test } from '@playwright/test';
import { backbonePanel, backboneState, dropModelFiles, modelFolderFiles } from './backbonePanel';
import { collectPageErrors, screenshotPath } from './helpers';

/**
 * A model folder dropped on the Backbone panel: a missing weights file is named and nothing changes (the previous
 * backbone stays selected and loaded); a model.json that is not JSON is named; the whole folder then loads.
 */
test('a dropped model folder with a missing shard is refused by name; the previous backbone stays', async ({ page }) => {
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

  // Picking files works the same way; a model.json that is not JSON is named too.
  await page.getByTestId('backbone.files').setInputFiles([{ name: 'model.json', mimeType: 'application/json', buffer: Buffer.from('<!doctype html>') }]);
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
  expect(errors).toEqual([]);
});
