import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { restartBlock, useStudioStore } from '../../store';
import { useEngineActions } from '../engineActions';

/**
 * Resume and Run again for a stored run: Resume (a run that did not finish) keeps the trainings it finished and
 * trains the rest with the same seeds and split; Run again starts it afresh as a new run. Each is disabled, with
 * the reason beside it, when the run cannot be started now (store `restartBlock`).
 */
export function RestartRun({ runId, compact = false }: { runId: string; compact?: boolean }) {
  // compact (a history row): a blocked button's reason is its tooltip; otherwise the reason is written beside it.
  const { t } = useTranslation();
  const actions = useEngineActions();
  const entry = useStudioStore((s) => s.history.runs.find((r) => r.id === runId) ?? null);
  const running = useStudioStore((s) => s.run?.status === 'running');
  const datasetIds = useStudioStore(useShallow((s) => s.workspace.datasets.map((d) => d.id)));
  if (!entry) return null;
  const studio = { running, datasetIds };
  const resumable = entry.status !== 'done' && entry.status !== 'running';
  const finishedTrials = entry.progress?.trialsDone ?? 0;
  const resumeBlock = restartBlock(entry, 'resume', studio);
  const rerunBlock = restartBlock(entry, 'rerun', studio);
  // Runs that can never start again (imported, adaptation) offer nothing; the others say why they cannot now.
  if (rerunBlock === 'settings' || rerunBlock === 'adaptation') return null;
  const reason = rerunBlock ?? (resumable ? resumeBlock : null);
  const start = (mode: 'resume' | 'rerun') => {
    if (actions.restartRun(runId, mode)) document.getElementById('curves')?.scrollIntoView({ block: 'start' });
  };
  return (
    <span className="restart-run" data-testid="runs.restart" data-restart-run={runId}>
      {resumable ? (
        <button
          type="button"
          className="button button-small"
          disabled={resumeBlock !== null}
          onClick={() => start('resume')}
          title={
            resumeBlock
              ? t(`runs.restart.blocked.${resumeBlock}`)
              : t('runs.restart.resumeTitle', { count: finishedTrials })
          }
          data-testid="runs.resume"
        >
          {t('runs.restart.resume')}
        </button>
      ) : null}
      <button
        type="button"
        className="button button-small"
        disabled={rerunBlock !== null}
        onClick={() => start('rerun')}
        title={rerunBlock ? t(`runs.restart.blocked.${rerunBlock}`) : t('runs.restart.rerunTitle')}
        data-testid="runs.rerun"
      >
        {t('runs.restart.rerun')}
      </button>
      {reason && !compact ? (
        <span className="muted restart-reason" data-testid="runs.restart.reason" data-reason={reason}>
          {t(`runs.restart.blocked.${reason}`)}
        </span>
      ) : null}
    </span>
  );
}

/** What a resumed run kept, for the run's status line; nothing for a run started afresh. */
export function ResumedNote({ resumed }: { resumed: { kept: number; reason: ResumedReason } | null }) {
  const { t } = useTranslation();
  if (!resumed) return null;
  const text =
    resumed.reason === 'kept'
      ? t('runs.restart.kept', { count: resumed.kept })
      : t(`runs.restart.none.${resumed.reason}`);
  return (
    <p className="muted" data-testid="experiment.resumed" data-kept={resumed.kept} data-reason={resumed.reason}>
      {text}
    </p>
  );
}

type ResumedReason = 'kept' | 'none-finished' | 'dataset-changed';
