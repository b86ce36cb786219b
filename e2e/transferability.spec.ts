import { expect, test, type Page } from '@playwright/test';
import { dropFolder, openFreshStudio, readFolder } from './datasetPage';
import { collectPageErrors, lastResult, percentInterval, screenshotPath } from './helpers';

/**
 * "How well will it transfer?" and the domain-shift meter in the Backbone step, on the built-in digits (5–9) and
 * then on MNIST-M dropped as a folder: the table shows the worker's scores and ranks, "Estimate and check" adds
 * the measured accuracy of a classifier at every candidate and each score's τ, and the meter tells MNIST-M from
 * the built-in handwriting; the domain-adaptation preset then runs MNIST 0–9 → its built-in synthetic target (the
 * next 30 digits per class on colour backgrounds, made in the worker; MNIST-M stays selectable as the current
 * dataset) with source only, CORAL, DAN, DANN and the oracle, and shows its curves and gains against source only.
 * English and Chinese, with screenshots.
 */
const MNISTM_DIR = '/work/shared/datasets/digits-mnistm';

type Transfer = NonNullable<Awaited<ReturnType<typeof transferState>>>;
async function transferState(page: Page) {
  return page.evaluate(() => window.__transferStudio?.state().transfer ?? null);
}

/** 1-based ranks of `values` (higher first, ties in list order), written independently of the app's helper. */
function ranks(values: (number | null)[]): string[] {
  const order = values
    .map((v, i) => ({ v, i }))
    .filter((x) => x.v !== null)
    .sort((a, b) => (b.v as number) - (a.v as number) || a.i - b.i);
  const out = values.map(() => '—');
  order.forEach(({ i }, r) => (out[i] = String(r + 1)));
  return out;
}

