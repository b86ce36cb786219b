import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createRng } from '../math/rng';
import { DIGIT_ATTRIBUTES, tableProblems } from './attributes';
import { fitLogistic, predictLogistic } from './logistic';
import { decideZeroShot, evaluateZeroShot, identicalRows, trainAttributeClassifiers } from './zeroShot';
import { createZeroShotState } from './zeroShotView';

const SEEN = [0, 1, 2, 3, 4];
const UNSEEN = [5, 6, 7, 8, 9];

/**
 * Synthetic embeddings in which every attribute of the class's row is one feature (±1.5 plus unit noise), with
 * four pure-noise features: DAP trained on 0–4 must then recognise 5–9 from their rows.
 */
function embeddings(classes: number[], perClass: number, seed: number) {
  const rng = createRng(seed);
  const vectors: Float32Array[] = [];
  const labels: number[] = [];
  for (const c of classes) {
    for (let i = 0; i < perClass; i++) {
      const row = DIGIT_ATTRIBUTES.rows[c];
      vectors.push(
        Float32Array.from([...row.map((a) => (a ? 1.5 : -1.5) + rng.normal()), ...[0, 0, 0, 0].map(rng.normal)]),
      );
      labels.push(c);
    }
  }
  return { vectors, labels };
}

function hasNumpy(): boolean {
  try {
    execFileSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('the digits attribute table', () => {
  it('is usable for 0–4 → 5–9: every attribute varies among 0–4 and the rows of 5–9 differ', () => {
    expect(tableProblems(DIGIT_ATTRIBUTES, SEEN, UNSEEN)).toEqual([]);
    expect(DIGIT_ATTRIBUTES.rows).toHaveLength(10);
  });

  it('names what makes a table unusable', () => {
    const rows = DIGIT_ATTRIBUTES.rows.map((r) => [...r]);
    rows[9] = [...rows[5]];
    rows[1] = [0, 0, 0, 0, 0, 2];
    const problems = tableProblems({ ...DIGIT_ATTRIBUTES, rows }, SEEN, UNSEEN);
    expect(problems).toContain('row 1 holds a value other than 0 or 1');
    expect(problems).toContain('classes 5 and 9 have the same row');
  });
});

describe('direct attribute prediction', () => {
  const train = embeddings(SEEN, 40, 1);
  const test = embeddings(UNSEEN, 40, 2);
  const classifiers = trainAttributeClassifiers(train.vectors, train.labels, DIGIT_ATTRIBUTES, SEEN);

  it('recognises unseen classes from their rows when the features carry the attributes', () => {
    const result = evaluateZeroShot(classifiers, test.vectors, test.labels, UNSEEN);
    expect(result.chance).toBe(0.2);
    expect(result.accuracy).toMatchObject({ n: 200, method: 'wilson' });
    // Correlated seen rows (crossing only ever with a bar and a straight stroke) keep it well short of 100 %.
    expect(result.accuracy.ci95![0]).toBeGreaterThan(0.45);
    expect(result.versusChance).toBe('above');
    expect(result.perClass.map((c) => c.name)).toEqual(['5', '6', '7', '8', '9']);
    expect(result.confusion.flat().reduce((a, b) => a + b, 0)).toBe(200);
    for (const c of result.perClass) {
      expect(c.meanAttributes).toHaveLength(6);
      expect(c.meanAttributes.every((p) => p >= 0 && p <= 1)).toBe(true);
    }
  });

  it('follows an edited row: a 6 becomes an 8 once the 6 row is rewritten to something unlike it', () => {
    const six = test.vectors[test.labels.indexOf(6)];
    const p = classifiers.models.map((m) => predictLogistic(m, six));
    const before = decideZeroShot(p, DIGIT_ATTRIBUTES.rows, UNSEEN, classifiers.priors);
    expect(before.predicted).toBe(6);
    const rows = DIGIT_ATTRIBUTES.rows.map((r) => [...r]);
    rows[6] = [0, 1, 1, 0, 0, 1];
    const after = decideZeroShot(p, rows, UNSEEN, classifiers.priors);
    expect(after.predicted).toBe(8);
    expect(after.posterior.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('says which attributes carried the decision: the one separating 6 from 8 speaks for 6', () => {
    const six = test.vectors[test.labels.indexOf(6)];
    const p = classifiers.models.map((m) => predictLogistic(m, six));
    const decision = decideZeroShot(p, DIGIT_ATTRIBUTES.rows, [6, 8], classifiers.priors);
    expect(decision.predicted).toBe(6);
    // 6 and 8 differ only in "crossing strokes" (index 5): the only non-zero contribution.
    expect(decision.contributions[5]).toBeGreaterThan(0);
    expect(decision.contributions.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
  });

  it('refuses training labels outside the seen classes', () => {
    expect(() => trainAttributeClassifiers(test.vectors, test.labels, DIGIT_ATTRIBUTES, SEEN)).toThrow(/seen class/);
  });
});

describe('the studio view of the demo', () => {
  const train = embeddings(SEEN, 20, 3);
  const test = embeddings(UNSEEN, 20, 4);
  const ids = (labels: number[]) => labels.map((l, i) => `x:${l}:${i}`);
  const config = {
    schemaVersion: 1 as const,
    backbone: 'synthetic',
    cut: 'features',
    table: DIGIT_ATTRIBUTES,
    seen: SEEN,
    unseen: UNSEEN,
    lambda: 1,
  };
  const state = createZeroShotState(config, { ...train, ids: ids(train.labels) }, { ...test, ids: ids(test.labels) });

  it('shows the evaluation of core, and decisions on the first two images of each unseen class', () => {
    const view = state.view();
    const classifiers = trainAttributeClassifiers(train.vectors, train.labels, DIGIT_ATTRIBUTES, SEEN, { lambda: 1 });
    expect(view.evaluation).toEqual(evaluateZeroShot(classifiers, test.vectors, test.labels, UNSEEN));
    expect(view).toMatchObject({ edited: false, identical: [], trainImages: 100, testImages: 100 });
    expect(view.examples.map((e) => e.truth)).toEqual([5, 5, 6, 6, 7, 7, 8, 8, 9, 9]);
    expect(view.examples[0].id).toBe('x:5:0');
    for (const e of view.examples) expect(e.posterior.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('follows edited rows without retraining, and names rows that became identical', () => {
    const rows = DIGIT_ATTRIBUTES.rows.map((r) => [...r]);
    rows[6] = [...rows[8]];
    const view = state.view(rows);
    expect(view).toMatchObject({ edited: true, identical: [[6, 8]] });
    // Same row, same score: every tie goes to the first candidate, so no image is recognised as an 8 any more.
    expect(view.evaluation.perClass.find((c) => c.index === 8)?.accuracy.mean).toBe(0);
    expect(state.view().evaluation.perClass.find((c) => c.index === 8)?.accuracy.mean).toBeGreaterThan(0.1);
    expect(identicalRows(DIGIT_ATTRIBUTES.rows, [0, 6])).toEqual([[0, 6]]);
    expect(() => state.view([[1, 0]])).toThrow(/rows must be 10 rows of 6 values/);
  });
});

describe('logistic attribute classifier', () => {
  // The same L2-penalised logistic regression solved independently by Newton's method in numpy: the fitted
  // probabilities must agree, so the Nesterov solver finds the optimum of the objective its comment states.
  it.skipIf(!hasNumpy())('matches an independent numpy Newton solution of the same objective', () => {
    const rng = createRng(7);
    const vectors = Array.from({ length: 40 }, () =>
      Float32Array.from([rng.normal() * 3 + 1, rng.normal(), rng.normal() * 0.2]),
    );
    const targets = vectors.map((v) => (v[0] - 1 + 2 * v[1] + rng.normal() > 0 ? 1 : 0));
    const probe = Float32Array.from([1.5, -0.3, 0.1]);
    const model = fitLogistic(vectors, targets, { lambda: 0.1, iterations: 3000 });
    const ours = predictLogistic(model, probe);
    const script = `
import json, sys, numpy as np
d = json.load(sys.stdin)
X = np.array(d['x'], dtype=np.float64); y = np.array(d['y'], dtype=np.float64); lam = d['lam']
X = X.astype(np.float32).astype(np.float64)
mu = X.mean(0); sd = X.std(0); Z = (X - mu) / sd; n = len(y)
A = np.hstack([Z, np.ones((n, 1))]); w = np.zeros(A.shape[1]); P = np.diag([lam] * Z.shape[1] + [0.0])
for _ in range(50):
    p = 1 / (1 + np.exp(-A @ w))
    g = A.T @ (p - y) / n + P @ w
    H = (A.T * (p * (1 - p))) @ A / n + P
    w -= np.linalg.solve(H, g)
q = (np.array(d['probe'], dtype=np.float32).astype(np.float64) - mu) / sd
print(1 / (1 + np.exp(-(q @ w[:-1] + w[-1]))))
`;
    const input = JSON.stringify({ x: vectors.map((v) => [...v]), y: targets, lam: 0.1, probe: [...probe] });
    const numpy = Number(execFileSync('python3', ['-c', script], { input, encoding: 'utf8' }).trim());
    expect(numpy).toBeGreaterThan(0);
    expect(ours).toBeCloseTo(numpy, 5);
  });
});
