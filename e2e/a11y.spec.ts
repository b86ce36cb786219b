import { expect, test } from '@playwright/test';
import { screenshotPath, seriousViolations } from './helpers';

test('the first screen has no serious or critical accessibility violations, in English and Chinese', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Run experiment' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByRole('button', { name: '运行实验' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.screenshot({ path: screenshotPath('first-screen-zh-CN'), fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);
});
