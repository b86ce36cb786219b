import { useTranslation } from 'react-i18next';
import { useStudioStore } from '../../store';
import { formatSeconds } from '../../ui/format';
import { ProgressBar } from '../../ui/ProgressBar';
import { runBackboneName } from '../backbone';
import { ResumedNote, TimeLeft } from '../runs';
import { useStrategyLabel } from '../strategyLabel';

/**
 * One live line on what the engine is doing, and a progress bar over all trials (strategy × seed trainings). Before
 * the first run it says nothing while Run is blocked (the run bar says why: one line, never two that disagree).
 */
export function RunStatus({ blocked = false }: { blocked?: boolean }) {
  const { t } = useTranslation();
  const label = useStrategyLabel();
  const run = useStudioStore((s) => s.run);
  const strategy = useStudioStore((s) => s.strategy);
  const measuringOn = useStudioStore((s) => (s.settings.backend?.measuring ? s.settings.backend.backend : null));

  let message: string;
  let progress: number | null = null;
  if (!run) {
    if (blocked) return null;
    message = t('status.idle', {
      count: strategy.strategies.length * (Number.isFinite(strategy.seeds) ? strategy.seeds : 0),
    });
    if (measuringOn) message = `${message} ${t('status.measuring', { backend: measuringOn })}`;
  } else if (run.status === 'done' && run.result) {
    const finished = t('status.finished', {
      count: run.result.runs.length,
      seconds: formatSeconds(run.result.seconds),
      backend: run.result.environment.backend,
    });
    message = `${finished} ${t('runBar.model', { name: runBackboneName(t, run.result.config) })}`;
  } else if (run.status === 'cancelled') {
    message = t('status.cancelled');
  } else if (run.status === 'error') {
    message = t('status.failed', { message: run.error ?? '' });
  } else {
    const epochs = run.config.epochs;
    const current = run.current;
    const epochFraction = current ? current.epoch / epochs : 0;
    progress =
      run.trialCount > 0
        ? Math.min(1, (run.trialsDone + (current && run.phase === 'training' ? epochFraction : 0)) / run.trialCount)
        : 0;
    if (current && run.phase === 'training') {
      message = t('status.progress', {
        done: Math.min(run.trialsDone + 1, run.trialCount),
        total: run.trialCount,
        strategy: label(current.strategy),
        seed: current.seed,
        epoch: current.epoch,
        epochs,
      });
    } else if (run.phase === 'decoding' && run.config.perClass === undefined) {
      // Only the built-in sample is sized per class (selectExperimentConfig): anything else is a stored dataset.
      message = t('runBar.decodingDataset');
    } else if (run.phase) {
      message = t(`status.phase.${run.phase}`);
    } else {
      message = t('status.starting');
    }
  }

  return (
    <div className={`run-status run-status-${run?.status ?? 'idle'}`}>
      <p
        aria-live="polite"
        data-testid="experiment.status"
        data-status={run?.status ?? 'idle'}
        role={run?.status === 'error' ? 'alert' : undefined}
      >
        {message}
      </p>
      {run?.status === 'running' ? <ProgressBar value={progress} label={t('status.progressLabel')} /> : null}
      {run?.status === 'running' ? <TimeLeft run={run} /> : null}
      {run ? <ResumedNote resumed={run.resumed} /> : null}
    </div>
  );
}
