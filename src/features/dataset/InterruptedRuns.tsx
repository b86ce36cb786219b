import { useTranslation } from 'react-i18next';
import { useStudioStore } from '../../store';
import { RestartRun } from '../runs';
import { useStrategyLabel } from '../strategyLabel';

/** Runs that were still training when the page was reloaded or closed: said once, after the reload. */
export function InterruptedRuns() {
  const { t, i18n } = useTranslation();
  const label = useStrategyLabel();
  const runs = useStudioStore((s) => s.workspace.interruptedRuns);
  const dismiss = useStudioStore((s) => s.dismissWorkspaceMessage);
  if (runs.length === 0) return null;
  const time = (ms: number) => new Date(ms).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <div className="ds-message ds-message-warn" role="status" data-testid="runs.interrupted">
      <div>
        <p>
          <strong>{t('workspace.interrupted.heading', { count: runs.length })}</strong>
        </p>
        <ul>
          {runs.map((run) => (
            <li key={run.id} data-run-id={run.id}>
              {t('workspace.interrupted.run', {
                started: time(run.startedAt),
                dataset: run.datasetName ?? t('workspace.interrupted.sample'),
                strategies: run.strategies.map((s) => label(s)).join(', '),
                seeds: t('counts.seeds', { count: run.seeds }),
              })}{' '}
              {run.trialsDone !== null && run.trialCount !== null
                ? t('workspace.interrupted.progress', { done: run.trialsDone, count: run.trialCount })
                : null}{' '}
              {run.epochsKept ? (
                <span data-testid="runs.interrupted.kept" data-epochs={run.epochsKept}>
                  {t('workspace.interrupted.kept', { count: run.epochsKept })}
                </span>
              ) : null}{' '}
              <RestartRun runId={run.id} />
            </li>
          ))}
        </ul>
        <p className="muted">
          {t(runs.some((r) => r.epochsKept) ? 'workspace.interrupted.adviceKept' : 'workspace.interrupted.advice')}
        </p>
      </div>
      <button type="button" className="button ds-button-small" onClick={() => dismiss('interrupted')}>
        {t('dataset.dismiss')}
      </button>
    </div>
  );
}
