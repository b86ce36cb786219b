import { describe, expect, it } from 'vitest';
import { mnistAvailable, mnistDataset } from './mnistDataset';
import { DatasetError } from '../core/data/types';

describe('mnistDataset', () => {
  it('digits as classes in the given order, perClass each, 28×28 RGB, black digit on white (like drawn digits)', () => {
    const dataset = mnistDataset([5, 6, 7], 4);
    expect(dataset.classNames).toEqual(['5', '6', '7']);
    expect(dataset.examples.length).toBe(12);
    expect(dataset.examples.map((e) => e.label)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]);
    expect(dataset.examples[0].id).toBe('mnist:5:0');
    expect(dataset.examples[11].source).toBe('mnist:7:3');
    const { image } = dataset.examples[0];
    expect(image.width).toBe(28);
    expect(image.height).toBe(28);
    expect(image.data.length).toBe(28 * 28 * 3);
    expect(image.data[0]).toBe(255); // the corner is white paper
    expect(Math.min(...image.data)).toBe(0); // the ink is black
    for (let i = 0; i < image.data.length; i += 3) expect(image.data[i + 1]).toBe(image.data[i]);
  });

  it('is deterministic, and offsets give disjoint examples', () => {
    const a = mnistDataset([0, 1], 3, 0);
    expect(mnistDataset([0, 1], 3, 0)).toEqual(a);
    const b = mnistDataset([0, 1], 3, 3);
    expect(b.examples.map((e) => e.id)).toEqual([
      'mnist:0:3',
      'mnist:0:4',
      'mnist:0:5',
      'mnist:1:3',
      'mnist:1:4',
      'mnist:1:5',
    ]);
    expect(b.examples[0].image.data).not.toEqual(a.examples[0].image.data);
  });

  it('refuses bad arguments and more examples than the package has', () => {
    expect(() => mnistDataset([], 1)).toThrow(RangeError);
    expect(() => mnistDataset([1, 1], 1)).toThrow(/duplicate/);
    expect(() => mnistDataset([10], 1)).toThrow(/not a digit/);
    expect(() => mnistDataset([1], 0)).toThrow(RangeError);
    const available = mnistAvailable(5);
    expect(available).toBe(863);
    expect(() => mnistDataset([5], 10, available - 5)).toThrow(DatasetError);
    expect(() => mnistDataset([5], 10, available - 5)).toThrow(/digit 5 has 863 examples/);
    expect(mnistDataset([5], 5, available - 5).examples.length).toBe(5);
  });
});
