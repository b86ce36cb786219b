/**
 * `npm run results [-- NAME…] [-- --readme-only]`: regenerates docs/results/<name>.json by running the command line
 * (scripts/lib/storedResults.ts lists the runs), then rewrites README.md's results section from the stored files.
 * With --readme-only nothing is run: the README is rebuilt from the JSON already stored. Runs take minutes on a
 * 2-core machine; the load average before and after each run is printed (record it with the commit).
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ExperimentResult } from '../src/core/experiment/types';
import { replaceResultsSection, resultsSection, STORED_RESULTS } from './lib/storedResults';

const root = path.resolve(import.meta.dirname, '..');
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

function runCli(args: string[]): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'bin/transfer-studio.mjs'), 'run', ...args], {
      cwd: root,
      stdio: 'inherit',
    });
    child.on('error', reject);
    child.on('close', resolve);
  });
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const readmeOnly = argv.includes('--readme-only');
  const names = argv.filter((a) => !a.startsWith('--'));
  const unknown = names.filter((n) => !STORED_RESULTS.some((e) => e.name === n));
  if (unknown.length > 0) {
    throw new Error(`unknown result ${unknown.join(', ')}; known: ${STORED_RESULTS.map((e) => e.name).join(', ')}`);
  }
  await mkdir(path.join(root, 'docs/results'), { recursive: true });
  if (!readmeOnly) {
    for (const entry of STORED_RESULTS.filter((e) => names.length === 0 || names.includes(e.name))) {
      const out = await mkdtemp(path.join(os.tmpdir(), `results-${entry.name}-`));
      process.stdout.write(`${entry.name}: load average ${load()} (1, 5, 15 min) before, ${os.cpus().length} cores\n`);
      const code = await runCli([...entry.args, '--quiet', '--out', out]);
      if (code !== 0) throw new Error(`${entry.name}: transfer-studio run exited with ${code}`);
      await copyFile(path.join(out, 'results.json'), path.join(root, 'docs/results', `${entry.name}.json`));
      await rm(out, { recursive: true, force: true });
      process.stdout.write(`${entry.name}: load average ${load()} after; stored docs/results/${entry.name}.json\n`);
    }
  }
  const results = await Promise.all(
    STORED_RESULTS.map(async (entry) => ({
      entry,
      result: JSON.parse(
        await readFile(path.join(root, 'docs/results', `${entry.name}.json`), 'utf8'),
      ) as ExperimentResult,
    })),
  );
  const readmePath = path.join(root, 'README.md');
  const readme = await readFile(readmePath, 'utf8');
  await writeFile(readmePath, replaceResultsSection(readme, resultsSection(results)));
  process.stdout.write('README.md results section rewritten from docs/results/*.json\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
