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
