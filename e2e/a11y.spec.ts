import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { screenshotPath } from './helpers';

/** Serious and critical WCAG 2.1 A/AA violations, each with the offending elements, for a readable failure. */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

test('the first screen has no serious or critical accessibility violations, in English and Chinese', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Run experiment' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByRole('button', { name: '运行实验' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.screenshot({ path: screenshotPath('first-screen-zh-CN'), fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);
});
