import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The shape of the tree that an import linter cannot see. Which room imports which — core framework-free, math
 * pure, features apart, no TensorFlow.js in UI code, no Math.random or console in core, no eval — is ESLint's
 * job (eslint.config.js, proven in lint.test.ts), and `npm test` runs it.
 */
const srcDir = path.dirname(fileURLToPath(import.meta.url));

const isTest = (name: string) => /\.(test|spec)\.tsx?$/.test(name);

describe('the shape of the tree', () => {
  it('src/worker keeps its concerns in rooms: at most 8 files at its top level', () => {
    const dir = path.join(srcDir, 'worker');
    const files = readdirSync(dir).filter((name) => statSync(path.join(dir, name)).isFile());
    expect(files.length, `src/worker holds ${files.join(', ')}`).toBeLessThanOrEqual(8);
  });

  it('src/cli holds the command line only: every file in it is reached from main.ts', () => {
    const dir = path.join(srcDir, 'cli');
    const reached = new Set<string>();
    const visit = (file: string) => {
      if (reached.has(file)) return;
      reached.add(file);
      // Static and dynamic imports of siblings; `from '…'` sits on one line even in a multi-line import.
      for (const match of readFileSync(path.join(dir, file), 'utf8').matchAll(/(?:from|import\()\s*'\.\/([^']+)'/g)) {
        const sibling = ['.ts', '.tsx', ''].map((ext) => match[1] + ext).find((name) => files.includes(name));
        if (sibling) visit(sibling);
      }
    };
    const files = readdirSync(dir).filter((name) => /\.tsx?$/.test(name) && !isTest(name));
    visit('main.ts');
    const strays = files.filter((name) => !reached.has(name));
    expect(strays, 'not part of the command line: move to src/node (platform) or src/testing (test helpers)').toEqual(
      [],
    );
  });
});
