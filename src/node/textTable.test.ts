import { describe, expect, it } from 'vitest';
import { formatTable } from './textTable';

describe('formatTable', () => {
  it('aligns table columns', () => {
    expect(
      formatTable([
        ['a', 'bb'],
        ['ccc', 'd'],
      ]),
    ).toBe('a    bb\n───  ──\nccc  d');
  });
});
