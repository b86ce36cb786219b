import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { backbonePanel, dropModelFiles, modelFolderFiles } from './backbonePanel';
import { dropFolder, FLOWERS_DIR, openFreshStudio, readFolder } from './datasetPage';
import { collectPageErrors, lastResult, percentInterval, screenshotPath, seriousViolations } from './helpers';
import { expectSummaryMatches } from './summaryChecks';

/**
 * The studio as one product: full-page screenshots of each main screen (looked at by a person; see
 * test-results/screenshots/screen-*.png), and what holds them together: the steps navigation, the Run bar that
 * stays on screen, and the overview describing the CURRENT setup (dataset, split per class, backbone and its
 * origin, strategies with the freeze depth, budget), with a way back to the built-in digits demo.
 */
const SEVEN = '/work/shared/datasets/digits-mnist/7/seven_0.png';

async function waitForStudio(page: Page) {
  await expect(page.getByTestId('settings.backend')).toHaveAttribute('data-backend', /.+/, { timeout: 120_000 });
  await expect(page.getByTestId('backbone.status')).toHaveAttribute('data-origin', /built-in|downloaded|cached|files/, {
    timeout: 60_000,
  });
}

/** Sets the Strategy panel's budget through its own fields. */
async function setBudget(
  page: Page,
  { seeds, epochs, imageSize }: { seeds: number; epochs: number; imageSize?: number },
) {
  const strategy = page.locator('#strategy');
  await strategy.getByLabel('Seeds').fill(String(seeds));
  await strategy.getByLabel('Epochs').fill(String(epochs));
  if (imageSize !== undefined) await strategy.getByLabel('Image size (px)').fill(String(imageSize));
}

async function runAndWait(page: Page, timeout = 8 * 60_000) {
  await page.getByTestId('experiment.run').click();
  await expect(page.getByTestId('experiment.status')).toHaveAttribute('data-status', /done|error|cancelled/, {
    timeout,
  });
  await expect(page.getByTestId('experiment.status')).toHaveAttribute('data-status', 'done');
}

/** The Run bar is inside the viewport (it sticks to the top while the page scrolls). */
async function expectRunBarOnScreen(page: Page) {
  const box = await page.getByTestId('experiment.run').boundingBox();
  expect(box).not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(page.viewportSize()!.height);
}

async function dropFile(target: Locator, path: string, type: string): Promise<void> {
  const base64 = readFileSync(path).toString('base64');
  const name = path.split('/').pop()!;
  await target.evaluate(
    (element, { base64, name, type }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], name, { type }));
      for (const kind of ['dragenter', 'dragover', 'drop'])
        element.dispatchEvent(new DragEvent(kind, { bubbles: true, cancelable: true, dataTransfer: transfer }));
    },
    { base64, name, type },
  );
}

