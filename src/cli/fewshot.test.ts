import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FewShotReport } from '../core/fewshot/runFewShot';
import { runCli, runInProcess, TEST_CACHE_DIR, useTempDir } from '../testing/cli';
import { MOBILENET_V1_025_JSON, SHARED_DATASETS } from '../testing/paths';
import { fewShotConfigOf, type FewShotFlags } from './fewshotCommand';
import { formatFewShotReport } from './fewshotReport';
import { main } from './program';

/**
 * `transfer-studio fewshot` on Omniglot (../shared, 20 characters × 20 drawings) with MobileNet v1 0.25: the
 * issue's done-when, through the command line's `main` in-process (src/testing/cli.ts runInProcess: no Node + tsx
 * start-up; the bad-flags case below spawns the real launcher). 128 px instead of 224 keeps the embedding pass
 * short; the episodes are the standard 600.
 */
const tmp = useTempDir('transfer-studio-fewshot-');
const omniglot = path.join(SHARED_DATASETS, 'omniglot');

const FLAGS: FewShotFlags = {
  dataset: omniglot,
  ways: '5',
  shots: '1,5',
  episodes: '600',
  backbone: 'mobilenet_v1_0.25',
  seed: '1',
  backend: 'wasm',
  out: 'x',
};

describe('transfer-studio fewshot', () => {
  it('writes fewshot.json: prototypes at 5 shots beat 1 shot, both above chance with their intervals', async () => {
    const out = path.join(tmp(), 'omniglot');
    const { code, stdout, stderr } = await runInProcess(
      main,
      [
        'fewshot',
        ...['--dataset', omniglot, '--ways', '5', '--shots', '1,5', '--episodes', '600'],
        ...['--backbone', 'mobilenet_v1_0.25', '--model-url', MOBILENET_V1_025_JSON, '--image-size', '128'],
        ...['--methods', 'prototype-cosine,knn,ridge', '--backend', 'wasm', '--out', out],
      ],
      TEST_CACHE_DIR,
    );
    expect(stderr).not.toMatch(/error/i);
    expect(code).toBe(0);
    const report = JSON.parse(await readFile(path.join(out, 'fewshot.json'), 'utf8')) as FewShotReport;
    expect(report.schemaVersion).toBe(1);
    expect(report.config).toMatchObject({ ways: 5, shots: [1, 5], episodes: 600, queries: 15 });
    expect(report.dataset.counts).toEqual(new Array(20).fill(20));
    expect(report.embeddings).toEqual([{ cut: 'conv_pw_13_relu', dimensions: 256, seconds: expect.any(Number) }]);
    expect(report.results.map((r) => `${r.method}@${r.shots}`)).toEqual([
      'prototype-cosine@1',
      'prototype-cosine@5',
      'knn@1',
      'knn@5',
      'ridge@1',
      'ridge@5',
    ]);
    for (const r of report.results) {
      expect(r.accuracy).toMatchObject({ n: 600, method: 't-episodes' });
      expect(r.accuracy.ci95![0]).toBeGreaterThan(0.2);
      expect(r.versusChance).toBe('above');
    }
    const [one, five] = report.results;
    expect(five.accuracy.ci95![0]).toBeGreaterThan(one.accuracy.ci95![1]);
    expect(report.shotGains[0]).toMatchObject({
      method: 'prototype-cosine',
      fromShots: 1,
      toShots: 5,
      direction: 'above',
    });
    expect(stdout).toContain('prototype-cosine');
    expect(await readFile(path.join(out, 'fewshot.txt'), 'utf8')).toContain('95 % t over episodes');
  });

  it('says what is wrong with the flags or the episode sizes, with exit code 2', async () => {
    expect(() => fewShotConfigOf({ ...FLAGS, methods: 'prototype-cosine,svm' })).toThrow(/--methods: unknown svm/);
    expect(() => fewShotConfigOf({ ...FLAGS, shots: '1,x' })).toThrow(/--shots/);
    expect(() => fewShotConfigOf({ ...FLAGS, ways: '1' })).toThrow(/--ways/);
    const { code, stderr } = await runCli([
      'fewshot',
      ...['--dataset', omniglot, '--ways', '25', '--shots', '1', '--model-url', MOBILENET_V1_025_JSON],
      ...['--out', path.join(tmp(), 'bad')],
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/25-way episodes .* need 25 classes/);
  });

  it('formats intervals and verdicts in the table', () => {
    const report = {
      config: { ways: 5, queries: 15, episodes: 600, backbone: 'b' },
      dataset: { name: 'd', classNames: ['a', 'b'], counts: [20, 20] },
      embeddings: [{ cut: 'c', dimensions: 4, seconds: 1 }],
      environment: { backend: 'wasm' },
      results: [
        {
          method: 'knn',
          shots: 1,
          accuracy: { mean: 0.5, ci95: [0.45, 0.55], n: 600, method: 't-episodes' },
          versusChance: 'above',
        },
      ],
      shotGains: [
        { method: 'knn', fromShots: 1, toShots: 5, gain: { mean: -0.01, ci95: [-0.03, 0.01] }, direction: 'unclear' },
      ],
      seconds: 3,
    } as unknown as FewShotReport;
    const text = formatFewShotReport(report);
    expect(text).toContain('[45.0 %, 55.0 %]');
    expect(text).toContain('−1.0 pts');
    expect(text).toContain('no clear difference');
  });
});
