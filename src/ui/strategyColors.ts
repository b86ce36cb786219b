/**
 * One colour per strategy, stable across charts and tables. Scratch is neutral grey (the baseline); transfer
 * strategies get distinct hues with at least 4.5:1 contrast on white (they also colour text).
 */
const TRANSFER_COLORS = ['#1d4ed8', '#b45309', '#047857', '#7e22ce', '#be123c', '#0e7490'];
const SCRATCH_COLOR = '#4b5563';

/** The colour of `strategy` among `strategies` (the experiment's order). */
export function strategyColor(strategy: string, strategies: readonly string[]): string {
  if (strategy === 'scratch') return SCRATCH_COLOR;
  const transfer = strategies.filter((s) => s !== 'scratch');
  const index = Math.max(0, transfer.indexOf(strategy));
  return TRANSFER_COLORS[index % TRANSFER_COLORS.length];
}
