import { describe, expect, it } from 'vitest';
import { median, ratePerSecond } from './useLivePredictions';

describe('live prediction statistics', () => {
  it('predictions per second from arrival times', () => {
    expect(ratePerSecond([])).toBe(0);
    expect(ratePerSecond([100])).toBe(0);
    expect(ratePerSecond([0, 50, 100, 150, 200])).toBe(20);
    // Two answers released together after a stall (the engine was busy) say nothing about a rate.
    expect(ratePerSecond([1000, 1000.4])).toBe(0);
  });
  it('median of worker milliseconds', () => {
    expect(median([])).toBe(0);
    expect(median([30, 10, 200])).toBe(30);
    expect(median([10, 20, 30, 40])).toBe(25);
  });
});