test('scores, measured check and shift meter, in English and Chinese', async ({ page }) => {
  const errors = collectPageErrors(page);
  await openFreshStudio(page);
  const panel = page.getByTestId('transfer.panel');
  await panel.scrollIntoViewIfNeeded();
  await expect(panel.getByRole('heading', { name: 'How well will it transfer?' })).toBeVisible();

  // Estimate and check on the built-in digits: 2 built-in backbones × 3 cuts, each then trained and measured.
  await page.getByTestId('transfer.check').click();
  await expect(page.getByTestId('transfer.agreement')).toBeVisible({ timeout: 8 * 60_000 });
  const state = (await transferState(page)) as Transfer;
  const score = state.score!;
  expect(score.status).toBe('done');
  expect(score.candidates.map((c) => `${c.backbone}@${c.cut}`)).toEqual([
    'digits-vgg@block3_pool',
    'digits-vgg@block2_pool',
    'digits-vgg@block1_pool',
    'mobilenet_v1_0.25@conv_pw_13_relu',
    'mobilenet_v1_0.25@conv_pw_11_relu',
    'mobilenet_v1_0.25@conv_pw_9_relu',
  ]);
  // The predicted ranks on screen are the worker's LogME values ranked; the measured ranks its accuracies.
  const predicted = ranks(score.candidates.map((c) => c.scores.logme));
  const measured = score.candidates.map((c) => c.measured!.accuracy.mean);
  for (const [i, c] of score.candidates.entries()) {
    await expect(page.getByTestId(`transfer.predicted.${i}`)).toHaveText(predicted[i]);
    await expect(page.getByTestId(`transfer.measured.${i}`)).toContainText(
      `${(c.measured!.accuracy.mean * 100).toFixed(1)} % (`,
    );
    for (const value of Object.values(c.scores)) expect(Number.isFinite(value)).toBe(true);
  }
  expect(measured.every((a) => a > 0.2)).toBe(true);
  expect(score.agreement!.map((a) => a.score)).toEqual(['logme', 'leep', 'nce', 'hscore', 'gbc', 'knn']);
  // Another score reorders the prediction.
  await page.getByTestId('transfer.rankBy').selectOption('knn');
  const byKnn = ranks(score.candidates.map((c) => c.scores.knn));
  for (const i of score.candidates.keys())
    await expect(page.getByTestId(`transfer.predicted.${i}`)).toHaveText(byKnn[i]);
  await panel.screenshot({ path: screenshotPath('transfer-scores-checked-en') });

  // MNIST-M as the user's dataset; the shift meter against the built-in handwriting, in digits-vgg's features.
  const drop = page.getByTestId('dataset.dropZone');
  await dropFolder(drop, readFolder(MNISTM_DIR));
  await expect(page.getByTestId('dataset.import')).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  // The estimate above was for the built-in digits: it says so once another dataset is selected.
  await expect(page.getByTestId('transfer.stale')).toContainText('MNIST digits 5–9');
  await page.getByTestId('transfer.shift.measure').scrollIntoViewIfNeeded();
  await page.getByTestId('transfer.shift.measure').click();
  await expect(page.getByTestId('transfer.shift.result')).toBeVisible({ timeout: 4 * 60_000 });
  const shift = (await transferState(page))!.shift!.result!;
  expect(shift.shift.mmd.pValue).toBeLessThan(0.05);
  expect(['moderate', 'large']).toContain(shift.shift.level);
  const pad = shift.shift.proxyADistance;
  await expect(page.getByTestId('transfer.shift.pad')).toHaveText(
    `${pad.mean.toFixed(2)} (95 % CI ${pad.ci95![0].toFixed(2)}–${pad.ci95![1].toFixed(2)})`,
  );
  await expect(page.getByTestId('transfer.shift.level')).toHaveText(
    shift.shift.level === 'large' ? 'Large shift' : 'Moderate shift',
  );
  await page.locator('.shift-meter').screenshot({ path: screenshotPath('transfer-shift-en') });

  // Domain adaptation offline: built-in MNIST 0–9 labelled, the built-in synthetic colour digits the target (the
  // default), the imported MNIST-M offered as the other target. The table shows the worker's summary: plateaus and
  // paired gains against source only, the floor; the oracle the ceiling.
  const adapt = page.getByTestId('adaptation.panel');
  const target = adapt.getByTestId('adaptation.target');
  await expect(target).toHaveValue('synthetic');
  await expect(target.locator('option')).toHaveText([
    'built-in digits 0–9 on synthetic colour backgrounds (MNIST-M-style, not MNIST-M)',
    /^current dataset: “digits-mnistm/,
  ]);
  await adapt.getByTestId('adaptation.run').click();
  await expect(adapt.getByTestId('adaptation.table')).toBeVisible({ timeout: 4 * 60_000 });
  const adapted = (await lastResult(page))!;
  expect(adapted.source?.name).toBe('MNIST digits 0–9');
  expect(adapted.dataset.name).toBe('MNIST digits 0–9, synthetic colour backgrounds (seed 1)');
  expect(adapted.dataset.trainCount + adapted.dataset.validationCount).toBe(300);
  expect(adapted.runs.length).toBe(10);
  expect(adapted.summary.map((s) => s.strategy)).toEqual(['source-only', 'coral', 'dan', 'dann', 'oracle']);
  await expect(adapt.getByTestId('adaptation.row.source-only')).toContainText('the baseline');
  for (const s of adapted.summary) {
    const row = adapt.getByTestId(`adaptation.row.${s.strategy}`);
    await expect(row).toContainText(percentInterval(s.metrics.plateau));
    if (s.transferGain) {
      const words = { above: 'clearly better', below: 'clearly worse', unclear: 'no clear difference' };
      await expect(row).toContainText(words[s.transferGain.plateau.direction]);
    }
  }
  await expect(adapt.getByTestId('adaptation.curves').locator('.recharts-line').first()).toBeVisible();
  await adapt.screenshot({ path: screenshotPath('transfer-adaptation-en') });
  // Run & results names the baseline: the glossary's gains and verdict are against source only here.
  await expect(page.getByTestId('metrics.baselineNote')).toContainText('read “source only”');

  // Chinese: the same numbers, every label translated.
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(panel.getByRole('heading', { name: '迁移效果能有多好？' })).toBeVisible();
  await expect(page.getByTestId('transfer.shift.level')).toHaveText(
    shift.shift.level === 'large' ? '差异大' : '差异中等',
  );
  await expect(page.getByTestId('transfer.shift.pad')).toContainText('95 % 置信区间');
  await page.locator('.shift-meter').screenshot({ path: screenshotPath('transfer-shift-zh-CN') });
  await expect(adapt.getByRole('heading', { name: '领域自适应：手写数字 → 彩色背景上的数字' })).toBeVisible();
  await expect(target.locator('option').first()).toHaveText('内置数字 0–9，合成彩色背景（MNIST-M 风格，并非 MNIST-M）');
  await expect(adapt.getByTestId('adaptation.row.source-only')).toContainText('基线');
  await expect(adapt.getByTestId('adaptation.row.oracle')).toContainText('目标域上限');
  await adapt.screenshot({ path: screenshotPath('transfer-adaptation-zh-CN') });
  await panel.screenshot({ path: screenshotPath('transfer-panel-zh-CN') });
  expect(errors).toEqual([]);
});
