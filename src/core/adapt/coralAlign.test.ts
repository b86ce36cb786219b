import { describe, expect, it } from 'vitest';
import { columnMeans, fromRows, innerGram, centerColumns } from '../math/linalg';
import { coralAlign } from './coralAlign';
import reference from '../transferability/reference.json';

// Reference: scripts/reference/transferability.py — scipy.linalg.fractional_matrix_power of the regularised
// covariances, (X_s − μ_s)(C_s + λI)^(−½)(C_t + λI)^(½) + μ_t with λ = tr(C)/d.
describe('coralAlign', () => {
  const source = fromRows(reference.coralAlign.source);
  const target = fromRows(reference.coralAlign.target);

  it('matches scipy on a 25 + 30 × 5 example', () => {
    const aligned = coralAlign(source, target);
    reference.coralAlign.aligned.flat().forEach((v, i) => expect(aligned.data[i]).toBeCloseTo(v, 9));
  });

  it('gives the source the target mean, and the target covariance up to the regularisation', () => {
    const aligned = coralAlign(source, target);
    const mean = columnMeans(aligned);
    columnMeans(target).forEach((v, j) => expect(mean[j]).toBeCloseTo(v, 10));
    // (C_s + λ_s I)^(−½) C_s (C_s + λ_s I)^(−½) has eigenvalues σ/(σ + λ_s) < 1: the aligned covariance is the
    // target's (+ λ_t I) squeezed by those factors, so its trace lies below tr(C_t) + d·λ_t.
    const cov = innerGram(centerColumns(aligned)).data.map((v) => v / (aligned.rows - 1));
    const targetCov = innerGram(centerColumns(target)).data.map((v) => v / (target.rows - 1));
    const trace = (c: Float64Array) => [0, 1, 2, 3, 4].reduce((s, j) => s + c[j * 5 + j], 0);
    expect(trace(cov)).toBeLessThan(2 * trace(targetCov));
    expect(trace(cov)).toBeGreaterThan(0.1 * trace(targetCov));
  });

  it('rejects mismatched feature sizes', () => {
    expect(() =>
      coralAlign(
        fromRows([
          [1, 2],
          [3, 4],
        ]),
        fromRows([[1], [2]]),
      ),
    ).toThrow(RangeError);
  });
});
