import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { ExperimentResult } from '../src/core/experiment/types';
import { openFreshStudio } from './datasetPage';
import { collectPageErrors, percentInterval, screenshotPath } from './helpers';

/**
 * Results round-trip (issue 17): a results.json the CLI wrote, dropped into the studio, appears in the run history
 * marked with where it ran, and shows the same numbers the CLI printed. The fixture was written by the CLI itself
 * (e2e/fixtures/cli-digits-tiny/README.md: the command; report.txt is what it printed): running it here would cost
 * minutes on a loaded 2-core machine. Bad or foreign JSON is refused with a notice naming the file.
 */
const FIXTURE = new URL('./fixtures/cli-digits-tiny/', import.meta.url);
const resultsPath = new URL('results.json', FIXTURE).pathname;
const result = JSON.parse(readFileSync(resultsPath, 'utf8')) as ExperimentResult;
const printed = readFileSync(new URL('report.txt', FIXTURE), 'utf8');

/** The CLI's printed "0.847 [0.821, 0.873]" for `strategy` in column `column` of its summary table, as "84.7 % [82.1, 87.3]". */
function printedPercent(strategy: string, column: 'start' | 'plateau' | 'AUC'): string {
  const lines = printed.split('\n');
  const header = lines.find((l) => l.startsWith('strategy') && l.includes('plateau'));
  const row = lines.find((l) => l.startsWith(`${strategy} `));
  if (!header || !row) throw new Error(`no summary row for ${strategy} in report.txt`);
  const cell = row.slice(header.indexOf(column)).trim();
  const numbers = cell.match(/^(-?\d+\.\d+)(?: \[(-?\d+\.\d+), (-?\d+\.\d+)\])?/);
  if (!numbers) throw new Error(`no number in "${cell}"`);
  const pct = (x: string) => (Number(x) * 100).toFixed(1);
  return numbers[2] ? `${pct(numbers[1])} % [${pct(numbers[2])}, ${pct(numbers[3])}]` : `${pct(numbers[1])} %`;
}

test('a CLI results.json dropped in shows the numbers the CLI printed, marked as run by the CLI', async ({ page }) => {
  const errors = collectPageErrors(page);
  await openFreshStudio(page);

  // Foreign JSON, dropped on the history: refused, the file named, nothing stored.
  const dataTransfer = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['{"name": "not a result"}'], 'notes.json', { type: 'application/json' }));
    return transfer;
  });
  await page.locator('#runs .results-drop').dispatchEvent('drop', { dataTransfer });
  await expect(page.getByTestId('runs.import.error')).toContainText('notes.json');
  await expect(page.getByTestId('runs.import.error')).toContainText('not an experiment result');
  await expect(page.getByTestId('runs.history.empty')).toBeVisible();

  await page.getByTestId('runs.import.input').setInputFiles(resultsPath);
  await expect(page.getByTestId('runs.import.done')).toContainText('results.json');
  const origin = page.getByTestId('runs.origin');
  await expect(origin).toHaveAttribute('data-runner', 'cli');
  await expect(origin).toContainText('the command line');
  await expect(origin).toContainText(result.environment.machine!);
  await expect(page.getByTestId('runs.title')).toContainText(result.dataset.name);

  for (const s of result.summary) {
    await expect(page.getByTestId(`summary.plateau.${s.strategy}`)).toHaveText(printedPercent(s.strategy, 'plateau'));
    await expect(page.getByTestId(`summary.start.${s.strategy}`)).toHaveText(printedPercent(s.strategy, 'start'));
    await expect(page.getByTestId(`summary.auc.${s.strategy}`)).toHaveText(printedPercent(s.strategy, 'AUC'));
    // And the same as the file (the test's own formatting, not the app's).
    await expect(page.getByTestId(`summary.auc.${s.strategy}`)).toHaveText(percentInterval(s.metrics.auc));
  }
  await expect(page.getByTestId('summary.intervals')).toContainText(`${result.config.seeds} seeds`);
  await expect(page.locator('#curves .recharts-surface').first()).toBeVisible();
  await page.locator('section#runs').screenshot({ path: screenshotPath('results-import-en') });

  // In Chinese: still marked, with no English left.
  await page.getByTestId('settings.language').selectOption('zh-CN');
  await expect(page.getByTestId('runs.origin')).toContainText('命令行');
  await expect(page.getByTestId('runs.origin')).not.toContainText('Imported');
  await page.locator('#runs .results-drop').dispatchEvent('drop', { dataTransfer });
  await expect(page.getByTestId('runs.import.error')).toContainText('notes.json');
  await expect(page.getByTestId('runs.import.error')).toContainText('不是');
  await page.locator('section#runs').screenshot({ path: screenshotPath('results-import-zh') });

  // After a reload (read back from IndexedDB), still marked with where it ran.
  await page.reload();
  await expect(page.getByTestId('runs.origin')).toHaveAttribute('data-runner', 'cli');
  await expect(page.getByTestId('runs.origin')).toContainText(result.environment.machine!);
  expect(errors).toEqual([]);
});
