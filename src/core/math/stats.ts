/** A mean and the sample standard deviation of the same values, in their units. */
export interface MeanStd {
  mean: number;
  std: number;
}

/** Arithmetic mean; 0 for an empty list (so summaries of nothing stay finite). */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Sample standard deviation (n − 1 denominator); 0 when fewer than two values (no spread measurable). */
export function std(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  const m = mean(values);
  let ss = 0;
  for (const v of values) ss += (v - m) * (v - m);
  return Math.sqrt(ss / (n - 1));
}

export function meanStd(values: readonly number[]): MeanStd {
  return { mean: mean(values), std: std(values) };
}
