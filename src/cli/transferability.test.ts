import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ScoreReport } from '../core/transferability/scoreReport';
import type { DomainShift } from '../core/transferability/domainShift';
import { runCli, runInProcess, TEST_CACHE_DIR, useTempDir } from '../testing/cli';
import { main } from './program';
import { FLOWERS_DIR, MOBILENET_V1_025_DIR, SHARED_DATASETS, sharedDir } from '../testing/paths';

/**
 * `transfer-studio score` and `shift` on ../shared images read in place. `shift` and a refused `score` are spawned as
 * users run them; the two scoring runs go through the same `main` in-process (src/testing/cli.ts runInProcess),
 * without a Node + tsx start-up each.
 */
const tmp = useTempDir('transfer-studio-score-');
const digits = path.join(SHARED_DATASETS, 'digits-mnist');
const SCORE_KEYS = ['logme', 'leep', 'nce', 'hscore', 'gbc', 'knn'];

describe('transfer-studio score', () => {
  it('flowers × MobileNet v1 0.25 and 0.75: 3 cuts each by default, every score in scores.json', async () => {
    const out = path.join(tmp(), 'flowers');
    const urls = [MOBILENET_V1_025_DIR, path.join(sharedDir, 'models/mobilenet_v1_0.75_224')].join(',');
    const { code, stdout, stderr } = await runInProcess(
      main,
      [
        'score',
        '--dataset',
        FLOWERS_DIR,
        '--backbones',
        'mobilenet_v1_0.25,mobilenet_v1_0.75',
        '--model-urls',
        urls,
        '--image-size',
        '96',
        '--quiet',
        '--out',
        out,
      ],
      TEST_CACHE_DIR,
    );
    expect(code, stderr).toBe(0);
    const report = JSON.parse(await readFile(path.join(out, 'scores.json'), 'utf8')) as ScoreReport;
    expect(report.candidates.map((c) => `${c.backbone}@${c.cut}`)).toEqual(
      ['mobilenet_v1_0.25', 'mobilenet_v1_0.75'].flatMap((b) =>
        ['conv_pw_13_relu', 'conv_pw_11_relu', 'conv_pw_9_relu'].map((cut) => `${b}@${cut}`),
      ),
    );
    expect(report.dataset.scoredImages).toBe(160);
    for (const c of report.candidates) {
      expect(Object.keys(c.scores)).toEqual(SCORE_KEYS);
      for (const key of SCORE_KEYS) expect(Number.isFinite(c.scores[key as keyof typeof c.scores])).toBe(true);
      expect(c.measured).toBeUndefined();
    }
    expect(report.measuredRanking).toBeNull();
    expect(stdout).toContain('rank (LogME)');
  });

  it('digits with --measure: measured.accuracy per candidate and each score’s τ against it', async () => {
    const out = path.join(tmp(), 'digits');
    const { code, stdout, stderr } = await runInProcess(
      main,
      [
        'score',
        '--dataset',
        digits,
        '--backbones',
        'digits-vgg',
        '--cuts',
        'block3_pool,block1_pool',
        '--measure',
        '--seeds',
        '1',
        '--epochs',
        '3',
        '--quiet',
        '--out',
        out,
      ],
      TEST_CACHE_DIR,
    );
    expect(code, stderr).toBe(0);
    const report = JSON.parse(await readFile(path.join(out, 'scores.json'), 'utf8')) as ScoreReport;
    expect(report.candidates.map((c) => c.cut)).toEqual(['block3_pool', 'block1_pool']);
    for (const c of report.candidates) {
      expect(c.measured!.accuracy).toBeGreaterThan(0.1);
      expect(c.measured!.epochs).toBe(3);
    }
    expect(report.agreement!.map((a) => a.score)).toEqual(SCORE_KEYS);
    expect(report.measuredRanking).toHaveLength(2);
    expect(stdout).toContain('Kendall τ');
  });

  it('says what is wrong with a cut or the model URLs (exit 2)', async () => {
    const badCut = await runCli([
      'score',
      '--dataset',
      digits,
      '--backbones',
      'digits-vgg',
      '--cuts',
      'conv1',
      '--out',
      tmp(),
    ]);
    expect(badCut.code).toBe(2);
    expect(badCut.stderr).toMatch(/"conv1" is not a block end of digits-vgg; valid: block1_pool/);
    // The same main in-process (src/testing/cli.ts runInProcess): the spawn above proves the launcher's exit code.
    const urls = await runInProcess(
      main,
      ['score', '--dataset', digits, '--backbones', 'digits-vgg', '--model-urls', 'a,b', '--out', tmp()],
      TEST_CACHE_DIR,
    );
    expect(urls.code).toBe(2);
    expect(urls.stderr).toMatch(/2 URL\(s\) for 1 backbone/);
  });
});

describe('transfer-studio shift', () => {
  it('MNIST → MNIST-M in digits-vgg’s features: a detected, large shift', async () => {
    const out = path.join(tmp(), 'shift');
    const { code, stdout, stderr } = await runCli([
      'shift',
      '--source',
      digits,
      '--target',
      path.join(SHARED_DATASETS, 'digits-mnistm'),
      '--backbone',
      'digits-vgg',
      '--max-per-side',
      '120',
      '--quiet',
      '--out',
      out,
    ]);
    expect(code, stderr).toBe(0);
    const report = JSON.parse(await readFile(path.join(out, 'shift.json'), 'utf8')) as { shift: DomainShift };
    expect(report.shift.sourceCount).toBe(120);
    expect(report.shift.mmd.pValue).toBeLessThan(0.05);
    expect(report.shift.proxyADistance.mean).toBeGreaterThan(1);
    expect(report.shift.level).toMatch(/moderate|large/);
    expect(stdout).toContain('proxy A-distance');
  });
});
