import { describe, expect, it } from 'vitest';
import { settledHeldRunIds } from './runLocks';

describe('settledHeldRunIds', () => {
  it('waits for the locks of a page that just went away to be released', async () => {
    const answers = [new Set(['old']), new Set(['old']), new Set<string>()];
    let calls = 0;
    const held = await settledHeldRunIds(1000, 1, async () => answers[Math.min(calls++, answers.length - 1)]);
    expect(held).toEqual(new Set());
    expect(calls).toBe(3);
  });

  it('gives up after waitMs with the runs still alive (another tab), and does not wait without locks', async () => {
    let polls = 0;
    const live = async () => {
      polls += 1;
      return new Set(['live']);
    };
    expect(await settledHeldRunIds(50, 5, live)).toEqual(new Set(['live']));
    // Each wait is at least 5 ms, so a 50 ms deadline allows at most 1 + 10 queries (fewer on a busy machine).
    expect(polls).toBeGreaterThanOrEqual(1);
    expect(polls).toBeLessThanOrEqual(11);
    let calls = 0;
    expect(
      await settledHeldRunIds(1000, 5, async () => {
        calls += 1;
        return null;
      }),
    ).toBeNull();
    expect(calls).toBe(1);
  });
});
