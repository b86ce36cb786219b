import { expect, test, type Page } from '@playwright/test';
import { openFreshStudio } from './datasetPage';
import { collectPageErrors, screenshotPath } from './helpers';

/**
 * Share links (issue 17): a copied link with hide= opens the same experiment with those controls gone, in the other
 * language; a hostile link gives the defaults and a notice, never a crash; present=1 shows the curves only.
 */
/**
 * Another visitor in the same tab: the app page is left first (it saves its setup whenever its backbone or strategy
 * changes, which under load can come after any wait), then this origin's localStorage is cleared.
 */
async function asNewVisitor(page: Page) {
  const origin = new URL(page.url()).origin;
  await page.goto('about:blank');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'local_storage' });
  await cdp.detach();
}

test('a copied link with hide= opens the same experiment, controls gone, in Chinese; hostile links get defaults', async ({
  page,
}) => {
  const errors = collectPageErrors(page);
  await openFreshStudio(page);
  await page.locator('#seeds').fill('2');
  await page.locator('#epochs').fill('5');
  await page.getByTestId('strategy.scratch').uncheck();
  await page.getByText('Share this experiment').click();
  await page.getByTestId('share.hide.backbone').check();
  await page.getByTestId('share.hide.seeds').check();
  await page.getByTestId('settings.language').selectOption('zh-CN');
  const link = await page.getByTestId('share.link').inputValue();
  expect(link).toContain('lang=zh-CN');
  expect(link).toContain('hide=backbone%2Cseeds');
  await page.locator('header').screenshot({ path: screenshotPath('share-controls-zh') });

  // Another visitor: nothing saved in this browser, only the link.
  await asNewVisitor(page);
  await page.goto(link);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.locator('section#dataset')).toBeVisible();
  await expect(page.locator('section#backbone')).toBeHidden();
  await expect(page.locator('#seeds')).toBeHidden();
  await expect(page.locator('#epochs')).toHaveValue('5');
  const strategy = await page.evaluate(() => window.__transferStudio?.state().strategy);
  expect(strategy).toMatchObject({ seeds: 2, epochs: 5, strategies: ['feature-extraction', 'fine-tune:1'] });
  expect(await page.evaluate(() => window.__transferStudio?.state().dataset.kind)).toBe('sample');
  await expect(page.getByTestId('share.notice')).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('share-link-opened-zh'), fullPage: true });

  // Hostile values: defaults and a notice naming each one.
  await asNewVisitor(page);
  await page.goto(
    '/?seeds=99999&backbone=__proto__&lang=xx&strategies=scratch,<script>&hide=<img%20src=x>,dataset&epochs=1e400',
  );
  const notice = page.getByTestId('share.notice');
  await expect(notice).toBeVisible();
  for (const field of ['seeds', 'backbone', 'lang', 'strategies', 'hide', 'epochs'])
    await expect(notice).toContainText(field);
  await expect(page.locator('section#dataset')).toBeHidden();
  const after = await page.evaluate(() => window.__transferStudio?.state());
  expect(after?.strategy).toMatchObject({ seeds: 3, epochs: 20 });
  expect(after?.backbone.id).toBe('digits-vgg');
  await page.screenshot({ path: screenshotPath('share-link-hostile') });

  // Present view: the curves, large, and a way back.
  await page.goto('/?present=1&lang=en');
  await expect(page.locator('section#curves')).toBeVisible();
  await expect(page.locator('header.app-header')).toBeHidden();
  await expect(page.locator('section#strategy')).toBeHidden();
  await page.getByTestId('present.exit').click();
  await expect(page.locator('section#strategy')).toBeVisible();
  expect(errors).toEqual([]);
});
