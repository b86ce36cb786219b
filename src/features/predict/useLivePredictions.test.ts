import { describe, expect, it } from 'vitest';
import { dropOld, median, ratePerSecond } from './useLivePredictions';

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
  it('keeps the last two seconds of arrivals, and always the last two (a slow machine is not 0/s)', () => {
    const [times, costs] = [
      [0, 500, 1000, 2600],
      [1, 2, 3, 4],
    ];
    dropOld(times, costs, 2600);
    expect([times, costs]).toEqual([
      [1000, 2600],
      [3, 4],
    ]);
    // One prediction every 3 s: the rate is the last gap's, 1/3 per second.
    const [slow, slowCosts] = [
      [0, 3000],
      [9, 9],
    ];
    dropOld(slow, slowCosts, 3000);
    expect(ratePerSecond(slow)).toBeCloseTo(1 / 3);
  });
});
