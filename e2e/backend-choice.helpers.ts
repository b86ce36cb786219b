import { expect, type Page } from '@playwright/test';

/** Opens the studio and waits for the engine to report its measured backend; returns the store's backend record. */
export async function chosenBackend(page: Page) {
  await page.goto('/');
  const status = page.getByTestId('settings.backend');
  await expect(status).toHaveAttribute('data-backend', /.+/, { timeout: 120_000 });
  // A first visit starts on WASM at once and measures in the background; wait for the measured choice.
  await expect(status).toHaveAttribute('data-measuring', 'false', { timeout: 120_000 });
  return page.evaluate(() => window.__transferStudio!.state().settings.backend!);
}

interface Measured {
  backend: string;
  available?: boolean;
  supportsTraining?: boolean;
  trainStepsPerSecond?: number;
}

/** The backend that can train with the most training steps per second (the studio's rule, core's pickFastest). */
export function fastestMeasured(measurements: readonly Measured[]): string {
  const usable = measurements.filter((m) => m.available !== false && m.supportsTraining !== false);
  return [...usable].sort((a, b) => (b.trainStepsPerSecond ?? 0) - (a.trainStepsPerSecond ?? 0))[0]?.backend ?? '';
}
