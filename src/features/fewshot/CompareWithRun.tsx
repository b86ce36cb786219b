import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunComparison } from '../../core/fewshot/compareWithRun';
import type { Estimate } from '../../core/math/intervals';
import { useStudioStore } from '../../store';
import { formatPercent } from '../../ui/format';
import { strategyLabel } from '../strategyLabel';
import type { FewShotActions } from './actions';

type State =
  | { status: 'idle' }
  | { status: 'working' }
  | { status: 'done'; runId: string; comparison: RunComparison }
  | { status: 'error'; message: string };

/**
 * The instant classifier against the trained head on the same captures (issue 15): once a Run on the saved captures
 * has finished, prototypes and kNN are scored on that Run's held-out captures beside its trained head, each with
 * its Wilson interval (core/fewshot/compareWithRun.ts), and a sentence says what the difference means.
 */
export function CompareWithRun({
  actions,
  datasetId,
}: {
  actions: Pick<FewShotActions, 'compareFewShotWithRun'>;
  /** The saved captures' dataset; null before they are saved. */
  datasetId: string | null;
}) {
  const { t } = useTranslation();
  const run = useStudioStore((s) =>
    datasetId === null ? undefined : s.history.runs.find((r) => r.datasetId === datasetId && r.result !== null),
  );
  const [state, setState] = useState<State>({ status: 'idle' });
  if (!datasetId) return null;
  if (!run?.result) {
    return (
      <p className="muted" data-testid="fewshot.compare.waiting">
        {t('fewshot.compare.waiting')}
      </p>
    );
  }
  const result = run.result;
  const compare = () => {
    setState({ status: 'working' });
    actions.compareFewShotWithRun(result, datasetId).then(
      (comparison) => setState({ status: 'done', runId: run.id, comparison }),
      (e: unknown) => setState({ status: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
  };
  const shown = state.status === 'done' && state.runId === run.id ? state.comparison : null;
  const cell = (correct: number, accuracy: Estimate) =>
    t('fewshot.compare.cell', {
      correct,
      n: accuracy.n,
      value: formatPercent(accuracy.mean, 0),
      low: formatPercent(accuracy.ci95?.[0] ?? accuracy.mean, 0),
      high: formatPercent(accuracy.ci95?.[1] ?? accuracy.mean, 0),
    });
  return (
    <div className="fewshot-compare" data-testid="fewshot.compare">
      <h3>{t('fewshot.compare.heading')}</h3>
      <p className="muted">{t('fewshot.compare.explain')}</p>
      <button
        type="button"
        className="button"
        onClick={compare}
        disabled={state.status === 'working'}
        data-testid="fewshot.compare.run"
      >
        {t('fewshot.compare.button')}
      </button>
      {state.status === 'working' ? (
        <p className="muted" role="status">
          {t('fewshot.compare.working')}
        </p>
      ) : null}
      {state.status === 'error' ? (
        <p className="warning" role="alert">
          {t('fewshot.compare.failed', { message: state.message })}
        </p>
      ) : null}
      {shown ? (
        <>
          <table className="fewshot-heldout-table">
            <caption>{t('fewshot.compare.caption', { n: shown.heldOutCount, train: shown.trainCount })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fewshot.heldOut.method')}</th>
                <th scope="col">{t('fewshot.compare.accuracy')}</th>
                <th scope="col">{t('fewshot.compare.onlyThis')}</th>
              </tr>
            </thead>
            <tbody>
              <tr data-testid="fewshot.compare.row" data-method="trained" data-accuracy={shown.trained.accuracy.mean}>
                <th scope="row">
                  {t('fewshot.compare.trained', { strategy: strategyLabel(t, shown.trained.strategy) })}
                </th>
                <td>{cell(shown.trained.correct, shown.trained.accuracy)}</td>
                <td>—</td>
              </tr>
              {shown.instant.map((row) => (
                <tr
                  key={row.method}
                  data-testid="fewshot.compare.row"
                  data-method={row.method}
                  data-accuracy={row.accuracy.mean}
                  data-better={row.better}
                >
                  <th scope="row">{t(`fewshot.methods.${row.method}`)}</th>
                  <td>{cell(row.correct, row.accuracy)}</td>
                  <td>{t('fewshot.compare.paired', { instant: row.onlyInstant, trained: row.onlyTrained })}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p data-testid="fewshot.compare.verdict">
            {shown.instant.map((row) => (
              <span key={row.method}>
                {t(`fewshot.compare.verdict.${row.better}`, {
                  method: t(`fewshot.methods.${row.method}`),
                  n: shown.heldOutCount,
                })}{' '}
              </span>
            ))}
            {t('fewshot.compare.meaning')}
          </p>
        </>
      ) : null}
    </div>
  );
}
