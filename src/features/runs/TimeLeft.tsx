import { useTranslation } from 'react-i18next';
import type { RunState } from '../../store';
import { estimateSecondsLeft, splitDuration } from './timeLeft';

/** "about 1 min 20 s left" for a running experiment, estimated from the epochs done so far. */
export function TimeLeft({ run }: { run: Pick<RunState, 'config' | 'curves' | 'cacheSeconds' | 'status'> }) {
  const { t } = useTranslation();
  if (run.status !== 'running') return null;
  const seconds = estimateSecondsLeft(run);
  if (seconds === null) return <span className="time-left muted">{t('runs.timeUnknown')}</span>;
  return (
    <span className="time-left" data-testid="runs.timeLeft">
      {t('runs.timeLeft', { time: formatDuration(t, seconds) })}
    </span>
  );
}

export function formatDuration(
  t: (key: string, options?: Record<string, unknown>) => string,
  totalSeconds: number,
): string {
  const { minutes, seconds } = splitDuration(totalSeconds);
  return minutes > 0 ? t('runs.duration.minutes', { minutes, seconds }) : t('runs.duration.seconds', { seconds });
}

/** Fraction of a running experiment done: finished trials (strategy × seed trainings) plus the current one's epochs. */
export function runFraction(run: Pick<RunState, 'config' | 'current' | 'trialsDone' | 'trialCount' | 'phase'>): number {
  if (run.trialCount <= 0) return 0;
  const epochFraction =
    run.current && run.phase === 'training' ? run.current.epoch / Math.max(1, run.config.epochs) : 0;
  return Math.min(1, (run.trialsDone + epochFraction) / run.trialCount);
}
