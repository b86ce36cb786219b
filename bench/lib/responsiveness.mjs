// Section 4: the studio's main thread while the digits demo trains. The app as users get it (vite build + vite
// preview, as `npm start`), a fresh profile (so 'auto' measures the backends, as on a first visit), the
// "Run experiment" button, and a PerformanceObserver of 'longtask' entries installed before the app's own scripts.
//   longest task, total blocking time (Σ max(0, duration − 50 ms)) and count, while training (click → done or the
//   quick-mode window) and during the page load before the click;
//   navigation → backend chosen → first curve point (epoch 0, drawn before any step) → first trained point (epoch 1).
// A Chrome trace of the same window gives each main-thread task's CPU time beside its wall time: on a shared
// machine a task's wall time includes waiting for a core, its CPU time is what the page itself costs.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { openPage } from './browser.mjs';
import { WORK_DIR } from './paths.mjs';

const LONGTASK_OBSERVER = `
  window.__benchLongTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__benchLongTasks.push({ startTime: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (error) {
    window.__benchLongTasksError = String(error);
  }
`;

/**
 * The renderer main thread's tasks in a Chrome trace: wall (dur) and thread CPU (tdur) milliseconds of every
 * top-level RunTask, and of those over 50 ms wall. Trace events are in microseconds.
 */
export function mainThreadTasks(traceFile) {
  const trace = JSON.parse(readFileSync(traceFile, 'utf8'));
  const events = trace.traceEvents ?? trace;
  const mainThreads = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const tasks = events
    .filter(
      (e) =>
        e.ph === 'X' &&
        e.name === 'RunTask' &&
        e.cat === 'disabled-by-default-devtools.timeline' &&
        mainThreads.has(`${e.pid}:${e.tid}`),
    )
    .map((e) => ({ wallMs: e.dur / 1000, cpuMs: e.tdur != null ? e.tdur / 1000 : null }));
  const long = tasks.filter((t) => t.wallMs > 50);
  const cpu = (list) => list.reduce((sum, t) => sum + (t.cpuMs ?? 0), 0);
  const longestWall = long.reduce((a, b) => (!a || b.wallMs > a.wallMs ? b : a), null);
  return {
    tasks: tasks.length,
    mainThreadCpuMs: cpu(tasks),
    longTasks: long.length,
    longestWallMs: longestWall?.wallMs ?? 0,
    cpuOfLongestWallMs: longestWall?.cpuMs ?? null,
    longestCpuMs: Math.max(0, ...tasks.map((t) => t.cpuMs ?? 0)),
    /** Total blocking time counted on CPU time: what an idle machine would show. */
    totalBlockingCpuMs: tasks.reduce((sum, t) => sum + Math.max(0, (t.cpuMs ?? 0) - 50), 0),
    over100msCpu: tasks.filter((t) => (t.cpuMs ?? 0) > 100).length,
    long: long.map((t) => ({ wallMs: Math.round(t.wallMs), cpuMs: t.cpuMs == null ? null : Math.round(t.cpuMs) })),
  };
}

function summarise(tasks) {
  const durations = tasks.map((t) => t.duration);
  return {
    count: tasks.length,
    longestMs: durations.length ? Math.max(...durations) : 0,
    totalBlockingTimeMs: durations.reduce((sum, d) => sum + Math.max(0, d - 50), 0),
    over100ms: durations.filter((d) => d > 100).length,
  };
}

/**
 * @param {string} origin where the built app is served
 * @param {{quick: boolean, log: (m: string) => void}} options quick: stop watching (and cancel) after 30 s of training
 */
