#!/usr/bin/env node
// `node scripts/readme-bench.mjs [--check] [RESULT.json]`: rewrites the README's benchmark highlights from a stored
// result (default bench/results/latest.json) and its transferability table from the stored full-mode
// transferability result (bench/results/transferability-latest.json); --check only says whether they match (exit 1
// if not).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, RESULTS_DIR } from '../bench/lib/paths.mjs';
import {
  readmeHighlights,
  replaceHighlights,
  replaceTransferability,
  transferabilityBlock,
} from '../bench/lib/readme.mjs';

const args = process.argv.slice(2);
const check = args.includes('--check');
const file = args.find((a) => !a.startsWith('--')) ?? path.join(RESULTS_DIR, 'latest.json');
const readmePath = path.join(REPO_ROOT, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const transferability = JSON.parse(readFileSync(path.join(RESULTS_DIR, 'transferability-latest.json'), 'utf8'));
const updated = replaceTransferability(
  replaceHighlights(readme, readmeHighlights(JSON.parse(readFileSync(file, 'utf8')))),
  transferabilityBlock(transferability),
);
if (check) {
  if (updated !== readme) {
    process.stderr.write(
      'README.md benchmark highlights differ from the stored results: node scripts/readme-bench.mjs\n',
    );
    process.exit(1);
  }
  process.stdout.write('README.md benchmark highlights match the stored results\n');
} else if (updated !== readme) {
  writeFileSync(readmePath, updated);
  process.stdout.write(`rewrote the benchmark highlights of README.md from ${path.relative(REPO_ROOT, file)}\n`);
}
