// The rss section's studio row: process memory of the same experiment as bench/node/rss.ts (RSS_EXPERIMENT:
// MobileNet v1 0.25, feature-extraction + fine-tune:1, 1 seed, 2 epochs, batch 16) run through the built studio as a
// person runs it, in a fresh headless Chromium per photo count: the photo folder chosen with the folder picker,
// scratch unchecked, seeds 1 and epochs 2 typed into the Strategy panel, Run clicked.
// Chromium's memory is spread over processes; the page and its Web Workers (the engine, the dataset loader) live in
// one renderer process. Its peak RSS is the kernel's high-water mark, VmHWM in /proc/<pid>/status, read before the
// browser closes; every process is also sampled (VmRSS) twice a second, so a renderer that dies still has a peak.
// The launched browser's processes are found by walking /proc: every descendant of this Node process
// (Playwright's `chromium.launch` does not expose the browser's pid), by its `--type=` flag.
import { readdirSync, readFileSync } from 'node:fs';
import { openPage } from './browser.mjs';

const KB = 1024;

/** VmHWM and VmRSS of a /proc/<pid>/status text, in bytes (null when absent: a kernel thread, a zombie). */
export function parseStatus(text) {
  const field = (name) => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(text);
    return match ? Number(match[1]) * KB : null;
  };
  return { vmHwmBytes: field('VmHWM'), vmRssBytes: field('VmRSS') };
}

/** The parent pid in a /proc/<pid>/stat text (after the command name, which may hold spaces and parentheses). */
export function parseParentPid(statText) {
  const rest = statText.slice(statText.lastIndexOf(')') + 2).split(' ');
  return Number(rest[1]);
}

/**
 * What a Chromium process is, from its /proc/<pid>/cmdline (NUL- or space-separated): 'renderer', 'gpu-process', 'utility',
 * 'zygote', … (its --type=), 'browser' for Chromium's own main process (no --type), null for anything else.
 */
export function chromiumRole(cmdline) {
  // Chromium rewrites its command line in place (setproctitle), joining the arguments with spaces.
  const args = cmdline.split(/[\0 ]/).filter(Boolean);
  if (args.length === 0 || !/chrom/i.test(args[0])) return null;
  const type = args.find((a) => a.startsWith('--type='));
  return type ? type.slice('--type='.length) : 'browser';
}

/**
 * The Chromium processes below `rootPid` among `entries` ({pid, stat, cmdline, status} texts of /proc), each with
 * its role and memory. A process is below rootPid when its parent chain reaches it.
 */
export function chromiumProcesses(entries, rootPid) {
  const parent = new Map(entries.map((e) => [e.pid, parseParentPid(e.stat)]));
  const below = (pid) => {
    for (let p = parent.get(pid), hops = 0; p != null && hops < 64; p = parent.get(p), hops++) {
      if (p === rootPid) return true;
    }
    return false;
  };
  return entries
    .filter((e) => below(e.pid))
    .map((e) => ({ pid: e.pid, role: chromiumRole(e.cmdline), ...parseStatus(e.status) }))
    .filter((p) => p.role !== null);
}

/** The texts chromiumProcesses needs, for every process in /proc (one that exits meanwhile is skipped). */
function readProc() {
  const entries = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const dir = `/proc/${name}`;
      entries.push({
        pid: Number(name),
        stat: readFileSync(`${dir}/stat`, 'utf8'),
        cmdline: readFileSync(`${dir}/cmdline`, 'utf8'),
        status: readFileSync(`${dir}/status`, 'utf8'),
      });
    } catch {
      // gone
    }
  }
  return entries;
}

/**
 * Per-process peaks over a measurement: the last VmHWM read of each process and the highest VmRSS sampled.
 * `summarise` gives the renderer with the highest peak (the studio's page: the others are spare or blank
 * renderers), the other renderers, and the GPU, utility, browser and zygote processes, each group summed.
 */
