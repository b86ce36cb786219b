/**
 * How many images of a class go to validation, exactly as core's stratifiedSplit decides (src/core/data/split.ts):
 * round(fraction · n), but at least one to validation and one to training when n ≥ 2; a single image trains.
 * Shown per class before any run, so the numbers on screen are the numbers the run uses.
 */
export function validationCount(n: number, fraction: number): number {
  return n < 2 ? 0 : Math.min(n - 1, Math.max(1, Math.round(fraction * n)));
}

/** Training and validation images over all classes of `counts`. */
export function splitTotals(counts: readonly number[], fraction: number): { train: number; validation: number } {
  let validation = 0;
  let total = 0;
  for (const n of counts) {
    validation += validationCount(n, fraction);
    total += n;
  }
  return { train: total - validation, validation };
}
