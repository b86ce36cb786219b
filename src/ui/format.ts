/**
 * Number formats shown in the studio. e2e/digits-demo.spec.ts formats the engine's numbers the same way to check
 * that the screen shows exactly what the worker computed, so change both together.
 */
import type { MeanStd } from '../core/metrics/types';

/** An accuracy in [0, 1] as a percentage with one decimal: 0.8734 → "87.3 %". */
export function formatPercent(fraction: number, digits = 1): string {
  return `${(fraction * 100).toFixed(digits)} %`;
}

/** Mean ± std of accuracies in percent: "87.3 ± 2.1 %". */
export function formatPercentMeanStd({ mean, std }: MeanStd, digits = 1): string {
  return `${(mean * 100).toFixed(digits)} ± ${(std * 100).toFixed(digits)} %`;
}

/** A difference of accuracies in percentage points, signed: 0.124 → "+12.4", −0.05 → "−5.0". */
export function formatPoints(difference: number, digits = 1): string {
  const value = (difference * 100).toFixed(digits);
  if (Number(value) === 0) return (0).toFixed(digits);
  return difference > 0 ? `+${value}` : `−${value.slice(1)}`;
}

/** Mean ± std of a plain number: "3.2 ± 0.4". */
export function formatMeanStd({ mean, std }: MeanStd, digits = 1): string {
  return `${mean.toFixed(digits)} ± ${std.toFixed(digits)}`;
}

/** Seconds with one decimal below a minute, whole seconds above. */
export function formatSeconds(seconds: number): string {
  return seconds < 60 ? seconds.toFixed(1) : Math.round(seconds).toString();
}
