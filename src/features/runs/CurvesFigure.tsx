import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { strategyColor } from '../../ui/strategyColors';
import { useStrategyLabel } from '../strategyLabel';
import { buildCurveRows, buildMarkers, type CurveView } from './curveSeries';
import { resultFileStem } from './exportResults';
import { LearningCurveChart } from './LearningCurveChart';
import type { RunView } from './runViews';
import { saveChart } from './saveChart';

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
  const chartRef = useRef<HTMLDivElement>(null);
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
      <div ref={chartRef}>
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
      </div>
      <p className="chart-save" data-testid="curves.save">
        {t('curves.saveChart')}{' '}
        {(['png', 'svg'] as const).map((format) => (
          <button
            key={format}
            type="button"
            className="button button-small"
            data-testid={`curves.save.${format}`}
            aria-label={t(`curves.saveAs.${format}`)}
            onClick={() => {
              const svg = chartRef.current?.querySelector<SVGSVGElement>('svg.recharts-surface');
              if (!svg) return;
              const legend = series.map((s) => ({
                label: label(s.strategy),
                color: strategyColor(s.strategy, strategies),
              }));
              const stem = run.result ? resultFileStem(run.result) : 'transfer-studio-curves';
              void saveChart(svg, legend, format, `${stem}-${view.metric}`);
            }}
          >
            {format.toUpperCase()}
          </button>
        ))}
      </p>
    </>
  );
}
