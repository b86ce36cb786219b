import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { SweepResult } from '../src/core/sweep/types';
import { collectPageErrors, screenshotPath } from './helpers';

/**
 * The Sweeps step: a newcomer starts the depth sweep in three clicks or fewer from the first screen; the selffer and
 * multi-task presets run and their charts and readings show the engine's numbers, in English and Chinese. Budgets
 * are cut (seeds, epochs) so the whole file stays a few minutes on two cores.
 */

/** The sweep the store shows, as the worker sent it (null until done). */
function shownResult(page: Page): Promise<SweepResult | null> {
  return page.evaluate(() => window.__transferStudio?.state().sweeps.current?.result ?? null);
}

/** "81.2 % [78.0, 84.4]", written independently of the app's formatting. */
function interval(mean: number, ci: [number, number] | null): string {
  const p = (x: number) => `${(x * 100).toFixed(1)} %`;
  return ci ? `${p(mean)} [${p(ci[0])}, ${p(ci[1])}]` : `${p(mean)} (no interval: one training)`;
}

async function setBudget(page: Page, seeds: number, repeats: number, epochs: number) {
  await page.locator('#sweep-seeds').fill(String(seeds));
  await page.locator('#sweep-repeats').fill(String(repeats));
  await page.locator('#sweep-epochs').fill(String(epochs));
}

/** The Sweeps section as it stands, page scrolled to the top so the sticky bar does not cover it. */
async function shoot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = await page.locator('#sweeps').boundingBox();
  await page.screenshot({ path: screenshotPath(name), fullPage: true, clip: box ?? undefined });
}

async function runToEnd(page: Page) {
  await page.getByTestId('sweeps.start').click();
  await expect(page.getByTestId('sweeps.results')).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('sweeps.results')).toHaveAttribute('data-status', /done|failed|cancelled/, {
    timeout: 8 * 60_000,
  });
  await expect(page.getByTestId('sweeps.results')).toHaveAttribute('data-status', 'done');
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('settings.backend')).toHaveAttribute('data-backend', /.+/, { timeout: 60_000 });
});

test('a newcomer starts the depth sweep in two clicks; a short one draws depth, scratch band, numbers, history', async ({
  page,
}) => {
  // One page for the whole flow (the default sweep started and cancelled, then a short one run to the end): one
  // page load and backend start instead of two.
  const errors = collectPageErrors(page);
  await page.getByTestId('steps.sweeps').click();
  await expect(page.getByTestId('sweeps.preset.depth')).toBeChecked();
  await expect(page.getByTestId('sweeps.cost')).toContainText('20 trainings');
  await page.getByTestId('sweeps.start').click();
  await expect(page.getByTestId('sweeps.results')).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('sweeps.status')).toContainText(/Training \d+ of 20/, { timeout: 60_000 });
  await page.getByTestId('sweeps.cancel').click();
  await expect(page.getByTestId('sweeps.results')).toHaveAttribute('data-status', 'cancelled', { timeout: 10_000 });

  // Two epochs are enough for the flow: the chart, the table and the reading show whatever the engine measured.
  await setBudget(page, 1, 2, 2);
  await runToEnd(page);
  expect(errors).toEqual([]);
  const result = (await shownResult(page))!;
  expect(result.cells.map((c) => c.strategy)).toEqual([
    'feature-extraction',
    'fine-tune:1',
    'fine-tune:2',
    'fine-tune:3',
    'scratch',
  ]);
  const chart = page.getByTestId('sweeps.depthChart.10');
  await expect(chart.locator('.recharts-line')).toHaveCount(1);
  await expect(chart.locator('.recharts-reference-area')).toHaveCount(1);
  const rows = page.locator('.sweep-points tbody tr');
  await expect(rows).toHaveCount(5);
  for (const [i, cell] of result.cells.entries()) {
    await expect(page.locator(`.sweep-points tr[data-cell="${i}"] [data-testid="sweeps.plateau"]`)).toHaveText(
      interval(cell.metrics.plateau.mean, cell.metrics.plateau.ci95),
    );
  }
  await expect(page.getByTestId('sweeps.reading')).toContainText('Yosinski et al. (2014)');
  await page.locator('.sweep-points tr[data-cell="1"] button').click();
  await expect(page.getByTestId('sweeps.cellCurves')).toContainText('fine-tune:1');
  await expect(page.getByTestId('sweeps.cellCurves').locator('.recharts-line')).toHaveCount(2);
  await shoot(page, 'sweeps-depth');

  // Kept in the browser: after a reload the finished sweep is in the history, one click from its charts again —
  // the cancelled one is not kept.
  await page.reload();
  await page.getByTestId('steps.sweeps').click();
  await page.locator('.sweep-history summary').click();
  await expect(page.locator('.sweep-history li')).toHaveCount(1);
  await page.locator('.sweep-history li button').click();
  await expect(page.locator(`.sweep-points tr[data-cell="0"] [data-testid="sweeps.plateau"]`)).toHaveText(
    interval(result.cells[0].metrics.plateau.mean, result.cells[0].metrics.plateau.ci95),
  );
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByTestId('sweeps.reading')).toContainText('Yosinski');
  await shoot(page, 'sweeps-depth-zh-CN');
});

