/**
 * `npm run results [-- NAME…] [-- --readme-only | --resummarize]`: regenerates docs/results/<name>.json by running the
 * command line (scripts/lib/storedResults.ts lists the runs), then rewrites README.md's results section from the
 * stored files. With --readme-only nothing is run: the README is rebuilt from the JSON already stored. With
 * --resummarize nothing is trained either: every stored result's summary (docs/results/*.json, sweeps included) is
 * derived again from its stored trials by today's core (experiment/resummarizeResult.ts, sweep/resummarize.ts) —
 * after a change to how intervals or verdicts are computed — and the README rebuilt. Runs take minutes on a 2-core
 * machine; the load average before and after each run is printed (record it with the commit).
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { resummarizeResult } from '../src/core/experiment/resummarizeResult';
import type { ExperimentResult } from '../src/core/experiment/types';
import { resummarizeSweep } from '../src/core/sweep/resummarize';
import type { SweepResult } from '../src/core/sweep/types';
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
  const resummarize = argv.includes('--resummarize');
  const readmeOnly = argv.includes('--readme-only') || resummarize;
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
  if (resummarize) await resummarizeStored();
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

/** Every docs/results/*.json summary derived again from its stored trials (no training), written back in place. */
async function resummarizeStored(): Promise<void> {
  const dir = path.join(root, 'docs/results');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  for (const file of files) {
    const value = JSON.parse(await readFile(path.join(dir, file), 'utf8')) as ExperimentResult | SweepResult;
    const next =
      'cells' in value ? { ...value, ...resummarizeSweep(value) } : { ...value, summary: resummarizeResult(value) };
    const text = `${JSON.stringify(next, null, 2)}\n`;
    const changed = text !== (await readFile(path.join(dir, file), 'utf8'));
    await writeFile(path.join(dir, file), text);
    process.stdout.write(`${file}: summary ${changed ? 're-derived (changed)' : 'unchanged'}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
