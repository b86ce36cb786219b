// Builds and serves what the browser benchmarks open, with Vite's own API and the project's vite.config.ts (so the
// COOP/COEP headers and the WASM asset handling are the app's):
//   - the studio itself, built exactly as `npm start` builds it (vite build of index.html), served by vite preview;
//   - the bench page (bench/browser/index.html), built on its own into tmp/, never part of the app build.
import path from 'node:path';
import { build, preview } from 'vite';
import { REPO_ROOT } from './paths.mjs';

const CONFIG_FILE = path.join(REPO_ROOT, 'vite.config.ts');

/**
 * `vite build` of the app into `outDir` (the same inputs and config as `npm start`). Returns seconds taken.
 * `plugins` are added for experiments only (bench/experiments/: a candidate change to someone else's file, applied
 * to the build and measured, without touching the file).
 */
export async function buildApp(outDir, { plugins = [] } = {}) {
  const t0 = performance.now();
  await build({
    root: REPO_ROOT,
    configFile: CONFIG_FILE,
    logLevel: 'warn',
    plugins,
    build: { outDir, emptyOutDir: true },
  });
  return (performance.now() - t0) / 1000;
}

/** Builds bench/browser/index.html (and public/, for the digits model and samples) into `outDir`. */
export async function buildBenchPages(outDir) {
  const t0 = performance.now();
  await build({
    root: REPO_ROOT,
    configFile: CONFIG_FILE,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      // The bench page only: the app's index.html is not an input here.
      rollupOptions: { input: { bench: path.join(REPO_ROOT, 'bench/browser/index.html') } },
    },
  });
  return (performance.now() - t0) / 1000;
}

/** vite preview of `outDir` on a free local port, with the config's headers. */
export async function serve(outDir) {
  const server = await preview({
    root: REPO_ROOT,
    configFile: CONFIG_FILE,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const address = server.httpServer.address();
  const origin = `http://127.0.0.1:${address.port}`;
  return { origin, close: () => server.close() };
}
