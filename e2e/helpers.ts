import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { ExperimentResult } from '../src/core/experiment/types';

/**
 * The summary's "87.3 % [84.1, 90.5]" written independently of src/ui/format.ts, so a formatting bug in the app
 * cannot hide behind the same bug in the test.
 */
export function percentInterval({ mean, ci95 }: { mean: number; ci95: readonly [number, number] | null }): string {
  const pct = (x: number) => (x * 100).toFixed(1);
  return ci95 ? `${pct(mean)} % [${pct(ci95[0])}, ${pct(ci95[1])}]` : `${pct(mean)} %`;
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