test('selffer: AnB, BnB and AnB+ on one chart, read correctly in English and Chinese', async ({ page }) => {
  await page.getByTestId('steps.sweeps').click();
  await page.getByTestId('sweeps.preset.selffer').check();
  // One epoch: 13 cells × 2 repeats is the file's biggest run, and the readings check the engine's numbers.
  await setBudget(page, 1, 2, 1);
  await runToEnd(page);
  const selffer = (await shownResult(page))!;
  expect(selffer.config.series.map((s) => s.id)).toEqual(['AnB', 'BnB', 'AnB+']);
  const chart = page.getByTestId('sweeps.depthChart.20');
  await expect(chart.locator('.recharts-line')).toHaveCount(3);
  await expect(chart).toContainText('BnB (5–9 network)');
  const reading = page.getByTestId('sweeps.reading');
  await expect(reading).toContainText('fragile co-adaptation');
  // Each contrast the reading states is the engine's, with its verdict from the interval.
  const bnb = selffer.axes.depth[0].series.find((s) => s.id === 'BnB')!;
  const dip = bnb.points.find((p) => p.x === 2)!.versusDepth0!;
  const clear = dip.ci95 !== null && (dip.ci95[0] > 0 || dip.ci95[1] < 0);
  const signed = (x: number) => (x > 0 ? `+${(x * 100).toFixed(1)}` : `−${(-x * 100).toFixed(1)}`);
  await expect(reading).toContainText(
    `BnB (5–9 network), 2 blocks retrained, against none retrained: ${signed(dip.mean)} points, ${clear ? 'clear' : 'no clear difference'}.`,
  );
  await shoot(page, 'sweeps-selffer');
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByTestId('sweeps.reading')).toContainText('脆弱的协同适应');
  await shoot(page, 'sweeps-selffer-zh-CN');
});

test('multi-task against transfer: three curves against images per digit, and which wins where', async ({ page }) => {
  await page.getByTestId('steps.sweeps').click();
  await page.getByTestId('sweeps.preset.multitask').check();
  await setBudget(page, 1, 2, 1);
  await runToEnd(page);
  const multitask = (await shownResult(page))!;
  expect(multitask.dataset.auxiliary?.classNames).toEqual(['0', '1', '2', '3', '4']);
  const sizeChart = page.getByTestId('sweeps.sizeChart.transfer.3');
  await expect(sizeChart.locator('.recharts-line')).toHaveCount(3);
  await expect(page.getByTestId('sweeps.reading')).toContainText('Caruana 1997');
  await expect(page.getByTestId('sweeps.reading')).toContainText(
    /At 2 per digit (multi-task beats|transfer beats|no clear)/,
  );
  await shoot(page, 'sweeps-multitask');
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByTestId('sweeps.reading')).toContainText('多任务学习（Caruana 1997）');
  await expect(page.getByTestId('sweeps.reading')).toContainText(
    /每个数字 2 张时，(多任务比迁移高|迁移比多任务高|多任务与迁移没有明显差别)/,
  );
  await expect(page.getByTestId('sweeps.sizeChart.transfer.3').locator('.recharts-line')).toHaveCount(3);
  await shoot(page, 'sweeps-multitask-zh-CN');
});

test('negative transfer: the stored MNIST-M sweep (CLI), imported, reads as negative transfer at depth 0', async ({
  page,
}) => {
  // docs/results/sweep-negative-transfer.json: digits-vgg frozen on MNIST-M, below scratch (scripts/storedSweeps.test.ts).
  const file = new URL('../docs/results/sweep-negative-transfer.json', import.meta.url).pathname;
  const stored = JSON.parse(readFileSync(file, 'utf8')) as SweepResult;
  const frozen = stored.cells.find((c) => c.strategy === 'feature-extraction')!;
  expect(frozen.negativeTransfer).toBe(true);
  await page.getByTestId('runs.import.input').setInputFiles(file);
  await expect(page.getByTestId('runs.import.done')).toContainText('sweep-negative-transfer.json');
  await page.getByTestId('steps.sweeps').click();
  await page.locator('.sweep-history summary').click();
  await page.locator('.sweep-history li button').click();
  await expect(page.getByTestId('sweeps.reading')).toContainText('Negative transfer at 0: below scratch');
  await expect(page.locator(`.sweep-points tr[data-cell="0"] [data-testid="sweeps.plateau"]`)).toHaveText(
    interval(frozen.metrics.plateau.mean, frozen.metrics.plateau.ci95),
  );
  await shoot(page, 'sweeps-negative');
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByTestId('sweeps.reading')).toContainText('在 0 出现负迁移');
  await shoot(page, 'sweeps-negative-zh-CN');
});
