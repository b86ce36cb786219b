import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM without types (scripts/bench.mjs's helpers)
import { scaleGrowth } from './nodeSections.mjs';
// @ts-expect-error plain ESM without types
import { loadLines, markdownTable, tableRows } from './report.mjs';

const scaleRow = (count: number, seconds: number, tensorBytes: number, mode = 'engine') => ({
  backbone: 'digits-vgg',
  mode,
  count,
  seconds: { total: seconds },
  peakTensorBytes: tensorBytes,
  peakRssAboveBaselineBytes: tensorBytes,
});

describe('scaleGrowth', () => {
  it('judges growth between the two largest sizes: per-image time and memory may not grow by more than 25 %', () => {
    // 100 → 1,000 carries fixed costs (0.5 s), 1,000 → 5,000 is linear.
    const [linear] = scaleGrowth([scaleRow(100, 1, 1e6), scaleRow(1000, 5.5, 10e6), scaleRow(5000, 25.5, 50e6)]);
    expect(linear).toMatchObject({ from: 100, to: 5000, countRatio: 50, noWorseThanLinear: true });
    expect(linear.millisecondsPerImage.map((x: { ms: number }) => Math.round(x.ms * 10) / 10)).toEqual([10, 5.5, 5.1]);
    const [quadraticTime] = scaleGrowth([scaleRow(1000, 5, 10e6), scaleRow(5000, 125, 50e6)]);
    expect(quadraticTime.noWorseThanLinear).toBe(false);
    const [quadraticMemory] = scaleGrowth([scaleRow(1000, 5, 10e6), scaleRow(5000, 25, 250e6)]);
    expect(quadraticMemory.noWorseThanLinear).toBe(false);
  });

  it('groups by backbone and mode and ignores failed sizes', () => {
    const groups = scaleGrowth([
      scaleRow(100, 1, 1e6),
      scaleRow(100, 1, 1e6, 'streamed'),
      { ...scaleRow(5000, 1, 1), error: 'out of memory' },
    ]);
    expect(groups.map((g: { mode: string; to: number }) => [g.mode, g.to])).toEqual([
      ['engine', 100],
      ['streamed', 100],
    ]);
  });
});

describe('the table', () => {
  it('escapes pipes and pads columns', () => {
    const lines = markdownTable(['a', 'b'], [['x|y', '1']]).split('\n');
    expect(lines[0]).toBe('| a    | b |');
    expect(lines[2]).toBe('| x\\|y | 1 |');
  });

  it('shows the WASM thread variants side by side, each as a ratio to the threaded build on 1 thread', () => {
    const variant = (v: string, threads: number, forward: number) => ({
      variant: v,
      rounds: 1,
      threads,
      problems: [],
      peakGflops: 10 * threads,
      forwardImagesPerSecond: forward,
      trainStepsPerSecond: forward / 10,
      vsOneThread: { peak: threads, forward: forward / 100, train: forward / 100 },
    });
    const variants = [variant('off', 1, 120), variant('1', 1, 100), variant('cores', 2, 110)];
    const runs = [{ available: true, loadAverage1m: { before: 0.5, after: 1.5 } }];
    const rows = tableRows({ sections: {}, wasmThreads: { variants, runs } });
    expect(rows[1]).toEqual([
      'WASM threads',
      'MobileNet v1 0.25 forward, batch 8 (img/s)',
      'single-threaded build 120.0 · 1 thread 100.0 · 2 threads 110.0',
      '÷ 1 thread: single-threaded build 1.20×, 2 threads 1.10×',
    ]);
    expect(rows[2][3]).toMatch(/median of 1 round\(s\), load 0\.5–1\.5$/);
  });

  it('turns a failed section into a row instead of losing the run', () => {
    const rows = tableRows({ sections: { peers: { error: 'chromium crashed\nstack' } } });
    expect(rows).toEqual([['peers', 'section', 'failed: chromium crashed', '']]);
  });
});

describe('the training parity rows', () => {
  it('show both accuracies, the seed-noise tolerance and the first steps’ agreement, or the failure', () => {
    const parityCase = {
      name: 'digits-vgg from scratch (MNIST 5–9, 16 px)',
      trainCount: 20,
      epochs: 6,
      validationCount: 75,
      cpuAccuracy: 0.4,
      wasmAccuracy: 0.4267,
      accuracyTolerance: 0.153,
      withinSeedNoise: true,
      matchingSteps: 3,
      maxFirstStepsLossDifference: 2.8e-5,
      seedAccuracies: [0.43, 0.63, 0.28, 0.55, 0.29],
      cpuSeconds: 23.6,
      wasmSeconds: 1.2,
    };
    const rows = tableRows({ sections: {}, training: { node: { rows: [], parity: { cases: [parityCase] } } } });
    expect(rows).toEqual([
      [
        'training parity',
        'digits-vgg from scratch (MNIST 5–9, 16 px): 20 images as one batch, 6 steps (accuracy of 75)',
        'final validation accuracy CPU 0.400 · WASM 0.427',
        'within seed noise (± 0.153) ✓; losses of the first 3 steps agree to 2.8e-5 (relative); CPU 23.6 s, WASM 1.20 s for 5 seeds',
      ],
    ]);
    const failedRows = tableRows({
      sections: {},
      training: { node: { rows: [], parity: { error: 'exited with 1' } } },
    });
    expect(failedRows).toEqual([['training parity', 'WASM vs CPU accuracy', 'failed: exited with 1', '']]);
  });
});

describe('transferability rows', () => {
  it('shows each score’s Kendall τ (weighted τ) per dataset and on average, and the two speed targets', async () => {
    // @ts-expect-error plain ESM without types
    const { meanAgreement } = await import('./transferability.mjs');
    const agreement = (kendall: number) => [
      { score: 'logme', candidates: 6, kendall, weighted: kendall / 2 },
      { score: 'leep', candidates: 6, kendall: NaN, weighted: NaN },
    ];
    const datasets = [
      {
        name: 'flowers',
        candidates: 6,
        scoredImages: 160,
        backend: 'wasm',
        scoreSeconds: 0.4,
        embeddingSeconds: 9,
        wallSeconds: 60,
        agreement: agreement(0.6),
      },
      {
        name: 'dtd',
        candidates: 6,
        scoredImages: 96,
        backend: 'wasm',
        scoreSeconds: 2.5,
        embeddingSeconds: 9,
        wallSeconds: 60,
        agreement: agreement(-0.2),
      },
    ];
    const overall = meanAgreement(datasets);
    expect(overall[0]).toMatchObject({ score: 'logme', datasets: 2 });
    expect(overall[0].kendall).toBeCloseTo(0.2);
    expect(overall[1]).toMatchObject({ score: 'leep', datasets: 0, kendall: null });
    const rows = tableRows({
      sections: {},
      transferability: {
        datasets: [...datasets, { name: 'omniglot', error: 'score exited with 1' }],
        overall,
        scoreTargetSeconds: 2,
        shiftTargetSeconds: 1,
        shift: {
          images: '300 + 300',
          meterSeconds: 0.3,
          backend: 'wasm',
          proxyADistance: 1.9,
          level: 'large',
          met: true,
        },
      },
    }).filter((r: string[]) => r[0] === 'transferability');
    expect(rows[0][2]).toBe('logme +0.60 (+0.30), leep — (—)');
    expect(rows[1][3]).toMatch(/^< 2 s for 200 × 6 ✓/);
    expect(rows[2][2]).toBe('logme −0.20 (−0.10), leep — (—)');
    expect(rows[3][3]).toMatch(/✗/);
    expect(rows[4][2]).toMatch(/^failed: score exited with 1/);
    expect(rows[5][2]).toBe('logme +0.20 (+0.10), leep — (—)');
    expect(rows[6]).toEqual([
      'transferability',
      'shift meter digits-mnist → digits-mnistm, 300 + 300 images, after embedding (wasm)',
      '0.30 s',
      '< 1 s ✓; proxy A-distance 1.90 (large)',
    ]);
  });
});

describe('the rss rows', () => {
  const rss = {
    rows: [
      { path: 'core', mode: 'today', photos: 1000, peakRssBytes: 1000 * 2 ** 20 },
      { path: 'core', mode: 'fitted', photos: 1000, peakRssBytes: 500 * 2 ** 20 },
      { path: 'cli', mode: 'fitted', photos: 1000, peakRssBytes: 600 * 2 ** 20 },
      {
        path: 'studio',
        mode: 'fitted',
        photos: 1000,
        backend: 'wasm',
        peakRssBytes: 700 * 2 ** 20,
        rssBeforeImportBytes: 260 * 2 ** 20,
        imported: 1000,
        importSeconds: 61.2,
        runSeconds: 45.04,
        gpu: { count: 1, sumOfPeaksBytes: 150 * 2 ** 20 },
        utility: { count: 2, sumOfPeaksBytes: 160 * 2 ** 20 },
        pageErrors: [],
      },
      { path: 'studio', mode: 'fitted', photos: 5000, error: 'the page crashed; Target crashed' },
    ],
  };

  it('gives the studio’s renderer process its own row per photo count, and a failed size its error', () => {
    const rows = tableRows({ sections: {}, rss }).filter((r: string[]) => r[0] === 'rss');
    expect(rows).toEqual([
      [
        'rss',
        'peak RSS, feature extraction + fine-tune:1 on 1,000 photos',
        'core then 1000.0 MB → now 500.0 MB (0.50); CLI 600.0 MB',
        'now ÷ then ≤ 0.5 ✓',
      ],
      ['rss', 'peak RSS, feature extraction + fine-tune:1 on 5,000 photos', 'core then — → now — (—); CLI —', ''],
      [
        'rss',
        'studio peak RSS (Chromium renderer: page + workers), 1,000 photos',
        '700.0 MB (before import 260.0 MB); 1,000 imported in 61.2 s, run 45.0 s',
        'other processes’ own peaks: GPU 150.0 MB, utility 160.0 MB (2); wasm backend',
      ],
      [
        'rss',
        'studio peak RSS (Chromium renderer: page + workers), 5,000 photos',
        'failed: the page crashed; Target crashed',
        '',
      ],
    ]);
  });
});

describe('loadLines', () => {
  const load = (before: number, after: number) => ({
    uptimeBefore: `load average: ${before}`,
    uptimeAfter: `load average: ${after}`,
    loadAverage1mBefore: before,
    loadAverage1mAfter: after,
  });

  it('judges the machine by its load when the run started, not by the bench’s own load at the end', () => {
    expect(loadLines(load(0.21, 1.39))[1]).toMatch(/measured on an idle machine/);
    expect(loadLines(load(1.62, 0.5))[1]).toMatch(/measured under load/);
    expect(loadLines(load(0.21, 1.39))[0]).toContain("after: load average: 1.39 (the bench's own last section)");
  });
});
