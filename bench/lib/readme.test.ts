import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM without types (scripts/readme-bench.mjs's helpers)
import { END, readmeHighlights, replaceHighlights, START } from './readme.mjs';

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

  it('refuses a README without the markers', () => {
    expect(() => replaceHighlights('# no markers', 'x')).toThrow(/no <!-- bench-highlights:start/);
  });
});
