import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CSP_DIRECTIVES, MODEL_HOSTS, contentSecurityPolicy } from '../csp.config';
import { BACKBONES } from './core/backbones/catalogue';
import './core/experiment/config';

/**
 * The static half of the security guarantees (docs/guarantees.md; e2e/privacy.spec.ts is the running half):
 * the Content-Security-Policy allows no eval and no inline code in the built app, and every host the backbone
 * catalogue downloads from; zod is always used in its no-eval mode.
 */
const srcDir = path.dirname(fileURLToPath(import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

describe('Content-Security-Policy (csp.config.ts)', () => {
  const built = [contentSecurityPolicy({ delivery: 'header' }), contentSecurityPolicy({ delivery: 'meta' })];

  it('allows no eval and no inline script or style in the built app; WebAssembly only via wasm-unsafe-eval, blob: scripts for WASM threads', () => {
    for (const policy of built) {
      expect(policy).not.toMatch(/'unsafe-eval'|'unsafe-inline'|\*/);
      expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval' blob:(;|$)/);
      expect(policy).toMatch(/object-src 'none'/);
    }
    expect(contentSecurityPolicy({ delivery: 'header' })).toMatch(/frame-ancestors 'none'/);
    // A <meta> policy may not carry frame-ancestors (Chromium ignores it and logs an error).
    expect(contentSecurityPolicy({ delivery: 'meta' })).not.toMatch(/frame-ancestors/);
  });

  it('lets the app reach every host the backbone catalogue downloads from, and no other', () => {
    const hosts = new Set(
      Object.values(BACKBONES)
        .map((b) => b.modelUrl)
        .filter((url) => /^https?:/.test(url))
        .map((url) => new URL(url).origin),
    );
    expect([...hosts].sort()).toEqual([...MODEL_HOSTS].sort());
    const connect = CSP_DIRECTIVES['connect-src'].filter((s) => /^https?:/.test(s));
    expect([...connect].sort()).toEqual([...MODEL_HOSTS].sort());
  });

  it('the dev server policy only adds what Vite HMR needs', () => {
    const dev = contentSecurityPolicy({ delivery: 'header', dev: true });
    expect(dev).toMatch(/connect-src [^;]*ws:/);
    expect(dev).not.toMatch(/'unsafe-eval'/);
  });
});

describe('zod never compiles code (no new Function)', () => {
  it('runs jitless once the config schema is loaded', () => {
    expect(z.config().jitless).toBe(true);
  });

  it('is imported only through src/core/zod.ts, which sets jitless', () => {
    const direct = sourceFiles(srcDir)
      .filter((f) => !f.endsWith(path.join('core', 'zod.ts')) && !f.endsWith('security.test.ts'))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ file: path.relative(srcDir, f), line: i + 1, text: line.trim() }))
          .filter((l) => /^import\s+(?!type\b)[^;]*from\s+['"]zod['"]/.test(l.text)),
      );
    expect(direct).toEqual([]);
  });
});
