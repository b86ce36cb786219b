import { describe, expect, it } from 'vitest';
import { fromRows, matrix } from '../math/linalg';
import { createRng } from '../math/rng';
import { coralDistance } from './coralDistance';
import { domainShift, shiftLevel } from './domainShift';
import { mmdRbf } from './mmd';
import { pooledGram } from './pooledGram';
import { ridgeDomainClassifier } from './proxyADistance';
import reference from './reference.json';

// Reference values: scripts/reference/transferability.py (numpy/scipy): MMD² from scipy pdist/cdist with
// σ = np.median(pdist), CORAL from np.cov, and the ridge domain classifier fitted in primal form with λ chosen by
// refitting without each row. "shiftTall" = 30 + 25 rows × 6 features, "shiftWide" = 20 + 18 rows × 50.
describe.each(['shiftTall', 'shiftWide'] as const)('shift distances against the numpy reference (%s)', (name) => {
  const ref = reference[name];
  const pg = pooledGram(fromRows(ref.source), fromRows(ref.target));

  it('MMD² (unbiased, RBF, median bandwidth) and CORAL distance', () => {
    const mmd = mmdRbf(pg, { seed: 1, permutations: 0 });
    expect(mmd.mmd2).toBeCloseTo(ref.mmd2, 10);
    expect(mmd.bandwidth).toBeCloseTo(ref.bandwidth, 10);
    expect(coralDistance(pg)).toBeCloseTo(ref.coral, 10);
  });

  it('the dual ridge domain classifier picks the same λ and makes the same held-out errors', () => {
    const { errors, lambda } = ridgeDomainClassifier(pg, ref.train, ref.test);
    expect(lambda / ref.lambda).toBeCloseTo(1, 8);
    expect(errors).toBe(ref.heldOutErrors);
  });
});

function gaussian(rows: number, cols: number, seed: number, shift = 0, scale = 1) {
  const rng = createRng(seed);
  return matrix(
    rows,
    cols,
    Array.from({ length: rows * cols }, () => rng.normal() * scale + shift),
  );
}

describe('domain shift on worked examples', () => {
  it('CORAL distance is 0 for a translated copy and (by hand) for a scaled one', () => {
    const s = fromRows([
      [0, 0],
      [2, 0],
      [0, 2],
      [2, 2],
    ]);
    const translated = fromRows([
      [5, 5],
      [7, 5],
      [5, 7],
      [7, 7],
    ]);
    expect(coralDistance(pooledGram(s, translated))).toBeCloseTo(0, 12);
    // cov(s) = (4/3)·I; doubled → (16/3)·I: ‖(12/3)·I‖²_F / (4·2²) = 32/16 = 2.
    const doubled = fromRows([
      [0, 0],
      [4, 0],
      [0, 4],
      [4, 4],
    ]);
    expect(coralDistance(pooledGram(s, doubled))).toBeCloseTo(2, 12);
  });

  it('two samples of one distribution: no shift detected, proxy A-distance interval around 0', () => {
    const shift = domainShift(gaussian(60, 5, 1), gaussian(60, 5, 2), { seed: 3 });
    expect(shift.mmd.pValue).toBeGreaterThan(0.05);
    expect(shift.level).toBe('none-detected');
    expect(shift.proxyADistance.ci95![0]).toBeLessThan(0);
    expect(shift.proxyADistance.ci95![1]).toBeGreaterThan(0);
  });

  it('far-apart samples: the smallest p-value the permutations allow, PAD 2, a large shift', () => {
    const shift = domainShift(gaussian(40, 5, 1), gaussian(40, 5, 2, 6), { seed: 3, permutations: 99 });
    expect(shift.mmd.pValue).toBeCloseTo(1 / 100, 12);
    expect(shift.domainError.mean).toBe(0);
    expect(shift.proxyADistance.mean).toBe(2);
    expect(shift.level).toBe('large');
    expect(shift.mmd.mmd2).toBeGreaterThan(0.5);
  });

  it('is repeatable from its seed', () => {
    const a = domainShift(gaussian(30, 4, 1), gaussian(30, 4, 2, 0.5), { seed: 9 });
    const b = domainShift(gaussian(30, 4, 1), gaussian(30, 4, 2, 0.5), { seed: 9 });
    expect(b).toEqual(a);
  });

  it('reads levels from p-value and PAD', () => {
    expect(shiftLevel(0.2, 1.9)).toBe('none-detected');
    expect(shiftLevel(0.01, 0.5)).toBe('small');
    expect(shiftLevel(0.01, 1.2)).toBe('moderate');
    expect(shiftLevel(0.01, 1.7)).toBe('large');
  });

  it('rejects mismatched or too small samples', () => {
    expect(() => domainShift(gaussian(5, 3, 1), gaussian(5, 4, 1), { seed: 1 })).toThrow(RangeError);
    expect(() => pooledGram(gaussian(1, 3, 1), gaussian(5, 3, 1))).toThrow(RangeError);
  });
});
