import { describe, expect, it } from 'vitest';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ExperimentResult } from '../core/experiment/types';
import { patternPng, utf8, zipWithRawNames } from '../core/testing/badInputs';
import { runCli, useTempDir, type CliOutcome } from '../testing/cli';

/**
 * Issue 13 ("Trust, second round") against the real command line: the zips, folders and mistakes that the first
 * round did not list, each crafted here. The studio's side of each case: e2e/second-round.spec.ts.
 */
const tmp = useTempDir('transfer-studio-real-inputs-');

const quick = ['--backbone', 'digits-vgg', '--backend', 'cpu', '--strategies', 'feature-extraction'];
const short = ['--seeds', '1', '--epochs', '1'];

async function run(dataset: string, out: string, extra: string[] = []): Promise<CliOutcome & { outDir: string }> {
  const outDir = path.join(tmp(), out);
  return { ...(await runCli(['run', '--dataset', dataset, ...quick, ...short, ...extra, '--out', outDir])), outDir };
}

async function results(outDir: string): Promise<ExperimentResult> {
  return JSON.parse(await readFile(path.join(outDir, 'results.json'), 'utf8'));
}

async function writeBytes(file: string, bytes: Uint8Array): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, bytes);
  return file;
}

describe('transfer-studio run: zips as people make them', () => {
  it('UTF-8 class names without the zip flag (Info-ZIP, Finder) are read as UTF-8 (item 3)', async () => {
    const entries = ['猫', '狗'].flatMap((c, hue) =>
      [1, 2, 3].map((i) => [utf8(`${c}/${i}.png`), patternPng(i, 8, hue)] as const),
    );
    const zip = await writeBytes(path.join(tmp(), 'pets.zip'), zipWithRawNames(entries));
    const { code, stderr, outDir } = await run(zip, 'o-utf8');
    expect(code, stderr).toBe(0);
    expect((await results(outDir)).dataset.classNames).toEqual(['狗', '猫']);
    expect(stderr).not.toContain('ç');
  });
});
