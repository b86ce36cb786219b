import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runInProcess, TEST_CACHE_DIR, useTempDir } from '../testing/cli';
import { SHARED_DATASETS } from '../testing/paths';
import type { ExperimentResult } from '../core/experiment/types';
import { UserError } from './errors';
import { main } from './program';
import { resolveRun } from './runOptions';

/**
 * `run` with domain adaptation: --source/--target folders and the digits-mnist-to-mnistm preset, kept tiny. The run
 * goes through the command line's `main` in-process (src/testing/cli.ts runInProcess); cli.test.ts spawns `run`.
 */
const out = useTempDir('adapt-cli-');
const MNIST = path.join(SHARED_DATASETS, 'digits-mnist');
const MNISTM = path.join(SHARED_DATASETS, 'digits-mnistm');

describe('run --source/--target', () => {
  it('writes source-only, coral, dan, dann and oracle into one results.json, gains against source-only', async () => {
    const dir = path.join(out(), 'folders');
    const { code, stdout, stderr } = await runInProcess(
      main,
      [
        'run',
        ...['--source', MNIST, '--target', MNISTM, '--backbone', 'digits-vgg', '--backend', 'wasm', '--quiet'],
        ...['--strategies', 'source-only,coral,dan,dann,oracle', '--seeds', '2', '--epochs', '2'],
        ...['--validation-fraction', '0.5', '--batch-size', '32', '--out', dir],
      ],
      TEST_CACHE_DIR,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(await readFile(path.join(dir, 'results.json'), 'utf8')) as ExperimentResult;
    expect(result.summary.map((s) => s.strategy)).toEqual(['source-only', 'coral', 'dan', 'dann', 'oracle']);
    expect(result.source?.count).toBe(300);
    expect(result.runs).toHaveLength(10);
    expect(stdout).toContain('plateau gain over source-only');
    expect(stdout).toContain('Ganin & Lempitsky 2015');
    expect(stdout).not.toContain('scratch');
  }, 240_000);
});

describe('resolveRun for domain adaptation', () => {
  it('the preset fixes digits-vgg, every adaptation strategy and a half-and-half target split', async () => {
    const { config, data } = await resolveRun({ preset: 'digits-mnist-to-mnistm', seeds: '2', repeats: '2' });
    expect(config).toMatchObject({ backbone: 'digits-vgg', seeds: 2, repeats: 2, validationFraction: 0.5 });
    expect(config.strategies).toEqual(['source-only', 'coral', 'deep-coral', 'dan', 'dann', 'tradaboost', 'oracle']);
    expect(data.kind === 'preset' && data.preset.loadSource).toBeTruthy();
  });

  it('the offline preset: MNIST 0–9 → the next 30 per digit on synthetic colour backgrounds, as the studio makes', async () => {
    const { config, data } = await resolveRun({ preset: 'digits-to-colour-digits' });
    expect(config).toMatchObject({ backbone: 'digits-vgg', validationFraction: 0.5 });
    if (data.kind !== 'preset' || !data.preset.loadSource) throw new Error('expected a preset with a source');
    const [source, target] = await Promise.all([data.preset.loadSource(), data.preset.loadDataset(15)]);
    expect(source.examples.map((e) => e.id)).toContain('mnist:7:29');
    expect(source.examples).toHaveLength(300);
    expect(target.examples).toHaveLength(300);
    expect(target.examples.map((e) => e.id)).toContain('colour:7:30');
    expect(target.examples.map((e) => e.id)).not.toContain('colour:7:29');
    expect(target.name).toContain('synthetic colour backgrounds');
    await expect(data.preset.loadDataset(16)).rejects.toThrow(/30 images per digit/);
  });

  it('asks for both folders, and for a source when adaptation strategies are given without one', async () => {
    await expect(resolveRun({ source: MNIST })).rejects.toThrow(/both --source DIR/);
    await expect(resolveRun({ dataset: MNISTM, backbone: 'digits-vgg', strategies: 'coral' })).rejects.toThrow(
      /give --source DIR and --target DIR/,
    );
    await expect(
      resolveRun({ source: MNIST, target: MNISTM, backbone: 'digits-vgg', strategies: 'scratch' }),
    ).rejects.toBeInstanceOf(UserError);
  });
});