test.describe('desktop', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('first screen, Chinese, a finished digits run and Predict', async ({ page }) => {
    test.setTimeout(12 * 60_000);
    const errors = collectPageErrors(page);
    await openFreshStudio(page);
    await waitForStudio(page);

    // The first screen: the demo's story, the steps, Run at hand.
    await expect(page.getByRole('heading', { level: 2, name: 'Built-in experiment: digits 0–4 → 5–9' })).toBeVisible();
    const steps = page.getByRole('navigation', { name: 'Steps' }).getByRole('link');
    await expect(steps).toHaveText([
      '1Data',
      '2Backbone',
      '3Strategy',
      '4Run & results',
      'Sweeps',
      'Predict',
      'Instant classifier',
      'Few-shot lab',
    ]);
    await expect(page.getByTestId('setup.split')).toHaveText('10 for training, 50 for validation, in each class');
    await expect(page.getByTestId('setup.backbone')).toHaveText(
      'Digits VGG (built-in), trained here on MNIST digits 0–4',
    );
    await expect(page.getByTestId('setup.reset')).toHaveCount(0);
    await expect(page.getByTestId('runBar.setup')).toHaveText(
      'Digits 5–9 · Digits VGG (built-in) · 9 trainings of 20 epochs',
    );
    await expectRunBarOnScreen(page);
    await page.screenshot({ path: screenshotPath('screen-first') });
    await page.screenshot({ path: screenshotPath('screen-first-full'), fullPage: true });

    // A step link jumps to its section, below the sticky bar, and the Run bar stays on screen.
    await steps.filter({ hasText: 'Strategy' }).click();
    await expect(steps.filter({ hasText: 'Strategy' })).toHaveAttribute('aria-current', 'step');
    const heading = await page.locator('#strategy h2').boundingBox();
    const bar = await page.locator('.studio-bar').boundingBox();
    expect(heading!.y).toBeGreaterThanOrEqual(bar!.y + bar!.height - 1);
    await expectRunBarOnScreen(page);

    // Chinese.
    await page.getByLabel('Language').selectOption('zh-CN');
    await expect(page.getByRole('button', { name: '运行实验' })).toBeVisible();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: screenshotPath('screen-zh-CN-full'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('语言').selectOption('en');
    await expect(page.getByRole('button', { name: 'Run experiment' })).toBeVisible();

    // A finished digits run (2 seeds × 6 epochs keeps it short); the overview follows the Strategy panel.
    await setBudget(page, { seeds: 2, epochs: 6 });
    await expect(page.getByTestId('setup.budget')).toHaveText('6 epochs × 2 seeds, batch 16, 28 px images');
    await expect(page.getByTestId('setup.reset')).toBeVisible();
    await runAndWait(page);
    const result = (await lastResult(page))!;
    expect(result.config).toMatchObject({ backbone: 'digits-vgg', seeds: 2, epochs: 6 });
    expect(result.config.modelUrl).toBeUndefined();
    await expect(page.getByTestId('experiment.status')).toContainText('Backbone: Digits VGG (built-in).');
    // Run brought the curves into view.
    await expect(page.locator('#curves .recharts-line').first()).toBeInViewport();
    await expect(page.getByTestId('summary.verdict')).toBeVisible();
    await page.screenshot({ path: screenshotPath('screen-digits-done') });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: screenshotPath('screen-digits-done-full'), fullPage: true });
    // The summary is the worker's result, cell by cell (issue #12); then in Chinese, the same numbers in Chinese words.
    await expectSummaryMatches(page, result);
    await page.getByTestId('summary.verdict').evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: screenshotPath('screen-summary-en') });
    await page.getByLabel('Language').selectOption('zh-CN');
    await expect(page.getByTestId('summary.gains')).toContainText('相对从零训练的增益');
    await expect(page.getByTestId('summary.intervals')).toContainText('个种子');
    for (const s of result.summary) {
      await expect(page.getByTestId(`summary.plateau.${s.strategy}`)).toHaveText(percentInterval(s.metrics.plateau));
      if (s.verdict) await expect(page.getByTestId(`summary.verdict.${s.strategy}`)).toContainText('从零训练');
    }
    await page.getByTestId('summary.verdict').evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: screenshotPath('screen-summary-zh-CN') });
    await page.getByLabel('语言').selectOption('en');
    await expect(page.getByTestId('summary.gains')).toContainText('Gains over training from scratch');

    // Predict: a classifier on the digits, a dropped 7.
    await page.getByRole('navigation', { name: 'Steps' }).getByRole('link', { name: 'Predict' }).click();
    await page.getByTestId('classifier.train').click();
    await expect(page.getByTestId('classifier.item')).toHaveCount(1, { timeout: 5 * 60_000 });
    await dropFile(page.getByTestId('predict.drop'), SEVEN, 'image/png');
    await expect(page.getByTestId('predict.image.top')).toHaveText('Most likely: 7', { timeout: 60_000 });
    await page.locator('#predict').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('screen-predict') });
    await page.locator('#predict').screenshot({ path: screenshotPath('screen-predict-panel') });

    // Back to the demo's defaults.
    await page.getByTestId('setup.reset').click();
    await expect(page.getByTestId('setup.reset')).toHaveCount(0);
    await expect(page.locator('#epochs')).toHaveValue('20');
    await expect(page.locator('#seeds')).toHaveValue('3');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('flowers with MobileNet from dropped files: the overview, the run and its result name the setup', async ({
    page,
  }) => {
    test.setTimeout(10 * 60_000);
    const errors = collectPageErrors(page);
    const dataset = await openFreshStudio(page);
    await waitForStudio(page);
    await dropFolder(dataset.dropZone, readFolder(FLOWERS_DIR));
    await dataset.waitForImport('done');
    await dropModelFiles(page, modelFolderFiles('mobilenet_v1_0.25_224'));
    const panel = backbonePanel(page);
    await expect(panel.status()).toHaveAttribute('data-origin', 'files', { timeout: 60_000 });
    await expect(panel.blocks()).toHaveCount(13, { timeout: 60_000 });

    // The overview describes THIS setup.
    const overview = page.locator('#setup');
    await expect(overview.getByRole('heading', { level: 2 })).toHaveText(
      'Your experiment: flowers with MobileNet v1, α = 0.25',
    );
    await expect(page.getByTestId('setup.intro')).toContainText(
      'learned from ImageNet’s photos help to recognise the 5 classes of “flowers” from 160 training images',
    );
    await expect(page.getByTestId('setup.dataset')).toHaveText(
      '“flowers”, 5 classes: daisy, dandelion, rose, sunflower, tulip',
    );
    await expect(page.getByTestId('setup.split')).toHaveText('32 for training, 8 for validation, in each class');
    await expect(page.getByTestId('setup.backbone')).toContainText(
      'MobileNet v1, α = 0.25, pretrained on ImageNet (1,000 classes) · from your files (model.json)',
    );
    await expect(
      overview.getByRole('list', { name: 'One image of each class of “flowers”' }).getByRole('img'),
    ).toHaveCount(5);
    await expect(
      overview.getByRole('list', { name: 'One image of each class of “flowers”' }).getByRole('img', { name: 'tulip' }),
    ).toBeVisible();

    // A short run: feature extraction only, 1 seed, 3 epochs at 96 px.
    await page.getByTestId('strategy.scratch').uncheck();
    await page.getByTestId('strategy.fine-tune').uncheck();
    await setBudget(page, { seeds: 1, epochs: 3, imageSize: 96 });
    await expect(page.getByTestId('setup.budget')).toHaveText('3 epochs × 1 seed, batch 16, 96 px images');
    await expect(page.getByTestId('runBar.setup')).toHaveText(
      'flowers · MobileNet v1, α = 0.25 · 1 training of 3 epochs',
    );
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: screenshotPath('screen-flowers-mobilenet') });
    await page.screenshot({ path: screenshotPath('screen-flowers-mobilenet-full'), fullPage: true });

    await runAndWait(page);
    const result = (await lastResult(page))!;
    expect(result.config).toMatchObject({
      backbone: 'mobilenet_v1_0.25',
      modelUrl: 'files:model.json',
      strategies: ['feature-extraction'],
      imageSize: 96,
    });
    expect(result.dataset.classNames).toEqual(['daisy', 'dandelion', 'rose', 'sunflower', 'tulip']);
    await expect(page.getByTestId('experiment.status')).toContainText(
      'Backbone: MobileNet v1, α = 0.25, from your files (model.json).',
    );
    await expect(page.getByTestId('runs.title')).toContainText('MobileNet v1, α = 0.25, from your files (model.json)');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});

test.describe('phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('390 px: the steps and Run fit, nothing scrolls sideways', async ({ page }) => {
    await page.goto('/');
    await waitForStudio(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    const run = await page.getByTestId('experiment.run').boundingBox();
    expect(run!.height).toBeGreaterThanOrEqual(44);
    for (const link of await page.getByRole('navigation', { name: 'Steps' }).getByRole('link').all()) {
      expect((await link.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    }
    // The sticky bar leaves most of the screen to the page.
    expect((await page.locator('.studio-bar').boundingBox())!.height).toBeLessThan(844 / 4);
    await page.screenshot({ path: screenshotPath('screen-phone') });
    await page.screenshot({ path: screenshotPath('screen-phone-full'), fullPage: true });
    await page
      .getByRole('navigation', { name: 'Steps' })
      .getByRole('link', { name: /Backbone/ })
      .tap();
    await expectRunBarOnScreen(page);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
