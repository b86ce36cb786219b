import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH, FAKE_CAMERA_ARGS } from './e2e/chromium';
import { RETURNING_VISITOR_STATE } from './e2e/visitors';

/**
 * Browser tests in Debian's Chromium (Playwright cannot download its own browsers here). `npm test` builds the
 * app first, into E2E_DIST_DIR, and picks E2E_PORT; run by hand: `npx vite build && npx playwright test`.
 * WebGL stays on (no --disable-gpu): headless Chromium renders it in software, so backend choice is realistic.
 */
const port = Number(process.env.E2E_PORT ?? 4174);
const distDir = process.env.E2E_DIST_DIR ?? 'dist';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/playwright',
  // Two cores: the WASM backend trains on hardwareConcurrency / 2 = one thread per page, so two test files run at
  // once (each file's tests in order). Nothing here asserts a speed; limits are generous.
  workers: 2,
  fullyParallel: false,
  retries: 0,
  timeout: 10 * 60_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    // Generous: on a loaded machine (a clean-clone run at nice 19 beside other work, 2026-12-06) a full-page
    // screenshot of a phone page took over 30 s. Nothing here asserts a speed.
    actionTimeout: 90_000,
    navigationTimeout: 60_000,
    launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...FAKE_CAMERA_ARGS] },
    // The studio's service worker (offline-first) would answer requests the tests route themselves; only
    // e2e/offline.spec.ts lets it run.
    serviceWorkers: 'block',
  },
  projects: [
    // Measures the backends once, as a first visit does, and keeps the stored choice (e2e/returning-visitor.setup.ts).
    { name: 'returning-visitor', testMatch: /returning-visitor\.setup\.ts/ },
    // Every spec opens the studio as that returning visitor; the first-visit specs opt out (e2e/visitors.ts).
    { name: 'studio', dependencies: ['returning-visitor'], use: { storageState: RETURNING_VISITOR_STATE } },
  ],
  webServer: {
    command: `npx --no-install vite preview --host 127.0.0.1 --port ${port} --strictPort --outDir "${distDir}"`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
