// "Today" in issue 19's targets: the code just before its work began, taken from git history so that the old and
// the new are measured side by side in one benchmark run.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, WORK_DIR } from './paths.mjs';

/**
 * main just before issue 19's work began: the next commit, 88b7b59, folded BatchNorm; 68b499e then fitted the
 * pixels. Its photos were decoded whole and held (≤ 512 px), preprocessed again by every strategy, and cached at the
 * cut's full feature map in batches of 32 that were then concatenated.
 */
export const TODAY_COMMIT = 'da867ad54f752436747efc2c86c70b226115abbb';

/**
 * TODAY_COMMIT's `paths` (all of it when empty) extracted once into tmp/bench/today-<name>-<commit>/ from this
 * checkout's git history. Throws a plain message when the history is not there (a tarball, a shallow clone).
 */
export function todayTree(name, paths = []) {
  const dir = path.join(WORK_DIR, `today-${name}-${TODAY_COMMIT.slice(0, 7)}`);
  if (existsSync(path.join(dir, '.extracted'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const tar = path.join(WORK_DIR, `today-${name}.tar`);
  try {
    execFileSync('git', ['archive', '--format=tar', '-o', tar, TODAY_COMMIT, ...paths], {
      cwd: REPO_ROOT,
      stdio: 'pipe',
    });
  } catch (error) {
    const why = error.stderr?.toString().trim().split('\n').pop() || error.message;
    throw new Error(`today's code (${TODAY_COMMIT.slice(0, 7)}) is not in this checkout's git history: ${why}`, {
      cause: error,
    });
  }
  execFileSync('tar', ['-xf', tar, '-C', dir]);
  rmSync(tar);
  writeFileSync(path.join(dir, '.extracted'), '');
  return dir;
}
