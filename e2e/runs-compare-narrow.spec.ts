import { devices, expect, test } from '@playwright/test';
import { collectPageErrors, lastResult, screenshotPath, seriousViolations } from './helpers';

/**
 * A phone, in Chinese, by touch and keyboard: two runs (the second with fewer epochs) in the history, shown as cards
 * without horizontal scrolling; both ticked for a side-by-side comparison (stacked on a narrow screen); a confusion
 * cell opened from the keyboard; a classifier trained by a tap. No serious accessibility violations.
 */
const { defaultBrowserType: _unused, ...phone } = devices['Pixel 5'];
test.use({ ...phone });

test('two runs compared on a phone in Chinese, by touch and keyboard', async ({ page }) => {
  test.setTimeout(20 * 60_000);
  const errors = collectPageErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('settings.backend')).toHaveAttribute('data-backend', /.+/, { timeout: 120_000 });
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByRole('button', { name: '运行实验' })).toBeVisible();

  const finish = async () => {
    await expect(page.getByTestId('experiment.status')).toHaveAttribute('data-status', /done|error|cancelled/, {
      timeout: 12 * 60_000,
    });
    await expect(page.getByTestId('experiment.status')).toHaveAttribute('data-status', 'done');
  };
  // The first run at 1 seed × 6 epochs (set in the Strategy panel; e2e/digits-demo.spec.ts runs the full 3 × 20).
  await page.locator('#seeds').fill('1');
  await page.getByLabel('轮数（epoch）').fill('6');
  await page.getByRole('button', { name: '运行实验' }).tap();
  await finish();
  const first = (await lastResult(page))!;
  expect(first.config).toMatchObject({ seeds: 1, epochs: 6 });
  await page.getByLabel('轮数（epoch）').fill('3');
  await page.getByTestId('experiment.run').tap();
  await finish();
  const second = (await lastResult(page))!;
  expect(second.config.epochs).toBe(3);

  // Nothing wider than the screen; each run is a card.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  const rows = page.getByTestId('runs.history').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  expect(await rows.first().evaluate((tr) => getComputedStyle(tr).display)).toBe('block');
  await expect(rows.first().getByText('完成')).toBeVisible();
  await page.getByTestId('runs.history').screenshot({ path: screenshotPath('runs-history-phone-zh') });

  // Tick both: two cards, one above the other, each with its own summary.
  for (const box of await page.getByTestId('runs.compare').all()) await box.tap();
  const cards = page.getByTestId('runs.compared');
  await expect(cards).toHaveCount(2);
  const [a, b] = [await cards.nth(0).boundingBox(), await cards.nth(1).boundingBox()];
  expect(b!.y).toBeGreaterThan(a!.y + a!.height - 1);
  await expect(cards.nth(0).locator('.recharts-line').first()).toBeVisible();
  await expect(cards.nth(1).getByTestId(`summary.auc.${second.summary[0].strategy}`)).toBeVisible();
  await page.getByTestId('runs.comparison').screenshot({ path: screenshotPath('runs-compare-phone-zh') });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
  await page.getByTestId('runs.clearCompare').tap();

  // Show the first run again; open a confusion cell from the keyboard.
  await rows.nth(1).getByTestId('runs.show').tap();
  await expect(page.getByTestId('runs.title')).toHaveAttribute(
    'data-run',
    (await rows.nth(1).getAttribute('data-testid'))!.replace('runs.row.', ''),
  );
  await page.getByTestId('confusion.strategy').selectOption('scratch');
  const open = page.locator('[data-testid="confusion.table"] button').first();
  await open.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('misclassified.gallery')).toBeVisible();
  await expect(page.getByTestId('misclassified.gallery').getByRole('heading')).toBeFocused();
  await expect(page.getByTestId('misclassified.image').first()).toBeVisible();
  expect(first.runs.length).toBe(3);

  // A classifier by a tap.
  await page.getByTestId('classifier.train').tap();
  await expect(page.getByTestId('classifier.item')).toHaveCount(1, { timeout: 5 * 60_000 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: screenshotPath('runs-predict-phone-zh'), fullPage: true });
  expect(errors).toEqual([]);
});
