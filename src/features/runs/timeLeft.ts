/**
 * How long the rest of a running experiment will take, estimated from the epochs done so far: per strategy, the
 * mean wall-clock seconds of one epoch (its one-off caching left out, as it is not repeated), times the epochs that
 * strategy has left; strategies not started yet take the mean epoch of all strategies seen. Pure.
 */
import type { RunState } from '../../store';

export function estimateSecondsLeft(
  run: Pick<RunState, 'config' | 'curves' | 'cacheSeconds' | 'status'>,
): number | null {
  if (run.status !== 'running') return null;
  const { strategies, seeds, epochs } = run.config;
  const perStrategy = new Map<string, { seconds: number; epochs: number }>();
  for (const curve of run.curves) {
    if (!curve) continue;
    const entry = perStrategy.get(curve.strategy) ?? { seconds: 0, epochs: 0 };
    for (let e = 1; e < curve.points.length; e++) {
      const cache = e === 1 ? (run.cacheSeconds[curve.strategy] ?? 0) : 0;
      entry.seconds += Math.max(0, curve.points[e].seconds - curve.points[e - 1].seconds - cache);
      entry.epochs += 1;
    }
    perStrategy.set(curve.strategy, entry);
  }
  const measured = [...perStrategy.values()].filter((s) => s.epochs > 0);
  if (measured.length === 0) return null;
  const overall = measured.reduce((a, s) => a + s.seconds, 0) / measured.reduce((a, s) => a + s.epochs, 0);
  let left = 0;
  for (const strategy of strategies) {
    const done = perStrategy.get(strategy) ?? { seconds: 0, epochs: 0 };
    const perEpoch = done.epochs > 0 ? done.seconds / done.epochs : overall;
    left += Math.max(0, seeds * epochs - done.epochs) * perEpoch;
  }
  return left;
}

/** Whole seconds as minutes and seconds: { minutes: 1, seconds: 20 } (rounded up to 5 s above a minute). */
export function splitDuration(totalSeconds: number): { minutes: number; seconds: number } {
  const rounded = totalSeconds >= 60 ? Math.ceil(totalSeconds / 5) * 5 : Math.ceil(totalSeconds);
  return { minutes: Math.floor(rounded / 60), seconds: rounded % 60 };
}
