import { describe, expect, it, vi } from 'vitest';
import type { Dataset } from '../../core/data/types';
import { createSampleReader } from './samples';

const tinyDataset = (): Dataset => ({
  name: 'tiny',
  classNames: ['a', 'b'],
  examples: [0, 1].map((label) => ({
    id: `x${label}`,
    label,
    source: `x${label}.png`,
    image: { width: 2, height: 2, data: new Uint8Array(12).fill(label * 200) },
  })),
});

describe('createSampleReader', () => {
  it('reads a sample once for every later run of it, and again for another sample', async () => {
    const load = vi.fn(async () => tinyDataset());
    const read = createSampleReader(load);
    const first = await read({ baseUrl: 'http://app/', id: 'digits', perClass: 10 });
    expect(await read({ baseUrl: 'http://app/', id: 'digits', perClass: 10 }, new AbortController().signal)).toBe(
      first,
    );
    expect(load).toHaveBeenCalledTimes(1);
    expect(await read({ baseUrl: 'http://app/', id: 'digits-a', perClass: 10 })).not.toBe(first);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('a cancelled caller stops without cancelling the shared reading; a failed reading is tried again', async () => {
    let fail = true;
    const load = vi.fn(async () => {
      if (fail) throw new Error('sprite missing');
      return tinyDataset();
    });
    const read = createSampleReader(load);
    const source = { baseUrl: 'http://app/', id: 'digits' };
    await expect(read(source)).rejects.toThrow('sprite missing');
    fail = false;
    const cancelled = new AbortController();
    cancelled.abort();
    await expect(read(source, cancelled.signal)).rejects.toThrow();
    await expect(read(source)).resolves.toMatchObject({ name: 'tiny' });
    expect(load).toHaveBeenCalledTimes(2);
  });
});
