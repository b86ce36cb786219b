import { describe, expect, it } from 'vitest';
import { createBatcher } from './batcher';

describe('createBatcher', () => {
  it('delivers everything pushed before the frame in one batch, and schedules once per batch', () => {
    const frames: (() => void)[] = [];
    const batches: number[][] = [];
    const batcher = createBatcher<number>(
      (items) => batches.push(items),
      (cb) => frames.push(cb),
    );
    batcher.push(1);
    batcher.push(2);
    batcher.push(3);
    expect(frames).toHaveLength(1);
    expect(batches).toEqual([]);
    frames[0]();
    expect(batches).toEqual([[1, 2, 3]]);
    batcher.push(4);
    expect(frames).toHaveLength(2);
    frames[1]();
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('flush delivers at once and the pending frame then has nothing to do', () => {
    const frames: (() => void)[] = [];
    const batches: string[][] = [];
    const batcher = createBatcher<string>(
      (items) => batches.push(items),
      (cb) => frames.push(cb),
    );
    batcher.push('a');
    batcher.flush();
    expect(batches).toEqual([['a']]);
    frames[0]();
    expect(batches).toEqual([['a']]);
  });
});
