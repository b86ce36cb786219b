import { describe, expect, it } from 'vitest';
import { niceTicks, tickDecimals } from './axisTicks';

describe('niceTicks', () => {
  it('ends on a round tick at or beyond the largest value (the 19-second run of the issue)', () => {
    expect(niceTicks(19.3)).toEqual([0, 5, 10, 15, 20]);
    expect(tickDecimals(niceTicks(19.3))).toBe(0);
  });

  it('uses steps of 1, 2 or 5 × 10ⁿ, below one second too', () => {
    expect(niceTicks(66)).toEqual([0, 20, 40, 60, 80]);
    expect(niceTicks(0.83)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(tickDecimals(niceTicks(0.83))).toBe(1);
    expect(niceTicks(4)).toEqual([0, 1, 2, 3, 4]);
  });

  it('covers every value with at most about count intervals', () => {
    for (const max of [0.07, 1, 3.3, 12, 99.9, 146 * 60]) {
      const ticks = niceTicks(max);
      expect(ticks[0]).toBe(0);
      expect(ticks.at(-1)!).toBeGreaterThanOrEqual(max);
      expect(ticks.length - 1).toBeLessThanOrEqual(6);
    }
  });

  it('falls back to [0, 1] for an empty axis', () => {
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(Number.NaN)).toEqual([0, 1]);
  });
});
