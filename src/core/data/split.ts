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
 * `groups` (optional, one id per example; data/duplicates.ts makes them) keeps every group on ONE side: exact and
 * near duplicates, webcam bursts. A group is a unit of the shuffle of its home class (the class of its smallest
 * example index; other members follow it), and a unit is held out when its first position in the shuffled order
 * falls in the repeat's window, so validation gets about round(fraction·n) examples per class, at least one unit
 * when the class has two units or more, and never all of them. Without groups (or with every example alone) the
 * split is exactly the ungrouped one.
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
  groups?: readonly number[],
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
  if (groups && groups.length !== labels.length) {
    throw new RangeError(`groups has ${groups.length} entries for ${labels.length} examples`);
  }
  const unitsByClass = unitsOf(labels, byClass, groups);
  for (let c = 0; c < classCount; c++) {
    const units = unitsByClass.get(c) ?? [];
    let order = rng.shuffle([...units]);
    const n = order.reduce((sum, unit) => sum + unit.length, 0);
    const classSize = byClass.get(c)?.length ?? 0;
    const validationCount =
      classSize < 2 ? 0 : Math.min(classSize - 1, Math.max(1, Math.round(validationFraction * classSize)));
    const held = repeatWindow(n, validationCount, repeat);
    if (held.cycle > 0) {
      order = createRng(deriveSeed(seed, 'stratified-split', c, held.cycle)).shuffle([...units]);
    }
    // A unit is held out when its first position falls in the window.
    let position = 0;
    const inWindow = order.map((unit) => {
      const hit = (position - held.from + n) % n < validationCount;
      position += unit.length;
      return hit;
    });
    // Grouped units can leave a side empty: hold the first unit of the window, or release the last held one.
    if (order.length >= 2 && validationCount > 0) {
      if (!inWindow.includes(true)) inWindow[nearestToWindow(order, held.from, n)] = true;
      else if (!inWindow.includes(false)) inWindow[inWindow.lastIndexOf(true)] = false;
    }
    order.forEach((unit, k) => (inWindow[k] ? validation : train).push(...unit));
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

/**
 * Per class, its units: the groups whose smallest example index has that label (a group's other members, of
 * whatever label, come with it), ordered by smallest index. Without groups, one unit per example.
 */
function unitsOf(
  labels: readonly number[],
  byClass: Map<number, number[]>,
  groups: readonly number[] | undefined,
): Map<number, number[][]> {
  if (!groups) return new Map([...byClass.entries()].map(([c, indices]) => [c, indices.map((i) => [i])]));
  const members = new Map<number, number[]>();
  groups.forEach((group, i) => {
    const list = members.get(group);
    if (list) list.push(i);
    else members.set(group, [i]);
  });
  const units = new Map<number, number[][]>();
  for (const list of [...members.values()].sort((a, b) => a[0] - b[0])) {
    const home = labels[list[0]];
    const ofClass = units.get(home);
    if (ofClass) ofClass.push(list);
    else units.set(home, [list]);
  }
  return units;
}

/** The unit whose first position comes soonest at or after the window's start (wrapping round). */
function nearestToWindow(order: readonly number[][], from: number, n: number): number {
  let best = 0;
  let bestDistance = Infinity;
  let position = 0;
  order.forEach((unit, k) => {
    const distance = (position - from + n) % n;
    if (distance < bestDistance) [best, bestDistance] = [k, distance];
    position += unit.length;
  });
  return best;
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