export function createProcessWatch(rootPid, read = readProc) {
  const seen = new Map();
  const sample = () => {
    for (const p of chromiumProcesses(read(), rootPid)) {
      const known = seen.get(p.pid) ?? { pid: p.pid, role: p.role, vmHwmBytes: 0, sampledPeakRssBytes: 0 };
      if (p.vmHwmBytes != null) known.vmHwmBytes = Math.max(known.vmHwmBytes, p.vmHwmBytes);
      if (p.vmRssBytes != null) {
        known.sampledPeakRssBytes = Math.max(known.sampledPeakRssBytes, p.vmRssBytes);
        known.rssBytes = p.vmRssBytes;
      }
      seen.set(p.pid, known);
    }
    return [...seen.values()];
  };
  return { sample, summarise: () => summariseProcesses([...seen.values()]) };
}

/** See createProcessWatch. Bytes; `sumOfPeaks` adds each process's own peak (they need not coincide). */
export function summariseProcesses(processes) {
  const peak = (p) => Math.max(p.vmHwmBytes ?? 0, p.sampledPeakRssBytes ?? 0);
  const renderers = processes.filter((p) => p.role === 'renderer').sort((a, b) => peak(b) - peak(a));
  const group = (list) => ({ count: list.length, sumOfPeaksBytes: list.reduce((sum, p) => sum + peak(p), 0) });
  const page = renderers[0] ?? null;
  return {
    renderer: page && {
      pid: page.pid,
      peakRssBytes: page.vmHwmBytes,
      sampledPeakRssBytes: page.sampledPeakRssBytes,
    },
    otherRenderers: group(renderers.slice(1)),
    gpu: group(processes.filter((p) => p.role === 'gpu-process')),
    utility: group(processes.filter((p) => p.role === 'utility')),
    browser: group(processes.filter((p) => p.role === 'browser')),
    zygote: group(processes.filter((p) => p.role === 'zygote')),
    processes: processes.map((p) => ({ ...p })),
  };
}

/** The first number in the import summary ("Imported 1,000 of 1,000 images in 12 s."), or null. */
export function importedCount(summary) {
  const match = /(\d[\d,]*)/.exec(summary ?? '');
  return match ? Number(match[1].replace(/,/g, '')) : null;
}

/**
 * One fresh Chromium on the studio at `origin`: the folder `dir` (class folders of photos) through the folder
 * picker, RSS_EXPERIMENT set in the Strategy panel, Run; peak RSS of the page's renderer process and the rest.
 * @param {{photos: number, log: (m: string) => void, timeoutSeconds?: number}} options
 */
