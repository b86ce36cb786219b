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
 * `repeat` (default 0) picks another held-out window of the same shuffle per class (see repeatWindow): repeats
 * 0, 1, … of one seed together validate every example; an experiment's repeats call this with its split seed.
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
  repeat = 0,
): Split {
  if (!Number.isInteger(repeat) || repeat < 0) throw new RangeError(`repeat must be an integer ≥ 0, got ${repeat}`);
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
    let indices = rng.shuffle(byClass.get(c) ?? []);
    const n = indices.length;
    const validationCount = n < 2 ? 0 : Math.min(n - 1, Math.max(1, Math.round(validationFraction * n)));
    const held = repeatWindow(n, validationCount, repeat);
    if (held.cycle > 0) {
      indices = createRng(deriveSeed(seed, 'stratified-split', c, held.cycle)).shuffle(byClass.get(c) ?? []);
    }
    for (let k = 0; k < n; k++) {
      const inWindow = (k - held.from + n) % n < validationCount;
      (inWindow ? validation : train).push(indices[k]);
    }
  }
  return { train: train.sort((p, q) => p - q), validation: validation.sort((p, q) => p - q) };
}

/**
 * Which window of a class's shuffled order is held out in `repeat` (repeated stratified cross-validation, e.g.
 * Kohavi 1995): the class's n examples in shuffled order are cut into ⌈n / v⌉ consecutive windows of v = its
 * validation count, repeat r holding out window r mod ⌈n / v⌉ of cycle ⌊r / ⌈n / v⌉⌋ (a new shuffle per cycle);
 * the last window wraps round to the start, so every repeat holds out exactly v. Within a cycle every example is
 * validated at least once: ⌈n / v⌉ repeats (1 / fraction when fraction·n is whole, e.g. 5 at 0.2) cover the
 * class. Repeat 0 is the first v of the first shuffle: the split a single-repeat experiment always had.
 */
function repeatWindow(n: number, validationCount: number, repeat: number): { cycle: number; from: number } {
  if (validationCount === 0 || n === 0) return { cycle: 0, from: 0 };
  const windows = Math.ceil(n / validationCount);
  return { cycle: Math.floor(repeat / windows), from: (repeat % windows) * validationCount };
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
