/**
 * Small dense linear algebra for closed-form heads (ridge regression in the dual, Bertinetto et al. 2019): solve
 * A·X = B for a symmetric positive-definite A by Cholesky decomposition. Pure numbers in Float64Array, row-major.
 * Sizes here are the number of support examples (tens to a few hundred), so O(n³) is microseconds to milliseconds.
 */

/**
 * Solves A·X = B. `a` is n×n symmetric positive definite (only its lower triangle is read), `b` is n×m; both
 * row-major and left unchanged. Returns X, n×m row-major. Throws RangeError when A is not positive definite
 * (a pivot ≤ 0): add a ridge λ·I first.
 */
export function solveSpd(a: Float64Array, b: Float64Array, n: number, m: number): Float64Array {
  if (a.length !== n * n) throw new RangeError(`A must be ${n}×${n}, got ${a.length} values`);
  if (b.length !== n * m) throw new RangeError(`B must be ${n}×${m}, got ${b.length} values`);
  const l = choleskyLower(a, n);
  const x = Float64Array.from(b);
  // Forward substitution L·Y = B, then back substitution Lᵀ·X = Y, column by column of B (in place).
  for (let col = 0; col < m; col++) {
    for (let i = 0; i < n; i++) {
      let sum = x[i * m + col];
      for (let k = 0; k < i; k++) sum -= l[i * n + k] * x[k * m + col];
      x[i * m + col] = sum / l[i * n + i];
    }
    for (let i = n - 1; i >= 0; i--) {
      let sum = x[i * m + col];
      for (let k = i + 1; k < n; k++) sum -= l[k * n + i] * x[k * m + col];
      x[i * m + col] = sum / l[i * n + i];
    }
  }
  return x;
}

/** The lower-triangular L with A = L·Lᵀ (Cholesky–Banachiewicz); throws RangeError for a non-SPD A. */
export function choleskyLower(a: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * n + j];
      for (let k = 0; k < j; k++) sum -= l[i * n + k] * l[j * n + k];
      if (i === j) {
        if (!(sum > 0)) throw new RangeError(`matrix is not positive definite (pivot ${sum} at row ${i})`);
        l[i * n + i] = Math.sqrt(sum);
      } else {
        l[i * n + j] = sum / l[j * n + j];
      }
    }
  }
  return l;
}
