import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { strategyColor } from '../../ui/strategyColors';
import { useStrategyLabel } from '../strategyLabel';
import { buildCurveRows, buildMarkers, type CurveView } from './curveSeries';
import { LearningCurveChart } from './LearningCurveChart';
import type { RunView } from './runViews';

/** A run's legend and learning-curve chart in the chosen view; the empty message when it has no points yet. */
export function CurvesFigure({
  run,
  view,
  height,
  lossMax,
}: {
  run: RunView;
  view: CurveView;
  height?: number;
  lossMax?: number;
}) {
  const { t } = useTranslation();
  const label = useStrategyLabel();
  const strategies = useMemo(
    () => run.config?.strategies ?? run.result?.config.strategies ?? [],
    [run.config, run.result],
  );
  const epochs = run.config?.epochs ?? 0;
  const { rows, series } = useMemo(() => buildCurveRows(run.curves, strategies, view), [run.curves, strategies, view]);
  const summary = run.result?.summary ?? null;
  const markers = useMemo(
    () => (summary ? buildMarkers(summary, rows, series, epochs) : []),
    [summary, rows, series, epochs],
  );

  if (rows.length === 0) {
    const stopped = !run.live && run.status !== 'done' && run.status !== 'running';
    return (
      <p className="muted" data-testid="curves.empty">
        {stopped ? t('runs.details.noCurves', { status: t(`runs.status.${run.status}`) }) : t('curves.empty')}
      </p>
    );
  }
  return (
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
      <LearningCurveChart
        rows={rows}
        series={series}
        strategies={strategies}
        epochs={epochs}
        markers={markers}
        view={view}
        height={height}
        lossMax={lossMax}
        chance={run.classCount ? 1 / run.classCount : null}
        validationCount={run.result?.dataset.validationCount ?? null}
      />
    </>
  );
}
