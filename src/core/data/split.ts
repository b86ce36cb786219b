import { DatasetError } from './types';
import { createRng, deriveSeed } from '../math/rng';

/** Train and validation example indices; disjoint, together every index exactly once, each sorted ascending. */
export interface Split {
  train: number[];
  validation: number[];
}

/**
 * Up to `perClass` example indices of every class present in `labels`, drawn without replacement by a seeded
 * shuffle (a class with fewer keeps all of them). Returned sorted ascending, so the order carries no
 * information about the draw. Deterministic for a seed.
 */
export function samplePerClass(labels: readonly number[], perClass: number, seed: number): number[] {
  if (!Number.isInteger(perClass) || perClass < 1) {
    throw new RangeError(`perClass must be a positive integer, got ${perClass}`);
  }
  const rng = createRng(deriveSeed(seed, 'sample-per-class'));
  const chosen: number[] = [];
  for (const indices of indicesByClass(labels).values()) {
    chosen.push(...rng.shuffle(indices).slice(0, perClass));
  }
  return chosen.sort((p, q) => p - q);
}

/**
 * A stratified train/validation split of example indices. Per class of n examples, round(fraction·n) go to
 * validation, but at least one to validation and one to train when n ≥ 2 (so every class is both learned and
 * measured); a single-example class goes to train. Which examples go where is a seeded shuffle within the
 * class, so the split is deterministic for a seed and independent of the other classes' sizes.
 *
 * Classes are 0..classCount−1 with classCount = classNames.length when given, else max(label) + 1.
 * Throws DatasetError for fewer than two classes or a class without examples (naming it), RangeError for a
 * fraction outside (0, 1) or a label that is not a class index.
 */
export function stratifiedSplit(
  labels: readonly number[],
  validationFraction: number,
  seed: number,
  classNames?: readonly string[],
): Split {
  if (!(validationFraction > 0 && validationFraction < 1)) {
    throw new RangeError(`validationFraction must be in (0, 1), got ${validationFraction}`);
  }
  const byClass = indicesByClass(labels);
  const classCount = classNames ? classNames.length : Math.max(-1, ...byClass.keys()) + 1;
  const nameOf = (c: number) => (classNames ? `"${classNames[c]}"` : `${c}`);

  for (const c of byClass.keys()) {
    if (c >= classCount) throw new RangeError(`label ${c} is not one of the ${classCount} classes`);
  }
  if (classCount < 2) {
    throw new DatasetError(`need at least 2 classes to train a classifier, found ${classCount}`);
  }
  for (let c = 0; c < classCount; c++) {
    if (!byClass.has(c)) throw new DatasetError(`class ${nameOf(c)} has no examples`);
  }

  const rng = createRng(deriveSeed(seed, 'stratified-split'));
  const train: number[] = [];
  const validation: number[] = [];
  for (let c = 0; c < classCount; c++) {
    const indices = rng.shuffle(byClass.get(c) ?? []);
    const n = indices.length;
    const validationCount = n < 2 ? 0 : Math.min(n - 1, Math.max(1, Math.round(validationFraction * n)));
    validation.push(...indices.slice(0, validationCount));
    train.push(...indices.slice(validationCount));
  }
  return { train: train.sort((p, q) => p - q), validation: validation.sort((p, q) => p - q) };
}

/** Example indices grouped by label, in ascending index order, keyed in ascending label order. */
function indicesByClass(labels: readonly number[]): Map<number, number[]> {
  const byClass = new Map<number, number[]>();
  labels.forEach((label, i) => {
    if (!Number.isInteger(label) || label < 0)
      throw new RangeError(`example ${i}: label ${label} is not a class index`);
    const list = byClass.get(label);
    if (list) list.push(i);
    else byClass.set(label, [i]);
  });
  return new Map([...byClass.entries()].sort((p, q) => p[0] - q[0]));
}
