import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { ExperimentResult } from '../src/core/experiment/types';
import type { MeanStd } from '../src/core/metrics/types';

/**
 * The summary's "87.3 ± 2.1 %" written independently of src/ui/format.ts, so a formatting bug in the app cannot
 * hide behind the same bug in the test.
 */
export function percentMeanStd({ mean, std }: MeanStd): string {
  return `${(mean * 100).toFixed(1)} ± ${(std * 100).toFixed(1)} %`;
}

/** The last ExperimentResult the worker produced, read through the studio's test hook. */
export function lastResult(page: Page): Promise<ExperimentResult | null> {
  return page.evaluate(() => window.__transferStudio?.lastResult() ?? null);
}

/** Where screenshots go: uploaded as CI artifacts with the rest of test-results/. */
export const screenshotPath = (name: string) => `test-results/screenshots/${name}.png`;

/** Collects uncaught page errors and console errors, to assert there were none. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return errors;
}

/** Serious and critical WCAG 2.1 A/AA violations, each with the offending elements, for a readable failure. */
export async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}
