import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ZeroShotReport } from '../core/fewshot/runZeroShot';
import { runCli, runInProcess, TEST_CACHE_DIR, useTempDir } from '../testing/cli';
import { MOBILENET_V1_025_JSON } from '../testing/paths';
import { main } from './program';
import { zeroShotConfigOf } from './zeroshotCommand';

/**
 * `transfer-studio zeroshot --preset digits`: the done-when through the command line's `main` in-process
 * (src/testing/cli.ts runInProcess; the bad-flags case spawns the real launcher). Attribute
 * classifiers learn from 100 MNIST images of each of 0–4; 5–9 (100 each) are recognised from their attribute
 * rows alone, and the accuracy's 95 % interval must lie above chance (20 %).
 */
const tmp = useTempDir('transfer-studio-zeroshot-');

describe('transfer-studio zeroshot', () => {
  it('--preset digits: accuracy on 5–9 with an interval whose lower end is above 20 %', async () => {
    const out = path.join(tmp(), 'digits');
    const { code, stdout, stderr } = await runInProcess(
      main,
      ['zeroshot', ...['--preset', 'digits', '--model-url', MOBILENET_V1_025_JSON, '--backend', 'wasm', '--out', out]],
      TEST_CACHE_DIR,
    );
    expect(stderr).not.toMatch(/error/i);
    expect(code).toBe(0);
    const report = JSON.parse(await readFile(path.join(out, 'zeroshot.json'), 'utf8')) as ZeroShotReport;
    expect(report).toMatchObject({ schemaVersion: 1, kind: 'zeroshot', chance: 0.2, versusChance: 'above' });
    expect(report.config).toMatchObject({ backbone: 'mobilenet_v1_0.25', cut: 'conv_pw_13_relu', lambda: 1 });
    expect(report.trainCounts).toEqual([100, 100, 100, 100, 100]);
    expect(report.testCounts).toEqual([100, 100, 100, 100, 100]);
    expect(report.accuracy).toMatchObject({ n: 500, method: 'wilson' });
    expect(report.accuracy.ci95![0]).toBeGreaterThan(0.2);
    expect(report.perClass.map((c) => c.name)).toEqual(['5', '6', '7', '8', '9']);
    expect(report.meanContributions).toHaveLength(6);
    expect(stdout).toContain('closed loop');
    const table = await readFile(path.join(out, 'zeroshot.txt'), 'utf8');
    expect(table).toContain('95 % Wilson over test images');
    expect(table).toContain('above chance (20.0 %)');
  });

  it('says what is wrong with the flags, with exit code 2', async () => {
    const flags = { preset: 'digits', backend: 'wasm' as const, out: 'x' };
    expect(() => zeroShotConfigOf({ ...flags, preset: 'letters' })).toThrow(/--preset: unknown .* valid: digits/);
    expect(() => zeroShotConfigOf({ ...flags, lambda: '-1' })).toThrow(/--lambda/);
    expect(zeroShotConfigOf({ ...flags, lambda: '0.5' }).lambda).toBe(0.5);
    const { code, stderr } = await runCli(['zeroshot', '--preset', 'letters', '--out', path.join(tmp(), 'bad')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown zero-shot preset "letters"/);
  });
});
