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
