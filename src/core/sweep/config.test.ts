import { describe, expect, it } from 'vitest';
import { mnistDataset } from '../../testing/node';
import { ConfigError } from '../experiment/config';
import { parseIntegerList, parseSweepConfig, sweepTrialCount } from './config';
import { planSweep, sweepExamples } from './plan';

describe('parseSweepConfig', () => {
  it('fills defaults, sorts and dedupes the axes', () => {
    const config = parseSweepConfig({ backbone: 'digits-vgg', depths: [3, 0, 1, 1], perClass: [50, 2, 10] });
    expect(config).toMatchObject({
      schemaVersion: 1,
      depths: [0, 1, 3],
      perClass: [2, 10, 50],
      scratch: true,
      seeds: 3,
      repeats: 1,
      series: [{ id: 'transfer', upper: 'pretrained' }],
    });
    expect(sweepTrialCount(config)).toBe(4 * 3 * 3);
  });

  it('names every bad field, and refuses an empty or oversized grid', () => {
    expect(() => parseSweepConfig({ backbone: 'x', depths: [-1], seeds: 0, perClas: [1] })).toThrow(ConfigError);
    try {
      parseSweepConfig({ backbone: 'x', depths: [-1], seeds: 0, perClas: [1] });
    } catch (error) {
      expect((error as ConfigError).issues.map((i) => i.field).sort()).toEqual(['depths[0]', 'perClas', 'seeds']);
    }
    expect(() => parseSweepConfig({ backbone: 'x', depths: [], scratch: false })).toThrow(/nothing to train/);
    expect(() =>
      parseSweepConfig({ backbone: 'x', depths: [0, 1, 2], perClass: [1, 2, 3, 4, 5], seeds: 20, repeats: 20 }),
    ).toThrow(/trainings is more than/);
    expect(() => parseSweepConfig({ backbone: 'x', series: [{ id: 'a' }, { id: 'a' }] })).toThrow(/series ids/);
  });

  it('reads integer lists and ranges', () => {
    expect(parseIntegerList('0-3')).toEqual([0, 1, 2, 3]);
    expect(parseIntegerList('1, 2,5-6')).toEqual([1, 2, 5, 6]);
    expect(parseIntegerList('3-1')).toBeNull();
    expect(parseIntegerList('a')).toBeNull();
    expect(parseIntegerList('')).toBeNull();
  });
});

describe('planSweep and sweepExamples', () => {
  const config = parseSweepConfig({
    backbone: 'digits-vgg',
    depths: [0, 2],
    perClass: [1, 5, 20],
    repeats: 3,
    seeds: 2,
    validationFraction: 0.3,
    series: [
      { id: 'AnB', upper: 'reinitialised' },
      { id: 'BnB', upper: 'reinitialised', modelUrl: 'b.json' },
    ],
  });

  it('groups cells by source and depth, shallowest boundary first, scratch last', () => {
    const plan = planSweep(config);
    expect(plan.trialCount).toBe((2 * 2 + 1) * 3 * 3 * 2);
    expect(plan.cells[0].key).toEqual({ strategy: 'feature-extraction', series: 'AnB', depth: 0, perClass: 1 });
    expect(plan.cells[3].key).toEqual({ strategy: 'retrain:2', series: 'AnB', depth: 2, perClass: 1 });
    expect(plan.groups.map((g) => [g.source, g.depth])).toEqual([
      ['', 2],
      ['', 0],
      ['b.json', 2],
      ['b.json', 0],
      [null, null],
    ]);
    expect(plan.groups.flatMap((g) => g.cells).sort((a, b) => a - b)).toEqual(plan.cells.map((_, i) => i));
  });

  it('nests the sizes within a repeat, keeps its validation set, and changes the split between repeats', () => {
    const dataset = mnistDataset([5, 6, 7], 40, 0);
    const repeats = sweepExamples(dataset, config);
    expect(repeats).toHaveLength(3);
    for (const r of repeats) {
      const [small, mid, large] = [1, 5, 20].map((p) => r.train.get(p)!);
      expect([small.length, mid.length, large.length]).toEqual([3, 15, 60]);
      expect(small.every((i) => mid.includes(i)) && mid.every((i) => large.includes(i))).toBe(true);
      expect(large.some((i) => r.validation.includes(i))).toBe(false);
      expect(r.validation).toHaveLength(36);
    }
    expect(repeats[1].validation).not.toEqual(repeats[0].validation);
  });
});
