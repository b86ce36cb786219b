import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  END,
  readmeHighlights,
  replaceHighlights,
  replaceTransferability,
  START,
  TRANSFER_END,
  TRANSFER_START,
  transferabilityBlock,
  // @ts-expect-error plain ESM without types (scripts/readme-bench.mjs's helpers)
} from './readme.mjs';

const root = new URL('../../', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, root), 'utf8');

describe('README benchmark highlights', () => {
  it('match the stored results (bench/results/latest.json); regenerate with node scripts/readme-bench.mjs', () => {
    const readme = read('README.md');
    const block = readmeHighlights(JSON.parse(read('bench/results/latest.json')));
    expect(readme.slice(readme.indexOf(START), readme.indexOf(END) + END.length)).toBe(block);
    expect(replaceHighlights(readme, block)).toBe(readme);
  });

  it('carry every done-when target of issue 19 with the stored value or "not measured"', () => {
    const block = readmeHighlights(JSON.parse(read('bench/results/latest.json')));
    for (const name of [
      'embedding-peak-fraction:wasm:mobilenet_v1_0.25',
      'embedding-peak-fraction:wasm:mobilenet_v1_0.75',
      'finetune-step-ratio',
      'scratch-step-to-forward-ratio:wasm:mobilenet_v1_0.25',
      'rss-1000-photos-ratio',
    ])
      expect(block).toContain(`| ${name}`);
  });

  it('carry the transferability τ table of the stored full-mode run (bench/results/transferability-latest.json)', () => {
    const readme = read('README.md');
    const stored = JSON.parse(read('bench/results/transferability-latest.json'));
    const block = transferabilityBlock(stored);
    expect(readme.slice(readme.indexOf(TRANSFER_START), readme.indexOf(TRANSFER_END) + TRANSFER_END.length)).toBe(
      block,
    );
    expect(replaceTransferability(readme, block)).toBe(readme);
    // Issue 16: every built-in or staged dataset, 6 candidates each, a mean over them, and the poor scores named.
    expect(stored.mode).toBe('full');
    expect(stored.transferability.datasets.map((d: { name: string }) => d.name)).toEqual([
      'flowers',
      'dtd',
      'omniglot',
      'digits-mnist',
      'digits-mnistm',
    ]);
    for (const d of stored.transferability.datasets) expect(d.candidates).toBeGreaterThanOrEqual(6);
    expect(block).toContain('**mean over 5 datasets**');
    expect(block).toMatch(/Ranks poorly here \(mean τ below 0\.5\): /);
  });

  it('refuses a README without the markers', () => {
    expect(() => replaceHighlights('# no markers', 'x')).toThrow(/no <!-- bench-highlights:start/);
  });
});
