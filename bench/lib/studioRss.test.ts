import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM without types (scripts/bench.mjs's helpers)
import * as studioRss from './studioRss.mjs';

const { chromiumProcesses, chromiumRole, createProcessWatch, importedCount, parseParentPid, parseStatus } = studioRss;

const status = (hwmKb: number, rssKb: number) =>
  `Name:\tchromium\nState:\tS (sleeping)\nVmPeak:\t 9999999 kB\nVmHWM:\t  ${hwmKb} kB\nVmRSS:\t  ${rssKb} kB\nThreads:\t12\n`;
const stat = (pid: number, ppid: number, comm = 'chromium') => `${pid} (${comm}) S ${ppid} ${pid} ${pid} 0 -1 4194560`;
/** Chromium rewrites its argv in place: the arguments end up joined by spaces, not NULs. */
const chromium = (...args: string[]) => ['/usr/lib/chromium/chromium', ...args].join(' ') + '\0';

/** A fake /proc: this Node process (100), Playwright's Chromium below it, and processes that are not ours. */
const proc = [
  { pid: 100, stat: stat(100, 1, 'node'), cmdline: 'node\0scripts/bench.mjs\0', status: status(90_000, 80_000) },
  { pid: 200, stat: stat(200, 100), cmdline: chromium('--no-sandbox', '--headless'), status: status(250_000, 240_000) },
  {
    pid: 201,
    stat: stat(201, 200),
    cmdline: chromium('--type=zygote', '--no-zygote-sandbox'),
    status: status(70_000, 1),
  },
  { pid: 202, stat: stat(202, 200), cmdline: chromium('--type=gpu-process'), status: status(150_000, 140_000) },
  {
    pid: 203,
    stat: stat(203, 200),
    cmdline: chromium('--type=utility', '--utility-sub-type=network.mojom.NetworkService'),
    status: status(110_000, 100_000),
  },
  {
    pid: 204,
    stat: stat(204, 201),
    cmdline: chromium('--type=renderer', '--renderer-client-id=5'),
    status: status(560_000, 300_000),
  },
  {
    pid: 205,
    stat: stat(205, 201),
    cmdline: chromium('--type=renderer', '--renderer-client-id=7'),
    status: status(75_000, 75_000),
  },
  // Another user's Chromium, and a process with a parenthesis in its name, outside our tree.
  { pid: 300, stat: stat(300, 1), cmdline: chromium('--type=renderer'), status: status(900_000, 900_000) },
  { pid: 301, stat: stat(301, 100, 'a) b'), cmdline: 'sh\0-c\0true\0', status: 'Name:\tsh\n' },
];

describe('reading /proc', () => {
  it('parses VmHWM and VmRSS in bytes, the parent pid, and the --type of a Chromium process', () => {
    expect(parseStatus(status(560_000, 300_000))).toEqual({ vmHwmBytes: 560_000 * 1024, vmRssBytes: 300_000 * 1024 });
    expect(parseStatus('Name:\tkthreadd\n')).toEqual({ vmHwmBytes: null, vmRssBytes: null });
    expect(parseParentPid(stat(301, 100, 'a) b'))).toBe(100);
    expect(chromiumRole(chromium('--type=renderer', '--lang=en'))).toBe('renderer');
    expect(chromiumRole('/usr/lib/chromium/chromium\0--type=gpu-process\0')).toBe('gpu-process');
    expect(chromiumRole(chromium('--headless'))).toBe('browser');
    expect(chromiumRole('node\0x.mjs\0')).toBeNull();
    expect(chromiumRole('')).toBeNull();
  });

  it('finds the Chromium processes whose parent chain reaches this process, renderers through the zygote', () => {
    const found = chromiumProcesses(proc, 100);
    expect(found.map((p: { pid: number; role: string }) => [p.pid, p.role])).toEqual([
      [200, 'browser'],
      [201, 'zygote'],
      [202, 'gpu-process'],
      [203, 'utility'],
      [204, 'renderer'],
      [205, 'renderer'],
    ]);
  });

  it('keeps each process’s peak (VmHWM, and sampled VmRSS for one that exits) and names the page’s renderer', () => {
    let current = proc;
    const watch = createProcessWatch(100, () => current);
    watch.sample();
    // The page's renderer (204) exits before the end: its peak so far stays.
    current = proc.filter((p) => p.pid !== 204);
    watch.sample();
    const summary = watch.summarise();
    expect(summary.renderer).toEqual({
      pid: 204,
      peakRssBytes: 560_000 * 1024,
      sampledPeakRssBytes: 300_000 * 1024,
    });
    expect(summary.otherRenderers).toEqual({ count: 1, sumOfPeaksBytes: 75_000 * 1024 });
    expect(summary.gpu).toEqual({ count: 1, sumOfPeaksBytes: 150_000 * 1024 });
    expect(summary.utility).toEqual({ count: 1, sumOfPeaksBytes: 110_000 * 1024 });
    expect(summary.browser.count).toBe(1);
    expect(summary.zygote).toEqual({ count: 1, sumOfPeaksBytes: 70_000 * 1024 });
  });

  it('reads the imported count from the import summary', () => {
    expect(importedCount('Imported 1,000 of 1,000 images in 12 s.')).toBe(1000);
    expect(importedCount('Nothing was imported.')).toBeNull();
    expect(importedCount(null)).toBeNull();
  });
});
