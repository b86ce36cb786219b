import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { contentSecurityPolicy } from './csp.config';

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
        attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy({ delivery: 'meta', dev: context.server !== undefined }) },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  plugins: [react(), cspMeta()],
  worker: { format: 'es' },
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
