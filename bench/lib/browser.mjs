// Headless Debian Chromium for the browser benchmarks: one fresh browser per measurement (no shared GPU process,
// caches or IndexedDB between rows), MobileNet's public URL answered from ../shared/models (so the studio's real
// loading code runs), and a network guard: nothing but the local server and those files is reachable.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { MOBILENET_URL_PREFIX, sharedDir } from './paths.mjs';

export const CHROMIUM = '/usr/bin/chromium';
export const BASE_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** WebGPU in headless Chromium on Linux without a GPU: the API is behind the first flag, SwiftShader's Vulkan behind the second. */
export const WEBGPU_ARGS = ['--enable-unsafe-webgpu', '--enable-unsafe-swiftshader'];
/** window.gc() and unquantised performance.memory, for the leak measurements. */
export const MEMORY_ARGS = ['--js-flags=--expose-gc', '--enable-precise-memory-info'];

/**
 * Launches Chromium and opens `url` in a new page.
 * @param {{args?: string[], extraRoutes?: (url: string) => ({body: Buffer, contentType: string} | null), log?: (m: string) => void,
 *   initScript?: string}} options extraRoutes answers same-origin URLs the server does not have (e.g. bench data)
 */
export async function openPage(url, options = {}) {
  const args = [...BASE_ARGS, ...(options.args ?? [])];
  const browser = await chromium.launch({ executablePath: CHROMIUM, args });
  const origin = new URL(url).origin;
  const modelsDir = path.join(sharedDir(), 'models');
  const blocked = [];
  const errors = [];
  try {
    const context = await browser.newContext();
    await context.route('**/*', async (route) => {
      const requestUrl = route.request().url();
      const extra = requestUrl.startsWith(origin + '/') ? options.extraRoutes?.(requestUrl) : null;
      if (extra)
        return route.fulfill({ status: 200, body: extra.body, headers: { 'Content-Type': extra.contentType } });
      if (requestUrl.startsWith(origin + '/') || requestUrl.startsWith('data:') || requestUrl.startsWith('blob:'))
        return route.continue();
      if (requestUrl.startsWith(MOBILENET_URL_PREFIX)) {
        // …/tfjs/mobilenet_v1_0.25_224/<file> → ../shared/models/mobilenet_v1_0.25_224/<file>
        const [folder, file] = new URL(requestUrl).pathname.split('/').slice(-2).map(decodeURIComponent);
        const local = path.join(modelsDir, folder, file);
        if (!/^[\w.-]+$/.test(folder) || !/^[\w.-]+$/.test(file) || !existsSync(local))
          return route.fulfill({ status: 404, body: 'not found' });
        return route.fulfill({
          status: 200,
          body: readFileSync(local),
          headers: {
            'Content-Type': file.endsWith('.json') ? 'application/json' : 'application/octet-stream',
            'Access-Control-Allow-Origin': '*',
            'Cross-Origin-Resource-Policy': 'cross-origin',
          },
        });
      }
      blocked.push(requestUrl);
      return route.abort('blockedbyclient');
    });
    if (options.initScript) await context.addInitScript(options.initScript);
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
      if (options.log && (m.type() === 'warning' || m.type() === 'error'))
        options.log(`  [page ${m.type()}] ${m.text()}`);
    });
    const navigationStart = Date.now();
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    return {
      page,
      browser,
      version: browser.version(),
      args,
      navigationStart,
      blocked,
      errors,
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** page.evaluate with a deadline (a hung WebGL context otherwise waits forever). */
export async function evaluateWithin(page, seconds, fn, arg) {
  let timer;
  try {
    return await Promise.race([
      page.evaluate(fn, arg),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${seconds} s`)), seconds * 1000);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Opens the bench page (bench/browser/index.html) and waits for window.bench.
 * @param {{query?: Record<string, string>} & Parameters<typeof openPage>[1]} options query: the page's URL parameters (e.g. wasmThreads)
 */
export async function openBenchPage(origin, options = {}) {
  const search = options.query ? `?${new URLSearchParams(options.query)}` : '';
  const opened = await openPage(`${origin}/bench/browser/index.html${search}`, options);
  await opened.page.waitForFunction(() => document.body.dataset.ready === 'true' && window.bench, undefined, {
    timeout: 60_000,
  });
  return opened;
}
