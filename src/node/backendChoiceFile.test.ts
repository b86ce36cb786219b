import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackendChoice } from '../core/backends/chooseBackend';
import { BACKEND_CHOICE_FILE, backendChoiceFile, defaultCacheDir } from './backendChoiceFile';

const choice = (key: string, backend = 'wasm'): BackendChoice => ({
  schemaVersion: 1,
  key,
  backend,
  reason: `${backend}: 12.0 train steps/s`,
  measurements: [],
  fromCache: false,
});

describe('backendChoiceFile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'backend-choice-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('remembers one choice per key, in a folder it creates', async () => {
    const cache = backendChoiceFile(path.join(dir, 'nested'));
    expect(await cache.get('a')).toBeUndefined();
    await cache.set('a', choice('a'));
    await cache.set('b', choice('b', 'cpu'));
    expect(await cache.get('a')).toEqual(choice('a'));
    expect(await backendChoiceFile(path.join(dir, 'nested')).get('b')).toEqual(choice('b', 'cpu'));
    const stored = JSON.parse(await readFile(path.join(dir, 'nested', BACKEND_CHOICE_FILE), 'utf8'));
    expect(Object.keys(stored)).toEqual(['a', 'b']);
  });

  it('reads a damaged file as "not measured yet" and replaces it on the next write', async () => {
    await writeFile(path.join(dir, BACKEND_CHOICE_FILE), '{"a": {"schemaVer');
    const cache = backendChoiceFile(dir);
    expect(await cache.get('a')).toBeUndefined();
    await cache.set('a', choice('a'));
    expect(await cache.get('a')).toEqual(choice('a'));
  });

  it('a folder it cannot write does not stop anything', async () => {
    if (process.getuid?.() === 0) {
      // root writes anywhere; a path under a regular file cannot be created by anyone.
      await writeFile(path.join(dir, 'file'), '');
      const cache = backendChoiceFile(path.join(dir, 'file', 'sub'));
      await expect(cache.set('a', choice('a'))).resolves.toBeUndefined();
      expect(await cache.get('a')).toBeUndefined();
      return;
    }
    await chmod(dir, 0o500);
    const cache = backendChoiceFile(dir);
    await expect(cache.set('a', choice('a'))).resolves.toBeUndefined();
    expect(await cache.get('a')).toBeUndefined();
  });

  it('lives in $TRANSFER_STUDIO_CACHE_DIR, else $XDG_CACHE_HOME/transfer-studio, else ~/.cache/transfer-studio', () => {
    expect(defaultCacheDir({ TRANSFER_STUDIO_CACHE_DIR: '/x', XDG_CACHE_HOME: '/y' })).toBe('/x');
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/y' })).toBe(path.join('/y', 'transfer-studio'));
    expect(defaultCacheDir({})).toBe(path.join(os.homedir(), '.cache', 'transfer-studio'));
  });
});
