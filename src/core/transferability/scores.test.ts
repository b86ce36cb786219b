import { describe, expect, it } from 'vitest';
import { fromRows, matrix } from '../math/linalg';
import { gbc } from './gbc';
import { hScore, ledoitWolfShrinkage } from './hScore';
import { leaveOneOutNearestNeighbour } from './knn';
import { logMe } from './logme';
import { argmaxRows, leep, nce } from './sourceHead';
import { transferabilityScores } from './scores';
import { centerColumns } from '../math/linalg';
import reference from './reference.json';

// Reference values: scripts/reference/transferability.py (numpy 2.4 / scipy 1.17; how each is computed is in its
// docstring), stored with their inputs in reference.json. "tall" = 60 examples × 8 features, 3 classes (N > D);
// "wide" = 24 × 40, 4 classes (N < D, the usual case here: 200 images, 256–768 features).
describe.each(['tall', 'wide'] as const)('scores against the numpy reference (%s)', (name) => {
  const ref = reference[name];
  const features = fromRows(ref.features);
  const labels = ref.labels;
  const probabilities = fromRows(ref.sourceProbabilities);
  const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThan(1e-8);

  it('LogME (thuml/LogME fixed-point iteration)', () => close(logMe(features, labels, ref.numClasses), ref.logme));
  it('LEEP and NCE (thuml/LogME LEEP.py, NCE.py)', () => {
    close(leep(probabilities, labels, ref.numClasses), ref.leep);
    close(nce(argmaxRows(probabilities), probabilities.cols, labels, ref.numClasses), ref.nce);
  });
  it('regularised H-score and its Ledoit–Wolf shrinkage (d×d in numpy, N×N here)', () => {
    close(ledoitWolfShrinkage(centerColumns(features)).alpha, ref.shrinkage);
    close(hScore(features, labels, ref.numClasses), ref.hscore);
  });
  it('GBC (stable_transfer gbc.py: PCA 64, spherical)', () => close(gbc(features, labels, ref.numClasses), ref.gbc));
  it('leave-one-out 1-NN', () => {
    const knn = leaveOneOutNearestNeighbour(features, labels, ref.numClasses);
    expect(knn.correct).toBe(ref.knnCorrect);
    expect(knn.mean).toBeCloseTo(ref.knnCorrect / labels.length, 12);
    expect(knn.method).toBe('wilson');
  });
});

describe('scores on worked examples', () => {
  // Four images, two target classes; the source model has three classes.
  const labels = [0, 0, 1, 1];

  it('LEEP is 0 and NCE is 0 when each target class is one source class', () => {
    const perfect = fromRows([
      [1, 0, 0],
      [1, 0, 0],
      [0, 1, 0],
      [0, 1, 0],
    ]);
    expect(leep(perfect, labels, 2)).toBeCloseTo(0, 12);
    expect(nce(argmaxRows(perfect), 3, labels, 2)).toBeCloseTo(0, 12);
  });

  it('LEEP and NCE are −H(Y) = ln ½ when the source prediction says nothing about the label', () => {
    const uniform = matrix(4, 3, new Array(12).fill(1 / 3));
    expect(leep(uniform, labels, 2)).toBeCloseTo(Math.log(0.5), 12);
    expect(nce([2, 2, 2, 2], 3, labels, 2)).toBeCloseTo(Math.log(0.5), 12);
  });

  it('LEEP by hand: θ = (0.8, 0.2) for class 0 images, (0.2, 0.8) for class 1', () => {
    const theta = fromRows([
      [0.8, 0.2],
      [0.8, 0.2],
      [0.2, 0.8],
      [0.2, 0.8],
    ]);
    // P(y=0 | z=0) = 0.4 / 0.5 = 0.8; each image's likelihood is 0.8·0.8 + 0.2·0.2 = 0.68.
    expect(leep(theta, labels, 2)).toBeCloseTo(Math.log(0.68), 12);
  });

  const separated = fromRows([
    [10, 0.1],
    [10.2, 0],
    [0, 10],
    [0.1, 10.3],
  ]);
  const mixed = fromRows([
    [1, 0],
    [0, 1],
    [1, 0.1],
    [0.1, 1],
  ]);

  it('1-NN: 4 of 4 for separated classes, 0 of 4 for classes whose neighbours are the other class', () => {
    expect(leaveOneOutNearestNeighbour(separated, labels, 2).correct).toBe(4);
    expect(leaveOneOutNearestNeighbour(mixed, labels, 2).correct).toBe(0);
  });

  it('GBC: near 0 for separated classes, −C(C−1) = −2 when both classes have the same Gaussian', () => {
    expect(gbc(separated, labels, 2)).toBeGreaterThan(-1e-6);
    const same = fromRows([
      [1, 2],
      [3, 1],
      [1, 2],
      [3, 1],
    ]);
    expect(gbc(same, labels, 2)).toBeCloseTo(-2, 10);
  });

  it('H-score is 0 when the class means coincide, and larger for separated classes', () => {
    const sameMeans = fromRows([
      [1, 0],
      [-1, 0],
      [0, 1],
      [0, -1],
    ]);
    expect(hScore(sameMeans, labels, 2)).toBeCloseTo(0, 12);
    expect(hScore(separated, labels, 2)).toBeGreaterThan(hScore(mixed, labels, 2));
  });

  it('every score ranks separated features above mixed ones', () => {
    const a = transferabilityScores({ features: separated, labels, numClasses: 2 });
    const b = transferabilityScores({ features: mixed, labels, numClasses: 2 });
    expect(a.logme).toBeGreaterThan(b.logme);
    expect(a.hscore).toBeGreaterThan(b.hscore);
    expect(a.gbc).toBeGreaterThan(b.gbc);
    expect(a.knn.mean).toBeGreaterThan(b.knn.mean);
    expect(a.leep).toBeNull();
  });

  it('rejects labels that do not fit', () => {
    expect(() => logMe(separated, [0, 1, 2, 0], 2)).toThrow(RangeError);
    expect(() => gbc(separated, [0, 1], 2)).toThrow(RangeError);
  });
});
