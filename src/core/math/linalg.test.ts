import { describe, expect, it } from 'vitest';
import { centerColumns, crossGram, fromRows, gram, innerGram, matrix, thinSvd } from './linalg';
import reference from '../transferability/reference.json';

describe('linalg', () => {
  it('Grams and centring on a worked example', () => {
    const m = fromRows([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(Array.from(gram(m).data)).toEqual([5, 11, 17, 11, 25, 39, 17, 39, 61]);
    expect(Array.from(innerGram(m).data)).toEqual([35, 44, 44, 56]);
    expect(Array.from(crossGram(m, fromRows([[1, 0]])).data)).toEqual([1, 3, 5]);
    expect(Array.from(centerColumns(m).data)).toEqual([-2, -2, 0, 0, 2, 2]);
    expect(() => matrix(2, 2, [1, 2, 3])).toThrow(RangeError);
  });

  it.each(['tall', 'wide'] as const)('thinSvd matches numpy singular values and rebuilds the matrix (%s)', (name) => {
    const rows = reference[name].features;
    const m = fromRows(rows);
    const { u, s, v } = thinSvd(m);
    expect(s.length).toBe(Math.min(m.rows, m.cols));
    reference[name].singularValues.forEach((x, k) => expect(s[k] / x).toBeCloseTo(1, 9));
    for (let i = 0; i < m.rows; i += 7) {
      for (let j = 0; j < m.cols; j += 3) {
        const rebuilt = s.reduce((acc, sk, k) => acc + u[k][i] * sk * v[k][j], 0);
        expect(rebuilt).toBeCloseTo(rows[i][j], 8);
      }
    }
  });

  it('thinSvd drops directions lost to rounding (rank 1)', () => {
    const m = fromRows([
      [1, 2, 3],
      [2, 4, 6],
      [3, 6, 9],
      [-1, -2, -3],
    ]);
    const { s } = thinSvd(m);
    expect(s.length).toBe(1);
    expect(s[0]).toBeCloseTo(Math.sqrt(15 * 14), 10);
  });
});
