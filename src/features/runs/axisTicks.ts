/**
 * Round axis ticks for a seconds (or any continuous) axis: 0, then equal steps of 1, 2 or 5 × 10ⁿ up to the first
 * tick at or beyond the largest value, so the axis ends on a round number and every label has the same decimals
 * ("0, 5, 10, 15, 20" rather than "0.0, 4.0, 8.0, 12, 16, 19"). Pure.
 */

/** Ticks from 0 covering `max` with at most about `count` intervals; `[0, 1]` for max ≤ 0 or not finite. */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const rough = max / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough - 1e-12) ?? 10 * power;
  const intervals = Math.ceil(max / step - 1e-9);
  return Array.from({ length: intervals + 1 }, (_, i) => roundTo(i * step, step));
}

/** Decimals a tick label needs so that every tick of a step shows the same number of them (0 for step ≥ 1). */
export function tickDecimals(ticks: readonly number[]): number {
  const step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
  return step >= 1 ? 0 : Math.min(6, Math.ceil(-Math.log10(step) - 1e-9));
}

function roundTo(value: number, step: number): number {
  const decimals = step >= 1 ? 0 : Math.ceil(-Math.log10(step) - 1e-9);
  return Number(value.toFixed(decimals));
}
