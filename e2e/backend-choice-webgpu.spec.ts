import { expect, test } from '@playwright/test';
import { chosenBackend } from './backend-choice.helpers';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { screenshotPath } from './helpers';

/**
 * With WebGPU enabled (--enable-unsafe-webgpu on the SwiftShader adapter) tfjs would prefer WebGPU, the slowest
 * backend here; the studio measures it and must still end on WASM. Its own file: launch flags are per worker.
 */
test.use({
  launchOptions: {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, '--enable-unsafe-webgpu', '--enable-unsafe-swiftshader'],
  },
});

test('WebGPU flags on: WebGPU is measured, and WASM still wins', async ({ page }) => {
  const backend = await chosenBackend(page);
  expect(backend.backend).toBe('wasm');
  const wasm = backend.measurements.find((m) => m.backend === 'wasm')!;
  const webgpu = backend.measurements.find((m) => m.backend === 'webgpu');
  // Where the software adapter came up, it was measured and lost on training speed.
  if (webgpu?.trainStepsPerSecond !== undefined)
    expect(wasm.trainStepsPerSecond!).toBeGreaterThan(webgpu.trainStepsPerSecond);
  test.info().annotations.push({ type: 'measured', description: JSON.stringify(backend.measurements) });
  await expect(page.getByTestId('settings.backend')).toContainText('wasm');
  await page.screenshot({ path: screenshotPath('backend-choice-webgpu-flags') });
});
