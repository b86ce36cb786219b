import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM without types (scripts/bench.mjs's helpers)
import { computeTargets, embeddingPeakFractions, TARGETS } from './targets.mjs';
// @ts-expect-error plain ESM without types
import { tableRows } from './report.mjs';

const throughputRow = (backend: string, backbone: string, batch: number, percentOfPeak: number) => ({
  backend,
  backbone,
  batch,
  percentOfPeak,
});

/** A combined result with every section the targets read, as scripts/bench.mjs assembles it. */
const result = {
  sections: {},
  throughput: {
    rows: [
      throughputRow('wasm', 'mobilenet_v1_0.25', 1, 12),
      throughputRow('wasm', 'mobilenet_v1_0.25', 32, 31),
      throughputRow('wasm', 'mobilenet_v1_0.75', 32, 34),
      throughputRow('webgl', 'mobilenet_v1_0.25', 32, 14),
    ],
  },
  steps: {
    fineTune: {
      old: { cpuSeconds: 0.15 },
      new: { cpuSeconds: 0.09 },
      ratioCpu: 0.6,
      profile: { topKernels: [{ name: 'Conv2DBackpropFilter', ms: 54, calls: 3, share: 0.3 }] },
    },
    scratch: { forward: { cpuSeconds: 0.3 }, step: { cpuSeconds: 3.3 }, ratioCpu: 11 },
  },
  rss: {
    rows: [
      { path: 'core', mode: 'today', photos: 1000, peakRssBytes: 1000e6 },
      { path: 'core', mode: 'fitted', photos: 1000, peakRssBytes: 400e6 },
      { path: 'cli', mode: 'fitted', photos: 1000, peakRssBytes: 450e6 },
    ],
  },
  demo: {
    today: { firstPointSeconds: 2, doneSeconds: 100 },
    now: { firstPointSeconds: 1.8, doneSeconds: 110 },
    firstPointRatio: 0.9,
    doneRatio: 1.1,
    runs: { today: [], now: [] },
  },
};

describe('computeTargets', () => {
  it('reports every done-when name of issue 19 with its value, target and whether it is met', () => {
    const targets = computeTargets(result);
    expect(targets.map((t: { name: string }) => t.name)).toEqual([
      'embedding-peak-fraction:wasm:mobilenet_v1_0.25',
      'embedding-peak-fraction:wasm:mobilenet_v1_0.75',
      'finetune-step-ratio',
      'scratch-step-to-forward-ratio:wasm:mobilenet_v1_0.25',
      'rss-1000-photos-ratio',
      'digits-demo-first-point-ratio',
      'digits-demo-run-ratio',
    ]);
    const byName = Object.fromEntries(targets.map((t: { name: string }) => [t.name, t]));
    expect(byName['embedding-peak-fraction:wasm:mobilenet_v1_0.25']).toMatchObject({ target: 0.3, met: true });
    expect(byName['embedding-peak-fraction:wasm:mobilenet_v1_0.25'].value).toBeCloseTo(0.31);
    expect(byName['embedding-peak-fraction:wasm:mobilenet_v1_0.75']).toMatchObject({ target: 0.45, met: false });
    expect(byName['finetune-step-ratio']).toMatchObject({ value: 0.6, target: 0.65, met: true });
    expect(byName['scratch-step-to-forward-ratio:wasm:mobilenet_v1_0.25']).toMatchObject({ value: 11, met: false });
    expect(byName['rss-1000-photos-ratio'].value).toBeCloseTo(0.4);
    expect(byName['rss-1000-photos-ratio'].met).toBe(true);
    expect(byName['digits-demo-first-point-ratio']).toMatchObject({ value: 0.9, target: 1, met: true });
    expect(byName['digits-demo-run-ratio']).toMatchObject({ value: 1.1, met: false });
  });

  it('says "not measured" (value and met null) for sections the run skipped or that failed', () => {
    const targets = computeTargets({
      sections: {},
      rss: { rows: [{ path: 'core', mode: 'today', photos: 1000, error: 'out of memory' }] },
    });
    expect(targets).toHaveLength(TARGETS.length);
    targets.forEach((t: { value: unknown; met: unknown }) => expect(t).toMatchObject({ value: null, met: null }));
    expect(tableRows({ sections: {}, targets }).filter((r: string[]) => r[0] === 'target')).toHaveLength(7);
  });

  it('gives every backend × backbone its best fraction of the same run’s matMul peak', () => {
    expect(embeddingPeakFractions(result)).toEqual({
      'wasm:mobilenet_v1_0.25': 0.31,
      'wasm:mobilenet_v1_0.75': 0.34,
      'webgl:mobilenet_v1_0.25': 0.14,
    });
  });

  it('puts the step, RSS and target rows in the table', () => {
    const rows = tableRows({ ...result, targets: computeTargets(result) });
    const areas = rows.map((r: string[]) => r[0]);
    expect(areas.filter((a: string) => a === 'steps')).toHaveLength(3);
    expect(rows.find((r: string[]) => r[0] === 'rss')[2]).toContain('(0.40)');
  });
});
