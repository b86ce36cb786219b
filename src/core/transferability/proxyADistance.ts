/**
 * The proxy A-distance (Ben-David, Blitzer, Crammer & Pereira, NIPS 2007; Ben-David et al. 2010): train a linear
 * classifier to tell source rows from target rows and measure its held-out error ε; PAD = 2(1 − 2ε). 0 = the
 * domains cannot be told apart (ε = ½), 2 = perfectly separable (ε = 0). Pure numbers.
 *
 * The classifier here is ridge regression on ±1 domain labels (a least-squares linear classifier, closed form, so
 * deterministic and fast), in its dual form on the pooled Gram: each of 2 folds (half of each domain, seeded)
 * trains on the other half, centred by that half's mean, with the ridge strength λ picked from a fixed grid
 * (10⁻³…10² × the mean squared norm) by exact leave-one-out error on the training half. ε counts the errors over
 * both held-out halves, so it is a proportion of all ns + nt rows with a Wilson interval, mapped onto PAD.
 */
import { wilsonInterval, type Estimate } from '../math/intervals';
import { createRng } from '../math/rng';
import { symmetricEigen } from '../math/symmetricEigen';
import { centredBlock, sides, type PooledGram } from './pooledGram';

const RIDGE_GRID = [1e-3, 1e-2, 1e-1, 1, 10, 100];

export interface ProxyADistance {
  /** 2(1 − 2ε), with the interval mapped from ε's Wilson interval; n = ns + nt held-out predictions. */
  distance: Estimate;
  /** ε: held-out error of the domain classifier. */
  domainError: Estimate;
}

export function proxyADistance(pg: PooledGram, options: { seed: number }): ProxyADistance {
  const rng = createRng(options.seed);
  const { source, target } = sides(pg);
  const halves = [rng.shuffle([...source]), rng.shuffle([...target])];
  const folds: number[][] = [[], []];
  for (const rows of halves) {
    const cut = Math.floor(rows.length / 2);
    folds[0].push(...rows.slice(0, cut));
    folds[1].push(...rows.slice(cut));
  }
  let errors = 0;
  for (let f = 0; f < 2; f++) {
    const train = folds[1 - f];
    const test = folds[f];
    errors += ridgeDomainClassifier(pg, train, test).errors;
  }
  const domainError = wilsonInterval(errors, pg.n);
  const toDistance = (e: number) => 2 * (1 - 2 * e);
  return {
    domainError,
    distance: {
      mean: toDistance(domainError.mean),
      ci95: domainError.ci95 ? [toDistance(domainError.ci95[1]), toDistance(domainError.ci95[0])] : null,
      n: domainError.n,
      method: domainError.method,
    },
  };
}

/**
 * Errors on the pooled rows `test` of a dual ridge classifier trained on the rows `train` (source +1, target −1),
 * and the λ its leave-one-out error picked.
 */
export function ridgeDomainClassifier(
  pg: PooledGram,
  train: readonly number[],
  test: readonly number[],
): { errors: number; lambda: number } {
  const label = (i: number) => (i < pg.sourceCount ? 1 : -1);
  const n = train.length;
  const y = train.map(label);
  const intercept = y.reduce((a, b) => a + b, 0) / n;
  const yc = y.map((v) => v - intercept);
  const k = centredBlock(pg, train, train, train, train);
  const { values, vectors } = symmetricEigen(k, n);
  // Coordinates of the centred labels in the eigenbasis.
  const coords = vectors.map((q) => q.reduce((s, qi, i) => s + qi * yc[i], 0));
  const meanSquaredNorm = Math.max(values.reduce((a, b) => a + Math.max(b, 0), 0) / n, 1e-12);

  let best: { lambda: number; errors: number } | null = null;
  for (const c of RIDGE_GRID) {
    const lambda = c * meanSquaredNorm;
    // Fitted values ŷ = K(K + λI)⁻¹y_c and leverages diag(K(K + λI)⁻¹) + 1/n (the intercept).
    const fitted = new Float64Array(n);
    const leverage = new Float64Array(n).fill(1 / n);
    vectors.forEach((q, j) => {
      const shrink = Math.max(values[j], 0) / (Math.max(values[j], 0) + lambda);
      for (let i = 0; i < n; i++) {
        fitted[i] += q[i] * shrink * coords[j];
        leverage[i] += q[i] * q[i] * shrink;
      }
    });
    let looErrors = 0;
    for (let i = 0; i < n; i++) {
      const residual = (yc[i] - fitted[i]) / Math.max(1 - leverage[i], 1e-12);
      if (Math.sign(y[i] - residual) !== y[i]) looErrors++;
    }
    // Ties go to the larger λ (the simpler classifier).
    if (!best || looErrors <= best.errors) best = { lambda, errors: looErrors };
  }
  const lambda = best!.lambda;
  // Dual weights a = (K + λI)⁻¹ y_c, then f(x) = intercept + Σ_j a_j (x − μ)·(x_j − μ).
  const dual = new Float64Array(n);
  vectors.forEach((q, j) => {
    const w = coords[j] / (Math.max(values[j], 0) + lambda);
    for (let i = 0; i < n; i++) dual[i] += q[i] * w;
  });
  const cross = centredBlock(pg, test, train, train, train);
  let errors = 0;
  test.forEach((row, t) => {
    let score = intercept;
    for (let i = 0; i < n; i++) score += cross[t * n + i] * dual[i];
    if (Math.sign(score) !== label(row)) errors++;
  });
  return { errors, lambda };
}
