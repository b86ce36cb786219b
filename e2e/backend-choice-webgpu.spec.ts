import { expect, test } from '@playwright/test';
import { chosenBackend, fastestMeasured } from './backend-choice.helpers';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { screenshotPath } from './helpers';
import { FIRST_VISIT } from './visitors';

/**
 * With WebGPU enabled (--enable-unsafe-webgpu on the SwiftShader adapter) tfjs would prefer WebGPU; the studio
 * measures it with the others and takes the fastest by its measurements. Its own file: launch flags are per worker.
 */
test.use({
  storageState: FIRST_VISIT,
  launchOptions: {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, '--enable-unsafe-webgpu', '--enable-unsafe-swiftshader'],
  },
});

test('WebGPU flags on: the choice follows the studio’s own measurements, not tfjs’s preference', async ({ page }) => {
  const backend = await chosenBackend(page);
  // Whether WebGPU is among the measured depends on SwiftShader's adapter coming up in the engine's worker (in
  // one clean-clone run only webgl, wasm and cpu were listed); the annotation records which were.
  // Not tfjs's preference order: the backend that trained fastest by the studio's own measurements (which one
  // that is on this machine is the bench's question: bench/browser/training.ts).
  expect(backend.backend).toBe(fastestMeasured(backend.measurements));
  test.info().annotations.push({ type: 'measured', description: JSON.stringify(backend.measurements) });
  await expect(page.getByTestId('settings.backend')).toContainText(backend.backend);
  await page.screenshot({ path: screenshotPath('backend-choice-webgpu-flags') });
});
