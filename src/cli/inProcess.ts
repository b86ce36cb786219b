/**
 * For tests: the command line run in the test's own process — the same `main` (./program: commander's options,
 * the command, the exit-code and one-line error reporting) that bin/transfer-studio.mjs runs, without the ~1.7 s
 * of a new Node process starting tsx. Its output is collected from process.stdout/stderr while it runs. Tests keep
 * real spawns (src/testing/cli.ts runCli) for the launcher's own wiring; this is for the many cases that differ
 * only in what the command does with its input, such as the bad-input checks that each exit 2.
 *
 * Spawned CLIs remember the measured backend in TEST_CACHE_DIR (src/testing/cli.ts); so does this, never in the
 * user's own cache. Calls must not overlap (one test at a time, as vitest runs a file's tests).
 */
import { main } from './program';

export interface InProcessOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `transfer-studio ...args` in-process to its end; `cacheDir` is TRANSFER_STUDIO_CACHE_DIR meanwhile. */
export async function runInProcess(args: string[], cacheDir: string): Promise<InProcessOutcome> {
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
