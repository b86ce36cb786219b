import { describe, expect, it } from 'vitest';
import { FEWSHOT_METHOD_IDS, createClassifier } from './classifiers';

const v = (...values: number[]) => Float32Array.from(values);

describe('instant classifiers', () => {
  it.each(FEWSHOT_METHOD_IDS)('%s predicts nothing before any example, then the only class', (method) => {
    const c = createClassifier(method);
    expect(c.predict(v(1, 0)).label).toBe(-1);
    c.add(v(1, 0), 0);
    const p = c.predict(v(0.9, 0.1));
    expect(p.label).toBe(0);
    expect(p.probabilities[0]).toBeCloseTo(1, 10);
  });

  it.each(FEWSHOT_METHOD_IDS)('%s separates two directions from one shot each', (method) => {
    const c = createClassifier(method);
    c.add(v(1, 0, 0), 0);
    c.add(v(0, 1, 0), 1);
    expect(c.predict(v(0.9, 0.2, 0)).label).toBe(0);
    expect(c.predict(v(0.1, 0.8, 0.1)).label).toBe(1);
    const p = c.predict(v(0.9, 0.2, 0)).probabilities;
    expect(p[0] + p[1]).toBeCloseTo(1, 10);
    expect(p[0]).toBeGreaterThan(p[1]);
  });

  it.each(FEWSHOT_METHOD_IDS)('%s gives classes without examples probability 0 and never predicts them', (method) => {
    const c = createClassifier(method);
    c.add(v(1, 0), 0);
    c.add(v(0, 1), 2);
    expect(c.counts()).toEqual([1, 0, 1]);
    const p = c.predict(v(0.5, 0.5));
    expect(p.probabilities[1]).toBe(0);
    expect(p.label).not.toBe(1);
  });

  it('prototypes are class means: cosine compares directions, Euclidean distances', () => {
    const cos = createClassifier('prototype-cosine');
    const euc = createClassifier('prototype-euclidean');
    for (const c of [cos, euc]) {
      c.add(v(10, 0), 0);
      c.add(v(0, 1), 1);
    }
    // Near class 1's point, but pointing along class 0's direction.
    expect(cos.predict(v(1, 0.2)).label).toBe(0);
    expect(euc.predict(v(1, 0.2)).label).toBe(1);
    // Euclidean probabilities are softmax(−d²) (Snell et al.): d² = 1.04 to (0, 1) and 81.04 to (10, 0).
    expect(euc.predict(v(1, 0.2)).probabilities[1]).toBeCloseTo(1 / (1 + Math.exp(-80)), 12);
  });

  it('kNN votes among the k nearest, weighted by similarity', () => {
    const c = createClassifier('knn', { k: 3 });
    c.add(v(1, 0), 0);
    c.add(v(1, 0.1), 0);
    c.add(v(0, 1), 1);
    c.add(v(0.1, 1), 1);
    c.add(v(0.2, 1), 1);
    const p = c.predict(v(1, 0.05));
    expect(p.label).toBe(0);
    expect(p.probabilities[0]).toBeGreaterThan(0.6);
    // One shot each: every class gets one vote; the nearest wins.
    const one = createClassifier('knn', { k: 3 });
    one.add(v(1, 0), 0);
    one.add(v(0, 1), 1);
    expect(one.predict(v(0.3, 1)).label).toBe(1);
  });

  it('ridge refits after every added example', () => {
    const c = createClassifier('ridge');
    c.add(v(1, 0), 0);
    c.add(v(0, 1), 1);
    expect(c.predict(v(0.7, 0.7)).probabilities[0]).toBeCloseTo(0.5, 6);
    c.add(v(0.6, 0.8), 0);
    expect(c.predict(v(0.7, 0.7)).label).toBe(0);
  });

  it('copies added vectors, so the caller may reuse its buffer', () => {
    for (const method of FEWSHOT_METHOD_IDS) {
      const c = createClassifier(method);
      const buffer = v(1, 0);
      c.add(buffer, 0);
      buffer.set([0, 1]);
      c.add(buffer, 1);
      expect(c.predict(v(1, 0)).label).toBe(0);
    }
  });

  it('rejects unknown methods, bad labels and mismatched sizes', () => {
    expect(() => createClassifier('svm')).toThrow(/valid: prototype-cosine/);
    expect(() => createClassifier('knn').add(v(1), -1)).toThrow(RangeError);
    expect(() => createClassifier('knn', { k: 0 })).toThrow(RangeError);
    const c = createClassifier('prototype-cosine');
    c.add(v(1, 0), 0);
    expect(() => c.add(v(1, 0, 0), 0)).toThrow(RangeError);
  });
});
