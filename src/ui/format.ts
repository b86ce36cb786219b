/**
 * Number formats shown in the studio. e2e/digits-demo.spec.ts formats the engine's numbers the same way to check
 * that the screen shows exactly what the worker computed, so change both together.
 */
/** A mean with its 95 % interval (core's Estimate; null when it could not be estimated). */
interface Interval {
  mean: number;
  ci95: readonly [number, number] | null;
}

/** An accuracy in [0, 1] as a percentage with one decimal: 0.8734 → "87.3 %". */
export function formatPercent(fraction: number, digits = 1): string {
  return `${(fraction * 100).toFixed(digits)} %`;
}

/** An accuracy with its 95 % interval in percent: "87.3 % [84.1, 90.5]"; "87.3 %" without an interval. */
export function formatPercentInterval({ mean, ci95 }: Interval, digits = 1): string {
  const pct = (x: number) => (x * 100).toFixed(digits);
  return ci95 ? `${pct(mean)} % [${pct(ci95[0])}, ${pct(ci95[1])}]` : `${pct(mean)} %`;
}

/** A difference in percentage points with its interval, signed: "+12.4 [+8.1, +16.7]". */
export function formatPointsInterval({ mean, ci95 }: Interval, digits = 1): string {
  return ci95
    ? `${formatPoints(mean, digits)} [${formatPoints(ci95[0], digits)}, ${formatPoints(ci95[1], digits)}]`
    : formatPoints(mean, digits);
}

/** A difference of accuracies in percentage points, signed: 0.124 → "+12.4", −0.05 → "−5.0". */
export function formatPoints(difference: number, digits = 1): string {
  const value = (difference * 100).toFixed(digits);
  if (Number(value) === 0) return (0).toFixed(digits);
  return difference > 0 ? `+${value}` : `−${value.slice(1)}`;
}

/** An interval of differences in percentage points: "[+8.1, +16.7]". */
export function formatPointsRange(ci95: readonly [number, number], digits = 1): string {
  return `[${formatPoints(ci95[0], digits)}, ${formatPoints(ci95[1], digits)}]`;
}

/** A plain number with its interval: "3.2 [2.1, 4.3]"; "3.2" without one. */
export function formatNumberInterval({ mean, ci95 }: Interval, digits = 1): string {
  return ci95
    ? `${mean.toFixed(digits)} [${ci95[0].toFixed(digits)}, ${ci95[1].toFixed(digits)}]`
    : mean.toFixed(digits);
}

/** Seconds with one decimal below a minute, whole seconds above. */
export function formatSeconds(seconds: number): string {
  return seconds < 60 ? seconds.toFixed(1) : Math.round(seconds).toString();
}
