// Section 'demo': issue 19's "the digits demo in the studio: first curve point and the full run no slower than
// today, measured side by side". Today's studio is TODAY_COMMIT's (bench/lib/today.mjs), built from git history with
// its own vite.config.ts; the studio now is the one `npm start` builds. Each round opens both, old then new, in
// fresh browsers (so 'auto' picks the backend as on a first visit), clicks "Run experiment" and times, in the
// page's clock: click → first curve point (epoch 0, drawn before any step) and click → run done.
import { symlinkSync, existsSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { openPage } from './browser.mjs';
import { REPO_ROOT, WORK_DIR } from './paths.mjs';
import { serve } from './servers.mjs';
import { median } from './stats.mjs';
import { TODAY_COMMIT, todayTree } from './today.mjs';

/** TODAY_COMMIT's studio, built with its own config into tmp/bench/demo-today-dist (seconds taken). */
async function buildTodayStudio(outDir) {
  const root = todayTree('studio');
  if (!existsSync(path.join(root, 'node_modules')))
    symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'));
  const t0 = performance.now();
  await build({
    root,
    configFile: path.join(root, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return (performance.now() - t0) / 1000;
}

/** One digits demo in a fresh browser: seconds from the click to the first curve point and to the run's end. */
export async function timeDigitsDemo(origin, log) {
  const opened = await openPage(`${origin}/`, { log });
  const { page } = opened;
  try {
    const button = page.getByRole('button', { name: 'Run experiment' });
    await button.waitFor({ state: 'visible', timeout: 180_000 });
    await button.click(); // Playwright waits for it to be enabled (Run waits for a valid setup)
    const clickMs = await page.evaluate(() => performance.now());
    const ended = await page
      .waitForFunction(
        () => {
          const run = window.__transferStudio?.state().run;
          if (!run) return false;
          if (window.__benchFirstPointMs == null && run.curves.some((c) => c && c.points.length > 0))
            window.__benchFirstPointMs = performance.now();
          if (run.status === 'running') return false;
          return {
            status: run.status,
            error: run.error ?? null,
            at: performance.now(),
            first: window.__benchFirstPointMs,
          };
        },
        undefined,
        { timeout: 1_800_000, polling: 20 },
      )
      .then((h) => h.jsonValue());
    if (ended.status !== 'done') throw new Error(`the demo run ended ${ended.status}: ${ended.error ?? ''}`);
    const backend = await page.getByTestId('settings.backend').getAttribute('data-backend');
    return {
      backend,
      clickToFirstPointSeconds: (ended.first - clickMs) / 1000,
      clickToDoneSeconds: (ended.at - clickMs) / 1000,
      pageErrors: opened.errors,
    };
  } finally {
    await opened.close();
  }
}

/**
 * Rounds of (today, now), alternating so both see the same machine. Quick: 1 round; full: 3. Ratios are now ÷
 * today of the medians (≤ 1 = no slower). `studioOrigin` resolves to where the bench serves the studio now (built
 * once for every section that opens it).
 */
export async function runDemoVsToday({ quick, log, studioOrigin }) {
  const todayDir = path.join(WORK_DIR, 'demo-today-dist');
  const buildSeconds = { today: await buildTodayStudio(todayDir) };
  const today = await serve(todayDir);
  const origins = { today: today.origin, now: await studioOrigin() };
  const runs = { today: [], now: [] };
  try {
    for (let round = 0; round < (quick ? 1 : 3); round++) {
      for (const which of ['today', 'now']) {
        const timed = await timeDigitsDemo(origins[which], log);
        runs[which].push(timed);
        log(
          `  [demo] round ${round + 1} ${which}: first point ${timed.clickToFirstPointSeconds.toFixed(2)} s, ` +
            `done ${timed.clickToDoneSeconds.toFixed(1)} s (${timed.backend})`,
        );
      }
    }
  } finally {
    await today.close();
  }
  const summary = (which) => ({
    firstPointSeconds: median(runs[which].map((r) => r.clickToFirstPointSeconds)),
    doneSeconds: median(runs[which].map((r) => r.clickToDoneSeconds)),
  });
  const [then, now] = [summary('today'), summary('now')];
  return {
    todayCommit: TODAY_COMMIT,
    buildSeconds,
    runs,
    today: then,
    now,
    firstPointRatio: now.firstPointSeconds / then.firstPointSeconds,
    doneRatio: now.doneSeconds / then.doneSeconds,
  };
}
