import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { contentSecurityPolicy } from './csp.config.ts';

// Cross-origin isolation lets the WASM backend use threads (SharedArrayBuffer); the same headers are sent by
// `npm start` (vite preview) so the measured speed is the speed users get.
const crossOriginIsolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// The Content-Security-Policy (csp.config.ts): sent as a header and written into index.html as a <meta>.
const cspHeader = (dev: boolean) => ({ 'Content-Security-Policy': contentSecurityPolicy({ delivery: 'header', dev }) });

function cspMeta(): Plugin {
  return {
    name: 'transfer-studio:csp-meta',
    transformIndexHtml: (_html, context) => [
      {
        tag: 'meta',
        attrs: {
          'http-equiv': 'Content-Security-Policy',
          content: contentSecurityPolicy({ delivery: 'meta', dev: context.server !== undefined }),
        },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/**
 * tfjs-backend-wasm starts each WASM thread (pthread worker) from `wasmFactoryThreadedSimd.toString()`: the source
 * text of a function that, once minified, refers to names hoisted out of it ("e is not defined" in every thread).
 * Hand it the untouched file instead, as a string (`?raw` is never minified). Fails the build if tfjs changes that
 * line, rather than silently shipping single-threaded WASM.
 */
function wasmThreadsSurviveMinify(): Plugin {
  const factoryText = /`var WasmBackendModuleThreadedSimd = ` \+\s*wasmFactoryThreadedSimd\.toString\(\)/;
  return {
    name: 'transfer-studio:wasm-threads-survive-minify',
    transform(code, id) {
      if (!id.replaceAll('\\', '/').endsWith('@tensorflow/tfjs-backend-wasm/dist/backend_wasm.js')) return null;
      if (!factoryText.test(code))
        throw new Error(`${id}: the threaded WASM factory line changed; review wasmThreadsSurviveMinify`);
      const source = '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js?raw';
      return {
        code: `import threadedFactorySource from '${source}';\n${code.replace(factoryText, 'threadedFactorySource')}`,
        map: null,
      };
    },
  };
}

/**
 * stdlib's continued fractions and series (under the t quantile, math/intervals.ts) ask at load time whether the
 * engine has generators by `eval`-ing a generator function (@stdlib/assert-has-generator-support) — eval the
 * studio's Content-Security-Policy forbids and reports. Every browser the studio runs in has generators, so the
 * answer is given without asking. Node (CLI, vitest) keeps stdlib's own check.
 */
function stdlibWithoutEval(): Plugin {
  const id = '\0transfer-studio:has-generator-support';
  return {
    name: 'transfer-studio:stdlib-without-eval',
    enforce: 'pre',
    resolveId: (source) => (source === '@stdlib/assert-has-generator-support' ? id : null),
    load: (loaded) => (loaded === id ? 'module.exports = function hasGeneratorSupport() { return true; };' : null),
  };
}

/**
 * Offline-first (vite-plugin-pwa, Workbox's generateSW): the service worker precaches the whole build — the app,
 * its workers and WASM files, the built-in models (digits-vgg, MobileNet v1 0.25; their shards have no file
 * extension, hence `models/**`) and the sample digits — so after one visit the studio opens, imports, trains and
 * predicts without the network. `registerType: 'prompt'`: a new deployment waits until the user accepts the
 * update prompt (src/app/appUpdate.ts), so a running experiment is never reloaded under the user. Downloaded
 * backbones are not the service worker's business: the engine worker keeps them in Cache Storage itself.
 */
function offlineFirst(): Plugin[] {
  return VitePWA({
    registerType: 'prompt',
    injectRegister: false,
    includeAssets: ['icons/*.png'],
    manifest: {
      name: 'Transfer Studio',
      short_name: 'Transfer Studio',
      description: 'Transfer learning in the browser, measured against training from scratch. Works offline.',
      lang: 'en',
      start_url: '.',
      scope: '.',
      display: 'standalone',
      background_color: '#f6f7f9',
      theme_color: '#1d4ed8',
      icons: [
        { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
    workbox: {
      globPatterns: ['**/*.{js,css,html,wasm,png,json,webmanifest}', 'models/**/*'],
      globIgnores: ['**/*.md', '**/SHA256SUMS'],
      // The engine worker bundles tfjs (about 2.6 MB); the WASM binaries are under 0.5 MB each.
      maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
      navigateFallback: 'index.html',
      cleanupOutdatedCaches: true,
    },
  }) as Plugin[];
}

export default defineConfig({
  plugins: [react(), cspMeta(), stdlibWithoutEval(), wasmThreadsSurviveMinify(), offlineFirst()],
  // Worker bundles get only these plugins, not the page's: the engine worker is where tfjs-backend-wasm runs.
  worker: { format: 'es', plugins: () => [stdlibWithoutEval(), wasmThreadsSurviveMinify()] },
  server: { headers: { ...crossOriginIsolation, ...cspHeader(true) } },
  preview: { headers: { ...crossOriginIsolation, ...cspHeader(false) } },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // Vitest's default is one worker per core minus one: a single worker on the 2-core CI machine, which then waits
    // on the CLI child processes most tests start. Two workers keep both cores busy.
    maxWorkers: 2,
  },
});
