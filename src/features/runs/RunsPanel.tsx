import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { StrategyId } from '../../core/train/types';
import { useStudioStore } from '../../store';
import { Panel } from '../../ui/Panel';
import { strategyColor } from '../../ui/strategyColors';
import { useStrategyLabel } from '../strategyLabel';
import { buildCurveRows, buildMarkers } from './curveSeries';
import { downloadResultJson } from './exportResults';
import { LearningCurveChart } from './LearningCurveChart';
import { MetricGlossary } from './MetricGlossary';
import { SummaryTable, Verdict } from './SummaryTable';

const NO_STRATEGIES: StrategyId[] = [];

/** The current run's learning curves (growing live), the metric glossary and, once finished, the summary. */
export function RunsPanel() {
  const { t } = useTranslation();
  const label = useStrategyLabel();
  const run = useStudioStore((s) => s.run);
  const strategies = run?.config.strategies ?? NO_STRATEGIES;
  const epochs = run?.config.epochs ?? 0;
  const { rows, series } = useMemo(() => buildCurveRows(run?.curves ?? [], strategies), [run?.curves, strategies]);
  const summary = run?.result?.summary ?? null;
  const markers = useMemo(() => (summary ? buildMarkers(summary, rows, series, epochs) : []), [summary, rows, series, epochs]);

  const exportButton = run?.result ? (
    <button type="button" className="button" onClick={() => downloadResultJson(run.result!)} data-testid="results.export">
      {t('experiment.export')}
    </button>
  ) : null;

  return (
    <Panel id="curves" title={t('curves.heading')} actions={exportButton}>
      {rows.length === 0 ? (
        <p className="muted" data-testid="curves.empty">{t('curves.empty')}</p>
      ) : (
        <>
          <ul className="legend" aria-label={t('curves.heading')}>
            {series.map((s) => (
              <li key={s.key}>
                <span className="swatch" style={{ background: strategyColor(s.strategy, strategies) }} aria-hidden="true" />
                {label(s.strategy)}
              </li>
            ))}
            <li className="muted">{t('curves.legendSeeds')}</li>
          </ul>
          <LearningCurveChart rows={rows} series={series} strategies={strategies} epochs={epochs} markers={markers} />
        </>
      )}
      <MetricGlossary />
      {summary ? (
        <>
          <h3>{t('summary.heading')}</h3>
          <Verdict summary={summary} />
          <SummaryTable summary={summary} strategies={strategies} />
        </>
      ) : null}
    </Panel>
  );
}
