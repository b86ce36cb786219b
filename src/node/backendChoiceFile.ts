/**
 * The CLI's memory of which backend won on this machine: one JSON file in the user's cache folder, keyed like the
 * studio's per-device cache (core/backends/chooseBackend.ts: machine, tfjs version, candidates, needs — a change of
 * any measures again). Measuring WASM against CPU takes ~2.5 s of every command otherwise.
 *
 * A cache and nothing more: a missing, unreadable or damaged file reads as "not measured yet", and a folder that
 * cannot be written just means the next command measures again — neither stops a command.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BackendChoice, BackendChoiceCache } from '../core/backends/chooseBackend';

export const BACKEND_CHOICE_FILE = 'backend-choice.json';

/**
 * Where the file lives: `$TRANSFER_STUDIO_CACHE_DIR`, else `$XDG_CACHE_HOME/transfer-studio`, else
 * `~/.cache/transfer-studio`.
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TRANSFER_STUDIO_CACHE_DIR) return env.TRANSFER_STUDIO_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'transfer-studio');
}

async function readAll(file: string): Promise<Record<string, unknown>> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/**
 * A BackendChoiceCache stored in `dir/backend-choice.json` (one entry per cache key). Writes go to a temporary file
 * renamed over the old one, so two commands finishing at once never leave half a file.
 */
export function backendChoiceFile(dir: string = defaultCacheDir()): BackendChoiceCache & { file: string } {
  const file = path.join(dir, BACKEND_CHOICE_FILE);
  return {
    file,
    async get(key: string): Promise<unknown> {
      return (await readAll(file))[key];
    },
    async set(key: string, value: BackendChoice): Promise<void> {
      try {
        await mkdir(dir, { recursive: true });
        const all = await readAll(file);
        all[key] = { ...value, fromCache: false };
        const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
        await writeFile(temporary, `${JSON.stringify(all, null, 2)}\n`);
        await rename(temporary, file);
      } catch {
        // Not writable (read-only home, full disk): the next command measures again.
      }
    },
  };
}
