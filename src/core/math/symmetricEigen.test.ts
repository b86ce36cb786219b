import { describe, expect, it } from 'vitest';
import { symmetricEigen } from './symmetricEigen';
import { createRng } from './rng';
import reference from '../transferability/reference.json';

function randomSymmetric(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = rng.normal();
      a[i * n + j] = v;
      a[j * n + i] = v;
    }
  }
  return a;
}

describe('symmetricEigen', () => {
  it('matches numpy.linalg.eigh on a fixed 6×6 matrix (scripts/reference/transferability.py)', () => {
    const n = 6;
    const { values } = symmetricEigen(Float64Array.from(reference.eigen.matrix.flat()), n);
    reference.eigen.values.forEach((v, k) => expect(values[k]).toBeCloseTo(v, 12));
  });

  it.each([1, 2, 5, 40])('A·v = λ·v with orthonormal vectors, descending values (n = %i)', (n) => {
    const a = randomSymmetric(n, n);
    const { values, vectors } = symmetricEigen(a, n);
    for (let k = 0; k < n; k++) {
      if (k > 0) expect(values[k]).toBeLessThanOrEqual(values[k - 1]);
      for (let i = 0; i < n; i++) {
        let av = 0;
        for (let j = 0; j < n; j++) av += a[i * n + j] * vectors[k][j];
        expect(av).toBeCloseTo(values[k] * vectors[k][i], 10);
      }
      for (let l = 0; l <= k; l++) {
        const d = vectors[k].reduce((s, x, i) => s + x * vectors[l][i], 0);
        expect(d).toBeCloseTo(k === l ? 1 : 0, 10);
      }
    }
  });

  it('handles a zero matrix and a diagonal one exactly', () => {
    expect(Array.from(symmetricEigen(new Float64Array(9), 3).values)).toEqual([0, 0, 0]);
    const diagonal = Float64Array.from([2, 0, 0, 0, -1, 0, 0, 0, 5]);
    expect(Array.from(symmetricEigen(diagonal, 3).values)).toEqual([5, 2, -1]);
  });

  it('rejects a wrongly sized input', () => {
    expect(() => symmetricEigen(new Float64Array(5), 2)).toThrow(RangeError);
  });
});
