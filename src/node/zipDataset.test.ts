import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { patternPng } from '../core/testing/badInputs';
import { lockedZip } from '../core/testing/lockedZip';
import { nodeDecoder } from './decode';
import { readZipDataset } from './zipDataset';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'zip-dataset-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('readZipDataset (issue 13, item 7)', () => {
  it('a bzip2 zip: the error names the compression method, not "found 0 class folders"', async () => {
    const file = path.join(tmp, 'bzip2.zip');
    const names = ['cats/1.png', 'cats/2.png', 'dogs/1.png', 'dogs/2.png'];
    const files = Object.fromEntries(names.map((n, i) => [n, patternPng(i)]));
    await writeFile(file, lockedZip(files, Object.fromEntries(names.map((n) => [n, { method: 12 }]))));
    const error = (await readZipDataset(file, nodeDecoder).then(
      () => null,
      (e: unknown) => e,
    )) as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toContain('4 of its images cannot be unpacked');
    expect(error.message).toContain('unsupported compression method (bzip2)');
    expect(error.message).not.toContain('found 0');
  });

  it('a password-protected zip is called password-protected, not corrupt', async () => {
    const file = path.join(tmp, 'secret.zip');
    const files = { 'a/1.png': patternPng(1), 'b/1.png': patternPng(2) };
    await writeFile(file, lockedZip(files, { 'a/1.png': { encrypted: true }, 'b/1.png': { encrypted: true } }));
    const error = (await readZipDataset(file, nodeDecoder).then(
      () => null,
      (e: unknown) => e,
    )) as Error;
    expect(error.message).toContain('password-protected');
    expect(error.message).not.toMatch(/corrupt|found 0/);
  });
});
