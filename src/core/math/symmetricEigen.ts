/**
 * Eigen-decomposition of a real symmetric matrix: Householder reduction to tridiagonal form, then the implicit QL
 * algorithm with shifts (tred2 + tql2 as in EISPACK, Bowdler, Martin, Reinsch & Wilkinson 1968; the same steps as
 * the public-domain JAMA `EigenvalueDecomposition`). O(n³), about (4/3 + 3)·n³ flops with the vectors; exact to
 * rounding for symmetric input, no iteration count to tune. Pure numbers, no tfjs.
 */

/** Eigenvalues in descending order; `vectors[k]` is the unit eigenvector of `values[k]` (length n). */
export interface SymmetricEigen {
  values: Float64Array;
  vectors: Float64Array[];
}

/**
 * Eigenvalues and eigenvectors of the symmetric n×n matrix `a` (row-major, length n²; only symmetry is assumed,
 * not checked: the lower triangle is what is read). `a` is not modified.
 */
export function symmetricEigen(a: Float64Array, n: number): SymmetricEigen {
  if (a.length !== n * n) throw new RangeError(`expected ${n}×${n} = ${n * n} values, got ${a.length}`);
  if (n === 0) return { values: new Float64Array(0), vectors: [] };
  const v: Float64Array[] = Array.from({ length: n }, (_, i) => a.slice(i * n, (i + 1) * n));
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  tridiagonalize(v, d, e, n);
  // The QL rotations mix columns of v; on its transpose they mix rows, which are contiguous in memory.
  const w: Float64Array[] = Array.from({ length: n }, (_, col) =>
    Float64Array.from({ length: n }, (_, r) => v[r][col]),
  );
  diagonalize(w, d, e, n);
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => d[j] - d[i]);
  // w[k] (column k of the accumulated transformation) is the eigenvector of d[k].
  return { values: Float64Array.from(order, (i) => d[i]), vectors: order.map((k) => w[k]) };
}

/** Householder reduction of v (in place) to tridiagonal form; d = diagonal, e = sub-diagonal (EISPACK tred2). */
function tridiagonalize(v: Float64Array[], d: Float64Array, e: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) d[j] = v[n - 1][j];
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        d[j] = v[i - 1][j];
        v[i][j] = 0;
        v[j][i] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j];
        v[j][i] = f;
        g = e[j] + v[j][j] * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += v[k][j] * d[k];
          e[k] += v[k][j] * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      for (let j = 0; j < i; j++) {
        f = d[j];
        g = e[j];
        for (let k = j; k <= i - 1; k++) v[k][j] -= f * e[k] + g * d[k];
        d[j] = v[i - 1][j];
        v[i][j] = 0;
      }
    }
    d[i] = h;
  }
  // Accumulate the transformations.
  for (let i = 0; i < n - 1; i++) {
    v[n - 1][i] = v[i][i];
    v[i][i] = 1;
    const h = d[i + 1];
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = v[k][i + 1] / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += v[k][i + 1] * v[k][j];
        for (let k = 0; k <= i; k++) v[k][j] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) v[k][i + 1] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = v[n - 1][j];
    v[n - 1][j] = 0;
  }
  v[n - 1][n - 1] = 1;
  e[0] = 0;
}

/**
 * Implicit QL with shifts on the tridiagonal (d, e), accumulating the rotations into w, the TRANSPOSE of EISPACK
 * tql2's z (so w[i] is the i-th column of z).
 */
function diagonalize(w: Float64Array[], d: Float64Array, e: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n) {
      if (Math.abs(e[m]) <= eps * tst1) break;
      m++;
    }
    if (m > l) {
      let iterations = 0;
      do {
        if (++iterations > 60) throw new Error('symmetricEigen: QL iteration did not converge (non-finite input?)');
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = Math.hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          const wi = w[i];
          const wi1 = w[i + 1];
          for (let k = 0; k < n; k++) {
            h = wi1[k];
            wi1[k] = s * wi[k] + c * h;
            wi[k] = c * wi[k] - s * h;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1);
    }
    d[l] += f;
    e[l] = 0;
  }
}
