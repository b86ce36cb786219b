import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudioStore, type RunState } from '../../store';
import { formatPercentInterval } from '../../ui/format';
import { Panel } from '../../ui/Panel';
import { ProgressBar } from '../../ui/ProgressBar';
import { runBackboneName } from '../backbone';
import { useEngineActions } from '../engineActions';
import { useStrategyLabel } from '../strategyLabel';
import type { StoredRun } from '../../worker/protocol/runs';
import { RestartRun } from './RestartRun';
import { ResultsImport } from './ResultsImport';
import { RunOrigin } from './RunOrigin';
import { hasCurves, useRunViews } from './runViews';
import { runFraction, TimeLeft } from './TimeLeft';

/** "25 Nov, 14:03" in the studio's language. */
export function useFormatTime(): (ms: number) => string {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  return (ms: number) => format.format(new Date(ms));
}

/**
 * Every run stored in this browser (and the current one as it happens), newest first: when, on what, how it went,
 * its best AUC; tick runs to compare them, show one's details, cancel the running one, delete old ones.
 * A table on wide screens, one card per run on narrow ones (CSS), always operable by keyboard and touch.
 */
export function RunHistory() {
  const { t } = useTranslation();
  const history = useStudioStore((s) => s.history);
  const run = useStudioStore((s) => s.run);
  const focusedId = useRunViews().focused?.id ?? null;

  let body;
  if (history.status === 'loading' && history.runs.length === 0)
    body = <p className="muted">{t('runs.history.loading')}</p>;
  else if (history.runs.length === 0)
    body = (
      <p className="muted" data-testid="runs.history.empty">
        {t('runs.history.empty')}
      </p>
    );
  else {
    body = (
      <div className="run-history-scroll">
        <table className="run-history" data-testid="runs.history">
          <caption className="visually-hidden">{t('runs.history.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">{t('runs.history.compare')}</span>
              </th>
              <th scope="col">{t('runs.history.started')}</th>
              <th scope="col">{t('runs.history.dataset')}</th>
              <th scope="col">{t('runs.history.setup')}</th>
              <th scope="col">{t('runs.history.status')}</th>
              <th scope="col">{t('runs.history.best')}</th>
              <th scope="col">{t('runs.history.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {history.runs.map((entry) => (
              <HistoryRow key={entry.id} entry={entry} current={run} shown={entry.id === focusedId} />
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  return (
    <Panel id="runs" title={t('runs.history.heading')}>
      <p className="intro">{t('runs.history.intro')}</p>
      {history.error ? (
        <p className="warning" role="alert">
          {t('runs.history.error', { message: history.error })}
        </p>
      ) : null}
      <ResultsImport>{body}</ResultsImport>
    </Panel>
  );
}

function HistoryRow({ entry, current, shown }: { entry: StoredRun; current: RunState | null; shown: boolean }) {
  const { t } = useTranslation();
  const label = useStrategyLabel();
  const formatTime = useFormatTime();
  const actions = useEngineActions();
  const history = useStudioStore((s) => s.history);
  const toggleCompare = useStudioStore((s) => s.toggleCompare);
  const focusRun = useStudioStore((s) => s.focusRun);
  const [confirming, setConfirming] = useState(false);
  const time = formatTime(entry.startedAt);
  const live = current?.runId === entry.id ? current : null;
  const comparable = hasCurves(entry, current);
  const compared = history.compare.includes(entry.id);
  const config = entry.config ?? entry.result?.config ?? null;
  const best = entry.result?.summary.reduce<(typeof entry.result.summary)[number] | null>(
    (a, s) => (a === null || s.metrics.auc.mean > a.metrics.auc.mean ? s : a),
    null,
  );

  return (
    <tr data-testid={`runs.row.${entry.id}`} data-status={entry.status} className={shown ? 'run-row-shown' : undefined}>
      <td data-label={t('runs.history.compare')}>
        <div className="cell">
          <input
            type="checkbox"
            className="run-compare"
            checked={compared}
            disabled={!comparable}
            onChange={() => toggleCompare(entry.id)}
            aria-label={t('runs.history.compareLabel', { time })}
            data-testid="runs.compare"
          />
        </div>
      </td>
      <td data-label={t('runs.history.started')}>
        <div className="cell">
          <time dateTime={new Date(entry.startedAt).toISOString()}>{time}</time>
        </div>
      </td>
      <td data-label={t('runs.history.dataset')}>
        <div className="cell">
          {entry.importedFrom && entry.result
            ? entry.result.dataset.name
            : entry.datasetId === null
              ? t('runs.history.sample')
              : (entry.datasetName ?? t('runs.history.unknownDataset'))}
        </div>
      </td>
      <td data-label={t('runs.history.setup')}>
        <div className="cell">
          {config ? (
            <>
              {runBackboneName(t, entry.result?.config ?? config)}
              <br />
              <span className="muted">
                {config.strategies.map(label).join(' · ')} —{' '}
                {t('runs.history.budget', {
                  seeds: t('counts.seeds', { count: config.seeds }),
                  epochs: t('counts.epochs', { count: config.epochs }),
                })}
              </span>
            </>
          ) : (
            '—'
          )}
        </div>
      </td>
      <td data-label={t('runs.history.status')}>
        <div className="cell">
          <span className={`status-badge status-${entry.status}`}>{t(`runs.status.${entry.status}`)}</span>
          {live && entry.status === 'running' ? (
            <div className="run-row-progress">
              <ProgressBar value={runFraction(live)} label={t('runs.progressLabel', { time })} />
              <span className="muted">
                {t('runs.progress', { done: Math.min(live.trialsDone + 1, live.trialCount), total: live.trialCount })} ·{' '}
                <TimeLeft run={live} />
              </span>
            </div>
          ) : null}
          {!live && entry.progress && entry.status !== 'done' ? (
            <div className="muted">
              {t('runs.stoppedAfter', { done: entry.progress.trialsDone, count: entry.progress.trialCount })}
            </div>
          ) : null}
          {entry.status === 'failed' && entry.error ? <div className="run-error">{entry.error}</div> : null}
          {entry.importedFrom && entry.result ? (
            <RunOrigin fileName={entry.importedFrom} environment={entry.result.environment} />
          ) : null}
        </div>
      </td>
      <td data-label={t('runs.history.best')}>
        <div className="cell">
          {best
            ? t('runs.history.bestValue', {
                auc: formatPercentInterval(best.metrics.auc),
                strategy: label(best.strategy),
              })
            : '—'}
        </div>
      </td>
      <td data-label={t('runs.history.actions')}>
        <div className="cell">
          <div className="row-actions">
            {live && entry.status === 'running' ? (
              <button
                type="button"
                className="button button-small"
                onClick={() => actions.cancel()}
                aria-label={t('runs.history.cancelLabel')}
                data-testid="runs.cancel"
              >
                {t('runs.history.cancel')}
              </button>
            ) : null}
            <button
              type="button"
              className="button button-small"
              disabled={!comparable}
              aria-pressed={shown}
              aria-label={t('runs.history.showLabel', { time })}
              onClick={() => focusRun(live ? null : entry.id)}
              data-testid="runs.show"
            >
              {t('runs.history.show')}
            </button>
            {entry.status !== 'running' && !confirming ? <RestartRun runId={entry.id} compact /> : null}
            {entry.status !== 'running' ? (
              confirming ? (
                <span className="confirm" role="group" aria-label={t('runs.history.confirmDelete')}>
                  <span>{t('runs.history.confirmDelete')}</span>
                  <button
                    type="button"
                    className="button button-small button-danger"
                    onClick={() => actions.deleteRuns([entry.id])}
                    data-testid="runs.confirmDelete"
                  >
                    {t('runs.history.confirm')}
                  </button>
                  <button type="button" className="button button-small" onClick={() => setConfirming(false)}>
                    {t('runs.history.keep')}
                  </button>
                </span>
              ) : (
                <button
                  type="button"
                  className="button button-small"
                  aria-label={t('runs.history.deleteLabel', { time })}
                  onClick={() => setConfirming(true)}
                  data-testid="runs.delete"
                >
                  {t('runs.history.delete')}
                </button>
              )
            ) : null}
          </div>
        </div>
      </td>
    </tr>
  );
}