export async function runResponsiveness(origin, { quick, log }) {
  const opened = await openPage(`${origin}/`, { initScript: LONGTASK_OBSERVER, log });
  const { page } = opened;
  const pageNow = () => page.evaluate(() => performance.now());
  try {
    await page
      .getByTestId('settings.backend')
      .and(page.locator('[data-backend]:not([data-backend=""])'))
      .waitFor({ timeout: 180_000 });
    const backendReadyMs = await pageNow();
    const backend = await page.getByTestId('settings.backend').getAttribute('data-backend');
    // What 'auto' measured on this first visit (speeds per backend, and why this one).
    const backendChoice = await page.evaluate(() => window.__transferStudio?.state().settings.backend ?? null);
    const button = page.getByRole('button', { name: 'Run experiment' });
    await button.waitFor({ state: 'visible', timeout: 60_000 });
    const traceFile = path.join(WORK_DIR, 'responsiveness-trace.json');
    await opened.browser.startTracing(page, {
      path: traceFile,
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'],
    });
    let tracing = true;
    const stopTracing = async () => {
      if (tracing) await opened.browser.stopTracing();
      tracing = false;
    };
    const clickMs = await pageNow();
    await button.click(); // Playwright waits for it to be enabled (Run waits for a valid setup)

    const point = (minEpoch) =>
      page
        .waitForFunction(
          (epoch) => {
            const run = window.__transferStudio?.state().run;
            if (run && run.status !== 'running' && run.status !== 'done')
              return { failed: `${run.status} ${run.error ?? ''}` };
            return run?.curves.some((c) => c && c.points.some((p) => p.epoch >= epoch))
              ? { at: performance.now() }
              : false;
          },
          minEpoch,
          { timeout: 600_000, polling: 20 },
        )
        .then((h) => h.jsonValue());
    const first = await point(0);
    if (first.failed) throw new Error(`the demo run ended early: ${first.failed}`);
    const firstTrained = await point(1);
    log(`[responsiveness] backend ${backend}; first curve point ${(first.at / 1000).toFixed(1)} s after navigation`);

    const watchSeconds = quick ? 30 : 1800;
    const ended = await page
      .waitForFunction(
        () => {
          const status = window.__transferStudio?.state().run?.status;
          return status && status !== 'running' ? status : false;
        },
        undefined,
        { timeout: watchSeconds * 1000, polling: 250 },
      )
      .then((h) => h.jsonValue())
      .catch(() => null);
    const endMs = await pageNow();
    await stopTracing();
    const cpu = mainThreadTasks(traceFile);
    rmSync(traceFile, { force: true });
    let status = ended;
    if (!ended) {
      // The run may end between the watch's end and the click (the quick window is about as long as the demo).
      const cancelled = await page
        .getByTestId('experiment.cancel')
        .click({ timeout: 10_000 })
        .then(
          () => true,
          () => false,
        );
      status = cancelled
        ? `watched ${watchSeconds} s, then cancelled`
        : await page.evaluate(() => window.__transferStudio?.state().run?.status ?? 'unknown');
    }
    const run = await page.evaluate(() => {
      const r = window.__transferStudio?.state().run;
      return r
        ? {
            status: r.status,
            trialsDone: r.trialsDone,
            trialCount: r.trialCount,
            points: r.curves.reduce((n, c) => n + (c?.points.length ?? 0), 0),
          }
        : null;
    });
    const tasks = await page.evaluate(() => window.__benchLongTasks ?? []);
    const observerError = await page.evaluate(() => window.__benchLongTasksError ?? null);
    const during = tasks.filter((t) => t.startTime >= clickMs && t.startTime <= endMs);
    const beforeClick = tasks.filter((t) => t.startTime < clickMs);
    return {
      app: 'built studio (vite build, vite preview), fresh profile',
      backend,
      backendChoice,
      status,
      run,
      observerError,
      navigationToBackendSeconds: backendReadyMs / 1000,
      navigationToFirstCurvePointSeconds: first.at / 1000,
      navigationToFirstTrainedPointSeconds: firstTrained.at / 1000,
      clickToFirstCurvePointSeconds: (first.at - clickMs) / 1000,
      watchedSeconds: (endMs - clickMs) / 1000,
      training: summarise(during),
      trainingCpu: { ...cpu, mainThreadCpuPerMinuteMs: (60 * cpu.mainThreadCpuMs) / ((endMs - clickMs) / 1000) },
      pageLoad: summarise(beforeClick),
      longTasks: during.map((t) => ({
        startSeconds: Math.round((t.startTime - clickMs) / 10) / 100,
        durationMs: Math.round(t.duration),
      })),
      pageErrors: opened.errors,
      targetLongestMs: 100,
      meetsTarget: summarise(during).longestMs <= 100,
      /** The target judged on main-thread CPU time (the machine's load removed). */
      meetsTargetOnCpuTime: cpu.longestCpuMs <= 100,
    };
  } finally {
    await opened.close();
  }
}
