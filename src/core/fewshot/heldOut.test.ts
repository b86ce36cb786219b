import { describe, expect, it } from 'vitest';
import { heldOutCurve, type Capture } from './heldOut';

const capture = (label: number, ...values: number[]): Capture => ({ label, vector: Float32Array.from(values) });

describe('heldOutCurve', () => {
  it('needs two classes with a capture left to test', () => {
    expect(heldOutCurve([capture(0, 1, 0), capture(0, 1, 0.1)], 'prototype-cosine')).toEqual([]);
    expect(heldOutCurve([capture(0, 1, 0), capture(1, 0, 1), capture(1, 0.1, 1)], 'knn')).toEqual([]);
  });

  it('tests the later captures of every class with the first K, with a Wilson interval', () => {
    const captures = [
      capture(0, 1, 0),
      capture(1, 0, 1),
      capture(0, 0.9, 0.1),
      capture(1, 0.1, 0.9),
      capture(0, 0.2, 1), // a class-0 capture that looks like class 1
      capture(1, 0, 1),
    ];
    const curve = heldOutCurve(captures, 'prototype-cosine');
    expect(curve.map((p) => p.shots)).toEqual([1, 2]);
    // K = 1: 4 held out, the odd class-0 capture is wrong → 3/4. K = 2: 2 held out, 1/2.
    expect(curve[0].accuracy).toMatchObject({ mean: 0.75, n: 4, method: 'wilson' });
    expect(curve[1].accuracy).toMatchObject({ mean: 0.5, n: 2 });
    expect(curve[0].accuracy.ci95![0]).toBeLessThan(0.75);
  });
});