export async function studioPeakRss(origin, dir, { photos, log, timeoutSeconds = 3600 }) {
  const watch = createProcessWatch(process.pid);
  const opened = await openPage(`${origin}/`, { log });
  const { page } = opened;
  let crashed = false;
  page.on('crash', () => (crashed = true));
  const sampler = setInterval(() => {
    try {
      watch.sample();
    } catch {
      // /proc races are harmless; the next sample reads again
    }
  }, 500);
  const state = () => page.evaluate(() => window.__transferStudio?.state());
  try {
    await page
      .getByTestId('settings.backend')
      .and(page.locator('[data-backend]:not([data-backend=""])'))
      .waitFor({ timeout: 180_000 });
    const backend = await page.getByTestId('settings.backend').getAttribute('data-backend');
    await page.locator('#dataset').getByRole('heading', { level: 2, name: 'Dataset' }).waitFor({ timeout: 60_000 });
    await page.getByText('Opening the datasets saved in this browser…').waitFor({ state: 'detached', timeout: 60_000 });
    // The page's renderer now (RSS) and its peak so far (start-up: the studio measured its backends on this visit).
    const checkpoint = () => {
      const pid = watch.summarise().renderer?.pid;
      const now = watch.sample().find((p) => p.pid === pid);
      return { rssBytes: now?.rssBytes ?? null, peakRssBytes: now?.vmHwmBytes ?? null };
    };
    watch.sample();
    const beforeImport = checkpoint();
    const rssBeforeImportBytes = beforeImport.rssBytes;

    // The folder picker, as a person picks the photo folder (its class folders become the classes).
    const importStart = performance.now();
    await page.getByTestId('dataset.folderInput').setInputFiles(dir);
    const status = page.getByTestId('dataset.import');
    await status.and(page.locator('[data-status]:not([data-status="running"])')).waitFor({
      timeout: timeoutSeconds * 1000,
    });
    const importSeconds = (performance.now() - importStart) / 1000;
    const importStatus = await status.getAttribute('data-status');
    const importSummary = await page.getByTestId('dataset.import.summary').textContent();
    log(`  [rss-studio] ${photos} photos: import ${importStatus} in ${importSeconds.toFixed(1)} s: ${importSummary}`);
    if (importStatus !== 'done') throw new Error(`import ${importStatus}: ${importSummary}`);

    // Photos bring in the built-in MobileNet v1 0.25 by themselves; then the Strategy panel as RSS_EXPERIMENT.
    await page.waitForFunction(
      () => {
        const s = window.__transferStudio?.state();
        return s?.backbone.id === 'mobilenet_v1_0.25' && !s.backbone.pending;
      },
      undefined,
      { timeout: 180_000 },
    );
    await page.locator('#strategy').getByTestId('strategy.scratch').uncheck();
    await page.locator('#seeds').fill('1');
    await page.locator('#epochs').fill('2');
    await page.locator('#batchSize').fill('16');
    const chosen = (await state()).strategy;
    if (chosen.strategies.join(',') !== 'feature-extraction,fine-tune:1')
      throw new Error(`strategies are ${chosen.strategies.join(',')}, not feature-extraction,fine-tune:1`);

    const afterImport = checkpoint();
    const runStart = performance.now();
    await page.getByRole('button', { name: 'Run experiment' }).click();
    const runStatus = page.getByTestId('experiment.status');
    await runStatus
      .and(page.locator('[data-status="done"], [data-status="error"], [data-status="cancelled"]'))
      .waitFor({
        timeout: timeoutSeconds * 1000,
      });
    const runSeconds = (performance.now() - runStart) / 1000;
    const runEnd = await runStatus.getAttribute('data-status');
    if (runEnd !== 'done') throw new Error(`run ended ${runEnd}: ${(await runStatus.textContent())?.trim()}`);
    const result = await page.evaluate(() => window.__transferStudio?.lastResult());
    watch.sample();
    const memory = watch.summarise();
    const row = {
      backend,
      rssBeforeImportBytes,
      peakRssBeforeImportBytes: beforeImport.peakRssBytes,
      rssBeforeRunBytes: afterImport.rssBytes,
      peakRssBeforeRunBytes: afterImport.peakRssBytes,
      importSeconds,
      importStatus,
      importSummary,
      imported: importedCount(importSummary),
      runSeconds,
      config: result?.config ?? null,
      trainCount: result?.dataset?.trainCount ?? null,
      validationCount: result?.dataset?.validationCount ?? null,
      engineSeconds: result?.seconds ?? null,
      peakRssBytes: memory.renderer?.peakRssBytes ?? null,
      ...memory,
      pageErrors: opened.errors,
      blocked: opened.blocked,
      chromium: opened.version,
    };
    log(
      `  [rss-studio] ${photos} photos: renderer peak ${(row.peakRssBytes / 2 ** 20).toFixed(0)} MB ` +
        `(before import ${(rssBeforeImportBytes / 2 ** 20).toFixed(0)} MB, peak before Run ` +
        `${(afterImport.peakRssBytes / 2 ** 20).toFixed(0)} MB), run ${runSeconds.toFixed(1)} s, ` +
        `GPU ${(memory.gpu.sumOfPeaksBytes / 2 ** 20).toFixed(0)} MB, utility ${(memory.utility.sumOfPeaksBytes / 2 ** 20).toFixed(0)} MB`,
    );
    return row;
  } catch (error) {
    const memory = (() => {
      try {
        watch.sample();
      } catch {
        // ignore
      }
      return watch.summarise();
    })();
    const wrapped = new Error(`${crashed ? 'the page crashed; ' : ''}${error.message.split('\n')[0]}`);
    wrapped.details = { ...memory, pageErrors: opened.errors, crashed };
    throw wrapped;
  } finally {
    clearInterval(sampler);
    await opened.close();
  }
}
