/** Label checks and per-class index lists shared by the transferability scores. Pure numbers. */
import type { Matrix } from '../math/linalg';
import type { Centred } from './spectrum';

/**
 * A score of `features` (N × D) for their `labels` in [0, numClasses); `centred` (the centred features and their
 * spectrum) when the caller has it, so several scores share one decomposition.
 */
export type LabelledScore = (
  features: Matrix,
  labels: readonly number[],
  numClasses: number,
  centred?: Centred,
) => number;

/** Throws a RangeError unless `labels` has `rows` integers in [0, numClasses). */
export function checkLabels(labels: readonly number[], rows: number, numClasses: number): void {
  if (labels.length !== rows) throw new RangeError(`${labels.length} labels for ${rows} feature rows`);
  if (!Number.isInteger(numClasses) || numClasses < 1)
    throw new RangeError(`numClasses must be ≥ 1, got ${numClasses}`);
  for (const y of labels) {
    if (!Number.isInteger(y) || y < 0 || y >= numClasses) {
      throw new RangeError(`label ${y} is not an integer in [0, ${numClasses})`);
    }
  }
}

/** Row indices of each class 0..numClasses−1 (empty lists for absent classes). */
export function indicesByClass(labels: readonly number[], numClasses: number): number[][] {
  const groups: number[][] = Array.from({ length: numClasses }, () => []);
  labels.forEach((y, i) => groups[y].push(i));
  return groups;
}
