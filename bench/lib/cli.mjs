/**
 * Running `transfer-studio` as a user does, for the bench sections that time whole commands (sweeps,
 * transferability): the wall seconds of one command, and a fresh output folder under the bench's work dir.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, WORK_DIR } from './paths.mjs';

/** Runs `transfer-studio <command> <args>`; resolves with its wall seconds, rejects with its output's tail. */
export function runCli(command, args, { log, tag }) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'transfer-studio.mjs'), command, ...args], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let tail = '';
    child.stderr.on('data', (chunk) => (tail = (tail + chunk.toString()).slice(-2000)));
    child.stdout.on('data', (chunk) => (tail = (tail + chunk.toString()).slice(-2000)));
    child.on('close', (code) => {
      const seconds = (performance.now() - t0) / 1000;
      if (code !== 0)
        return reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${tail.trim().slice(-300)}`));
      log(`  [${tag}] done in ${seconds.toFixed(1)} s`);
      resolve(seconds);
    });
  });
}

/** An empty folder `name` under the bench's work dir (what an earlier run left there is removed). */
export function freshDir(name) {
  const out = path.join(WORK_DIR, name);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  return out;
}
