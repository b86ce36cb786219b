/**
 * Leave-one-out nearest-neighbour accuracy: each example is classified by the label of its most similar OTHER
 * example (cosine similarity), the simplest "are the classes already clustered in these features?" baseline
 * (kNN accuracy on frozen features, as Renggli et al. 2022 "Which model to transfer?" use for ranking). An accuracy
 * on N examples, so it carries a Wilson 95 % interval. Ties in similarity go to the earlier example. Pure numbers.
 */
import { wilsonInterval, type Estimate } from '../math/intervals';
import { dot, rowOf, type Matrix } from '../math/linalg';
import { checkLabels } from './labels';

export function leaveOneOutNearestNeighbour(
  features: Matrix,
  labels: readonly number[],
  numClasses: number,
): Estimate & { correct: number } {
  checkLabels(labels, features.rows, numClasses);
  const n = features.rows;
  const norms = Array.from({ length: n }, (_, i) => Math.sqrt(dot(rowOf(features, i), rowOf(features, i))) || 1);
  const best = new Float64Array(n).fill(-Infinity);
  const nearest = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const ri = rowOf(features, i);
    for (let j = i + 1; j < n; j++) {
      const similarity = dot(ri, rowOf(features, j)) / (norms[i] * norms[j]);
      if (similarity > best[i]) {
        best[i] = similarity;
        nearest[i] = j;
      }
      if (similarity > best[j]) {
        best[j] = similarity;
        nearest[j] = i;
      }
    }
  }
  let correct = 0;
  for (let i = 0; i < n; i++) if (nearest[i] >= 0 && labels[nearest[i]] === labels[i]) correct++;
  return { ...wilsonInterval(correct, n), correct };
}
