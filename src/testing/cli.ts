/**
 * Test helpers for the real command line, spawned as users run it (`node bin/transfer-studio.mjs …`): running the
 * CLI to its exit, and a temporary folder per test file (the repository's paths: ./paths).
 */
import { afterAll, beforeAll } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cliBin, repoRoot } from './paths';

export interface CliOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Where spawned CLIs remember the measured backend (src/node/backendChoiceFile.ts): one folder for the whole test
 * run, never the user's own cache, so only the first `--backend auto` command measures.
 */
export const TEST_CACHE_DIR = path.join(os.tmpdir(), 'transfer-studio-tests-cache');

/** Starts the CLI with `args` from the repository root, its output piped; `env` adds to the environment. */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawn(process.execPath, [cliBin, ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TRANSFER_STUDIO_CACHE_DIR: TEST_CACHE_DIR, ...env },
  });
}

/** Runs the CLI to its exit (killed after `timeoutMs`) and collects its output. */
export function runCli(args: string[], timeoutMs = 240_000, env: NodeJS.ProcessEnv = {}): Promise<CliOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawnCli(args, env);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A temporary folder made before the file's tests and removed after them; call the result for its path. */
export function useTempDir(prefix: string): () => string {
  let dir: string | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  return () => {
    if (!dir) throw new Error('the temporary folder exists only while the tests run');
    return dir;
  };
}

export interface InProcessOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `transfer-studio ...args` in-process to its end through `main` (src/cli/program.ts, passed in: test helpers
 * do not import src/cli): the same commander options, command, exit code and one-line error reporting that
 * bin/transfer-studio.mjs runs, without the ~1.7 s of a new Node process starting tsx. Output is collected from
 * process.stdout/stderr while it runs; `cacheDir` is TRANSFER_STUDIO_CACHE_DIR meanwhile, never the user's cache.
 * Tests keep real spawns (runCli) for the launcher's own wiring; this is for cases that differ only in their input.
 * Calls must not overlap (one test at a time, as vitest runs a file's tests).
 */
export async function runInProcess(
  main: (argv: readonly string[]) => Promise<number>,
  args: string[],
  cacheDir: string,
): Promise<InProcessOutcome> {
  const output = { stdout: '', stderr: '' };
  const streams = { stdout: process.stdout, stderr: process.stderr } as const;
  const writes = { stdout: streams.stdout.write, stderr: streams.stderr.write };
  const previousCacheDir = process.env.TRANSFER_STUDIO_CACHE_DIR;
  for (const name of ['stdout', 'stderr'] as const) {
    streams[name].write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      output[name] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    }) as typeof process.stdout.write;
  }
  process.env.TRANSFER_STUDIO_CACHE_DIR = cacheDir;
  try {
    const code = await main(['node', 'transfer-studio', ...args]);
    return { code, ...output };
  } finally {
    streams.stdout.write = writes.stdout;
    streams.stderr.write = writes.stderr;
    if (previousCacheDir === undefined) delete process.env.TRANSFER_STUDIO_CACHE_DIR;
    else process.env.TRANSFER_STUDIO_CACHE_DIR = previousCacheDir;
  }
}
