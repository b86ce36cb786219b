import { expect, test } from '@playwright/test';
import { backbonePanel } from './backbonePanel';
import { dropFolder, FLOWERS_DIR, openFreshStudio, readFolder } from './datasetPage';
import { collectPageErrors, lastResult, percentInterval, screenshotPath } from './helpers';

/**
 * The whole flow on the user's own images: the flowers folder dropped as a dataset, the built-in MobileNet v1 0.25
 * chosen for photos, the Strategy panel set to feature extraction and fine-tune:1 at 128 px for a few epochs;
 * Run uses exactly these, and the curves and summary appear.
 */
test('flowers with MobileNet v1 0.25: feature extraction and fine-tune:1 from the Strategy panel', async ({
  page,
}, testInfo) => {
  const errors = collectPageErrors(page);
  const dataset = await openFreshStudio(page);
  await dropFolder(dataset.dropZone, readFolder(FLOWERS_DIR));
  await dataset.waitForImport('done');

  // Photos: the built-in MobileNet replaces the digits network by itself.
  const panel = backbonePanel(page);
  await expect(panel.radio(/MobileNet v1, α = 0\.25/)).toBeChecked({ timeout: 60_000 });
  await expect(panel.status()).toHaveAttribute('data-origin', 'built-in', { timeout: 60_000 });
  await expect(panel.blocks()).toHaveCount(13, { timeout: 60_000 });
  await expect(panel.slider()).toHaveAttribute('aria-valuetext', '1 of 13 blocks trainable');

  // Before Run: the cost estimate; the defaults (scratch among 3 strategies × 3 seeds at 224 px) warn, with the
  // one-click class-sized budget.
  const estimate = page.getByTestId('runBar.estimate');
  await expect(estimate).toHaveAttribute('data-state', 'ready', { timeout: 180_000 });
  await expect(page.getByTestId('strategy.scratch')).toBeChecked();
  await expect(page.getByTestId('runBar.costWarning')).toBeVisible();
  await expect(page.getByTestId('runBar.classSized')).toBeVisible();
  await page.locator('#experiment').screenshot({ path: screenshotPath('cost-warning-mobilenet-224-en') });
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByTestId('runBar.costWarning')).not.toContainText(/[A-Za-z]{4,}/);
  await page.locator('#experiment').screenshot({ path: screenshotPath('cost-warning-mobilenet-224-zh') });
  await page.getByLabel('语言').selectOption('en');

  // The Strategy panel: errors inline while a field is wrong, Run waits for a valid setup.
  const strategy = page.locator('#strategy');
  await strategy.getByTestId('strategy.scratch').uncheck();
  await strategy.getByLabel('Epochs').fill('0');
  await expect(page.getByTestId('epochs.error')).toHaveText('Enter a whole number from 1 to 500.');
  await expect(page.getByRole('button', { name: 'Run experiment' })).toBeDisabled();
  await strategy.getByLabel('Epochs').fill('4');
  await expect(page.getByTestId('epochs.error')).toHaveCount(0);
  await strategy.getByLabel('Seeds').fill('1');
  await strategy.getByLabel('Image size (px)').fill('128');
  await expect(page.getByTestId('strategy.summary')).toHaveText(
    'Strategies × seeds: 2 × 1 = 2 trainings, 4 epochs each.',
  );
  await strategy.screenshot({ path: screenshotPath('strategy-panel-flowers') });
  await expect(estimate).toHaveAttribute('data-state', 'ready', { timeout: 180_000 });
  const estimateSeconds = Number(await estimate.getAttribute('data-seconds'));
  expect(estimateSeconds).toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Run experiment' }).click();
  await expect(page.getByTestId('experiment.status')).toHaveAttribute('data-status', /done|error|cancelled/, {
    timeout: 8 * 60_000,
  });
  await expect(page.getByTestId('experiment.status')).toHaveAttribute('data-status', 'done');

  const result = await lastResult(page);
  expect(result).not.toBeNull();
  expect(result!.config).toMatchObject({
    backbone: 'mobilenet_v1_0.25',
    strategies: ['feature-extraction', 'fine-tune:1'],
    epochs: 4,
    seeds: 1,
    imageSize: 128,
    validationFraction: 0.2,
  });
  expect(result!.dataset).toMatchObject({
    name: 'flowers',
    classNames: ['daisy', 'dandelion', 'rose', 'sunflower', 'tulip'],
    trainCount: 160,
    validationCount: 40,
  });
  expect(result!.runs.map((r) => [r.strategy, r.curve.length])).toEqual([
    ['feature-extraction', 5],
    ['fine-tune:1', 5],
  ]);

  // Curves and the summary on screen, with the engine's numbers.
  await expect(page.getByTestId('curves.empty')).toHaveCount(0);
  await expect(page.locator('#curves .recharts-line').first()).toBeVisible();
  for (const s of result!.summary) {
    await expect(page.getByTestId(`summary.auc.${s.strategy}`)).toHaveText(percentInterval(s.metrics.auc));
  }
  // Near-ImageNet photos: the pretrained features are far better than chance (20 %).
  for (const s of result!.summary) expect(s.metrics.plateau.mean).toBeGreaterThan(0.5);
  testInfo.annotations.push({
    type: 'cost estimate before Run / run seconds',
    description: `${estimateSeconds} / ${result!.seconds.toFixed(1)}`,
  });
  testInfo.annotations.push({
    type: 'flowers summary',
    description: JSON.stringify(result!.summary.map((s) => [s.strategy, s.metrics.auc.mean])),
  });
  await page.screenshot({ path: screenshotPath('backbone-flowers-run-done'), fullPage: true });
  expect(errors).toEqual([]);
});
