import { expect, test } from '@playwright/test';
import { chosenBackend } from './backend-choice.helpers';
import { screenshotPath } from './helpers';

/**
 * On a machine without a GPU the studio must pick WASM by itself: tfjs, given WebGPU, would quietly take the
 * slowest backend (software WebGPU ~3.5 images/s against WASM ~100 here). With default headless flags WebGPU
 * does not start; with --enable-unsafe-webgpu it starts on SwiftShader, is measured, and must still lose.
 */
test('default headless flags: the measured choice is WASM, and it is visible', async ({ page }) => {
  const backend = await chosenBackend(page);
  expect(backend.backend).toBe('wasm');
  // The choice was measured, and WASM trained fastest among the backends that started.
  const measured = backend.measurements.filter((m) => m.trainStepsPerSecond !== undefined);
  expect(measured.map((m) => m.backend)).toContain('wasm');
  const wasm = measured.find((m) => m.backend === 'wasm')!;
  for (const other of measured) expect(wasm.trainStepsPerSecond!).toBeGreaterThanOrEqual(other.trainStepsPerSecond!);
  await expect(page.getByTestId('settings.backend')).toContainText('wasm');
  // Cross-origin isolated, so WASM may run its threaded build (from 4 cores: src/worker/engine/backend.ts); its threads are shown.
  expect(backend.crossOriginIsolated).toBe(true);
  expect(backend.wasmThreads).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId('settings.wasmThreads')).toHaveAttribute('data-threads', String(backend.wasmThreads));

  // The user can override the choice, and go back to automatic.
  await page.getByTestId('settings.backend').locator('summary').click();
  await page.getByTestId('settings.backendPreference').selectOption('cpu');
  await expect(page.getByTestId('settings.backend')).toHaveAttribute('data-backend', 'cpu', { timeout: 60_000 });
  await page.getByTestId('settings.backendPreference').selectOption('auto');
  await expect(page.getByTestId('settings.backend')).toHaveAttribute('data-backend', 'wasm', { timeout: 120_000 });
  await page.screenshot({ path: screenshotPath('backend-choice-default-flags') });
});
