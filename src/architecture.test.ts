import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The one direction of dependency (STYLE.md): features → store → worker client → core. This test is the
 * enforcement, so a newcomer's stray import fails `npm test` with the file and the line.
 */
const srcDir = path.dirname(fileURLToPath(import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

interface Violation {
  file: string;
  line: number;
  text: string;
}

function findViolations(folder: string, forbidden: RegExp): Violation[] {
  const dir = path.join(srcDir, folder);
  let files: string[] = [];
  try {
    files = sourceFiles(dir);
  } catch {
    return [];
  }
  return files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .map((text, i) => ({ file: path.relative(srcDir, file), line: i + 1, text: text.trim() }))
      .filter((v) => forbidden.test(v.text)),
  );
}

const importOf = (what: string) => new RegExp(`^(import|export)\\b(?!\\s+type\\b).*from\\s+['"]${what}`);

describe('architecture boundaries', () => {
  it('core imports no React, store, UI, worker, CLI or Node modules', () => {
    const forbidden = /^(import|export)\b.*from\s+['"](react|zustand|node:|fs\b|path\b|(\.\.\/)+(store|features|ui|app|worker|cli)\/)/;
    expect(findViolations('core', forbidden)).toEqual([]);
  });

  it('core has no console output and no unseeded randomness', () => {
    const forbidden = /\b(console\.\w+|Math\.random)\s*\(/;
    expect(findViolations('core', forbidden).filter((v) => !v.text.startsWith('//') && !v.text.startsWith('*'))).toEqual([]);
  });

  it('UI code (features, ui, store, app) never imports TensorFlow.js directly', () => {
    for (const folder of ['features', 'ui', 'store', 'app']) {
      expect(findViolations(folder, importOf('@tensorflow/'))).toEqual([]);
    }
  });

  it('no eval-style code in our sources', () => {
    const forbidden = /(\beval\s*\(|new\s+Function\s*\()/;
    expect(findViolations('.', forbidden)).toEqual([]);
  });
});
