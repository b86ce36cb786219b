/**
 * Accuracy on held-out captures as shots grow, for the studio's webcam classifier: with the captures of each
 * class in the order they were taken, the classifier built from the first K of every class predicts all the later
 * ones. One point per K from 1 while every class still has a capture left to test; each with a Wilson interval
 * over the held-out captures (intervals.ts). Cheap (instant classifiers), so it is recomputed after every capture.
 *
 * Caveat the studio states: consecutive webcam frames are near-duplicates, so held-out captures taken in the
 * same moment as the support make this optimistic; captures taken later (moved, other light) test it honestly.
 */
import { wilsonInterval, type Estimate } from '../math/intervals';
import { createClassifier, type ClassifierOptions, type FewShotMethodId } from './classifiers';

export interface Capture {
  vector: Float32Array;
  label: number;
}

export interface HeldOutPoint {
  /** Support captures per class. */
  shots: number;
  /** Correct predictions of the held-out captures: mean = share correct, Wilson 95 % interval, n = held out. */
  accuracy: Estimate;
}

/** Classes (labels) with at least one capture, ascending. */
function classesOf(captures: readonly Capture[]): number[] {
  return [...new Set(captures.map((c) => c.label))].sort((a, b) => a - b);
}

/**
 * The held-out curve of `method` over `captures` (in capture order). Empty with fewer than two classes, or when
 * some class has only one capture (nothing of it left to test).
 */
export function heldOutCurve(
  captures: readonly Capture[],
  method: FewShotMethodId,
  options: ClassifierOptions = {},
): HeldOutPoint[] {
  const classes = classesOf(captures);
  if (classes.length < 2) return [];
  const byClass = new Map(classes.map((c) => [c, captures.filter((x) => x.label === c)]));
  const smallest = Math.min(...[...byClass.values()].map((list) => list.length));
  const points: HeldOutPoint[] = [];
  for (let shots = 1; shots < smallest; shots++) {
    const classifier = createClassifier(method, options);
    for (const list of byClass.values()) for (const c of list.slice(0, shots)) classifier.add(c.vector, c.label);
    let correct = 0;
    let total = 0;
    for (const list of byClass.values()) {
      for (const c of list.slice(shots)) {
        if (classifier.predict(c.vector).label === c.label) correct++;
        total++;
      }
    }
    points.push({ shots, accuracy: wilsonInterval(correct, total) });
  }
  return points;
}
