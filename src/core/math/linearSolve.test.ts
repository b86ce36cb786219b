import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { choleskyLower, solveSpd } from './linearSolve';

describe('solveSpd', () => {
  it('solves a 2×2 system written out by hand', () => {
    // [4 2; 2 3] x = [2; 1]  →  x = [0.5; 0]
    const x = solveSpd(Float64Array.of(4, 2, 2, 3), Float64Array.of(2, 1), 2, 1);
    expect(x[0]).toBeCloseTo(0.5, 12);
    expect(x[1]).toBeCloseTo(0, 12);
  });

  it('refuses a matrix that is not positive definite', () => {
    expect(() => choleskyLower(Float64Array.of(1, 2, 2, 1), 2)).toThrow(RangeError);
    expect(() => solveSpd(Float64Array.of(1, 0, 0), Float64Array.of(1, 1), 2, 1)).toThrow(RangeError);
  });

  it('A·X reproduces B for random SPD systems (GᵀG + I)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 64 + 24, maxLength: 64 + 24 }),
        (n, m, values) => {
          const g = values.slice(0, n * n);
          const a = new Float64Array(n * n);
          for (let i = 0; i < n; i++)
            for (let j = 0; j < n; j++) {
              let s = i === j ? 1 : 0;
              for (let k = 0; k < n; k++) s += g[k * n + i] * g[k * n + j];
              a[i * n + j] = s;
            }
          const b = Float64Array.from(values.slice(64, 64 + n * m));
          const x = solveSpd(a, b, n, m);
          for (let i = 0; i < n; i++)
            for (let c = 0; c < m; c++) {
              let s = 0;
              for (let k = 0; k < n; k++) s += a[i * n + k] * x[k * m + c];
              expect(s).toBeCloseTo(b[i * m + c], 6);
            }
        },
      ),
    );
  });
});
