import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
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

export default defineConfig({
  plugins: [react(), cspMeta(), wasmThreadsSurviveMinify()],
  // Worker bundles get only these plugins, not the page's: the engine worker is where tfjs-backend-wasm runs.
  worker: { format: 'es', plugins: () => [wasmThreadsSurviveMinify()] },
  server: { headers: { ...crossOriginIsolation, ...cspHeader(true) } },
  preview: { headers: { ...crossOriginIsolation, ...cspHeader(false) } },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
