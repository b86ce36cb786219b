import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ExperimentResult } from '../core/experiment/types';
import { selectExamples } from '../core/experiment/runExperiment';
import { fnv1a64, idsDigest } from '../core/experiment/splitDigest';
import { runInProcess, TEST_CACHE_DIR, useTempDir } from '../testing/cli';
import { cliPresetDigest } from '../testing/digitsAbDigest';
import { readFlowers } from '../testing/engineSetup';
import { expectHonestSummary } from '../testing/honestSummary';
import { FLOWERS_DIR, MOBILENET_V1_025_JSON } from '../testing/paths';
import { main } from './program';

/**
 * Issue #12's done-when, on the command line's own `main` run in-process (src/testing/cli.ts runInProcess: the same
 * options, command and exit code as a spawn, without a Node + tsx start-up; cli.test.ts spawns `run` for real), with
 * few epochs, so the file stays under a minute on 2 cores (the full 20-epoch runs are the stored
 * docs/results/*.json, checked the same way by scripts/storedResults.test.ts):
 * every metric and gain a mean with its 95 % interval, asymptotes "not reached" rather than extrapolated, slopes
 * bounded by the curve's rises, time to accuracy from epoch 1, verdicts and negative-transfer flags only where the
 * paired interval excludes zero, a validation set that --per-class does not move, repeats whose validation sets
 * cover every image, and the studio demo's split digest.
 */
const tmp = useTempDir('transfer-studio-honest-');

async function run(name: string, args: string[]): Promise<ExperimentResult> {
  const out = path.join(tmp(), name);
  const { code, stderr } = await runInProcess(main, ['run', ...args, '--quiet', '--out', out], TEST_CACHE_DIR);
  expect(code, stderr).toBe(0);
  return JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as ExperimentResult;
}

describe('honest numbers (issue #12)', () => {
  it('digits-ab --seeds 3 --repeats 3: intervals everywhere, transfer gains positive; --per-class keeps validation', async () => {
    const result = await run('digits', ['--preset', 'digits-ab', '--seeds', '3', '--repeats', '3', '--epochs', '4']);
    expect(result.config).toMatchObject({ seeds: 3, repeats: 3, epochs: 4, perClass: 10 });
    expect(result.runs).toHaveLength(3 * 3 * 3);
    expectHonestSummary(result);
    const fe = result.summary.find((s) => s.strategy === 'feature-extraction')!;
    expect(fe.transferGain!.plateau.mean).toBeGreaterThan(0);
    expect(fe.transferGain!.asymptote.mean).toBeGreaterThan(0);
    for (const s of result.summary) expect(s.metrics.plateau.method).toBe('t-repeats');

    // The studio demo (one repeat, 10 per class) validates and trains on repeat 0 of this very split.
    const first = result.split!.repeats[0];
    expect(fnv1a64(`0:${first.train}:${first.validation}`)).toBe(await cliPresetDigest(10));

    // More training images per class draw from the same pool: every repeat's validation set is unchanged.
    const more = await run('digits-40', [
      '--preset',
      'digits-ab',
      '--strategies',
      'feature-extraction',
      '--seeds',
      '1',
      '--repeats',
      '3',
      '--epochs',
      '1',
      '--per-class',
      '40',
    ]);
    expect(more.dataset.trainCount).toBe(5 * 40);
    expect(more.split!.repeats.map((r) => r.validation)).toEqual(result.split!.repeats.map((r) => r.validation));
    expect(more.split!.repeats.map((r) => r.train)).not.toEqual(result.split!.repeats.map((r) => r.train));
  });

  it('flowers --repeats 5: validation sets cover every image; a flag only where the paired interval excludes zero', async () => {
    const result = await run('flowers', [
      '--dataset',
      FLOWERS_DIR,
      '--backbone',
      'mobilenet_v1_0.25',
      '--model-url',
      MOBILENET_V1_025_JSON,
      '--strategies',
      'scratch,feature-extraction',
      '--seeds',
      '1',
      '--repeats',
      '5',
      '--epochs',
      '3',
      '--per-class',
      '30',
      '--image-size',
      '32',
    ]);
    expectHonestSummary(result);
    expect(result.summary[0].metrics.plateau).toMatchObject({ method: 't-repeats', n: 5 });

    // The splits the CLI recorded are the ones selectExamples makes; together they validate every image.
    const dataset = await readFlowers();
    const ids = (indices: number[]) => indices.map((i) => dataset.examples[i].id);
    const validated = new Set<number>();
    for (let repeat = 0; repeat < 5; repeat++) {
      const split = selectExamples(dataset, result.config, repeat);
      expect(idsDigest(ids(split.validation))).toBe(result.split!.repeats[repeat].validation);
      expect(idsDigest(ids(split.train))).toBe(result.split!.repeats[repeat].train);
      split.validation.forEach((i) => validated.add(i));
    }
    expect(validated.size).toBe(dataset.examples.length);
    expect(dataset.examples.length).toBe(5 * 40);
  });
});
