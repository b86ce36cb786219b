import { useTranslation } from 'react-i18next';
import { useStudioStore } from '../../store';
import { Panel } from '../../ui/Panel';
import { SweepResults } from './SweepResults';
import { SweepSetup } from './SweepSetup';
import './sweeps.css';

/** Downloads the sweep's result (SweepResult, schema 1) as JSON. */
function downloadSweep(result: unknown, id: string): void {
  const blob = new Blob([`${JSON.stringify(result, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `${id}.json`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * The Sweeps step: pick a phenomenon (how deep to freeze, how much data, the selffer control, multi-task), see how
 * many trainings it takes, start it, and watch its charts fill in; earlier sweeps of the session stay one click away.
 */
export function SweepsPanel() {
  const { t } = useTranslation();
  const current = useStudioStore((s) => s.sweeps.current);
  const history = useStudioStore((s) => s.sweeps.history);
  const show = useStudioStore((s) => s.showSweep);
  const result = current?.result ?? null;
  const exportButton =
    result && current ? (
      <button
        type="button"
        className="button"
        onClick={() => downloadSweep(result, current.id)}
        data-testid="sweeps.export"
      >
        {t('sweeps.export')}
      </button>
    ) : null;
  return (
    <Panel id="sweeps" title={t('sweeps.heading')} actions={exportButton}>
      <p className="muted">{t('sweeps.intro')}</p>
      <SweepSetup />
      {current ? <SweepResults run={current} /> : null}
      {history.length > 0 ? (
        <details className="sweep-history">
          <summary>{t('sweeps.history')}</summary>
          <ul>
            {history.map((run) => (
              <li key={run.id}>
                {t('sweeps.historyItem', {
                  preset: t(`sweeps.presets.${run.preset}.title`),
                  time: new Date(run.startedAt).toLocaleTimeString(),
                  status: t(`sweeps.status.${run.status}`, { message: run.error ?? '' }),
                })}{' '}
                <button
                  type="button"
                  className="button button-small"
                  disabled={current?.status === 'running'}
                  onClick={() => show(run.id)}
                >
                  {t('sweeps.show')}
                </button>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </Panel>
  );
}
