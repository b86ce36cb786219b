import { useTranslation } from 'react-i18next';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceDot,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from 'recharts';
import { formatPercent } from '../../ui/format';
import { strategyColor } from '../../ui/strategyColors';
import { useStrategyLabel } from '../strategyLabel';
import { bandKey, countKey, meanKey, seedKey, stdKey, type ChartRow, type MetricMarkers, type StrategySeries } from './curveSeries';

interface Props {
  rows: ChartRow[];
  series: StrategySeries[];
  /** Strategy order of the experiment (fixes the colours). */
  strategies: string[];
  epochs: number;
  /** Start / slope / asymptote per strategy once the experiment has finished; empty while it runs. */
  markers: MetricMarkers[];
}

const percentTick = (v: number) => `${Math.round(v * 100)}%`;

/**
 * Validation accuracy per epoch: per strategy a band of ± 1 std over seeds, the mean as a bold line, each seed as
 * a thin line; once finished, the start (dot), slope (tangent) and asymptote (level line) of the fitted curve.
 * Animation is off so live updates do not jitter.
 */
export function LearningCurveChart({ rows, series, strategies, epochs, markers }: Props) {
  const { t } = useTranslation();
  const label = useStrategyLabel();
  const colorOf = (strategy: string) => strategyColor(strategy, strategies);

  return (
    <figure className="chart" aria-label={t('curves.chartLabel', { strategies: series.map((s) => label(s.strategy)).join(', ') })} role="img">
      <ResponsiveContainer width="100%" height={360}>
        <ComposedChart data={rows} margin={{ top: 12, right: 24, bottom: 28, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e5e7eb" />
          <XAxis
            dataKey="epoch"
            type="number"
            domain={[0, epochs]}
            allowDecimals={false}
            tickCount={Math.min(epochs + 1, 11)}
            label={{ value: t('curves.xLabel'), position: 'insideBottom', offset: -16, fill: '#374151' }}
            stroke="#4b5563"
          />
          <YAxis
            domain={[0, 1]}
            ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]}
            tickFormatter={percentTick}
            label={{ value: t('curves.yLabel'), angle: -90, position: 'insideLeft', offset: 14, fill: '#374151', style: { textAnchor: 'middle' } }}
            stroke="#4b5563"
            width={64}
          />
          {series.map((s) => (
            <Area
              key={`${s.key}-band`}
              dataKey={bandKey(s.key)}
              stroke="none"
              fill={colorOf(s.strategy)}
              fillOpacity={0.14}
              isAnimationActive={false}
              activeDot={false}
              connectNulls
            />
          ))}
          {series.flatMap((s) =>
            s.seeds.map((seed) => (
              <Line
                key={`${s.key}-seed${seed}`}
                dataKey={seedKey(s.key, seed)}
                stroke={colorOf(s.strategy)}
                strokeOpacity={0.35}
                strokeWidth={1}
                dot={false}
                activeDot={false}
                isAnimationActive={false}
                connectNulls
              />
            )),
          )}
          {series.map((s) => (
            <Line
              key={`${s.key}-mean`}
              dataKey={meanKey(s.key)}
              name={label(s.strategy)}
              stroke={colorOf(s.strategy)}
              strokeWidth={2.5}
              dot={false}
              isAnimationActive={false}
              connectNulls
            />
          ))}
          {markers.map((m) => (
            <ReferenceLine
              key={`${m.strategy}-asymptote`}
              y={m.asymptote}
              stroke={colorOf(m.strategy)}
              strokeDasharray="6 4"
              strokeWidth={1.5}
              ifOverflow="extendDomain"
            />
          ))}
          {markers.map((m) =>
            m.slope ? (
              <ReferenceLine
                key={`${m.strategy}-slope`}
                segment={m.slope}
                stroke={colorOf(m.strategy)}
                strokeDasharray="2 3"
                strokeWidth={2}
                ifOverflow="hidden"
              />
            ) : null,
          )}
          {markers.map((m) => (
            <ReferenceDot
              key={`${m.strategy}-start`}
              x={m.start.x}
              y={m.start.y}
              r={5.5}
              fill={colorOf(m.strategy)}
              stroke="#ffffff"
              strokeWidth={2}
            />
          ))}
          <Tooltip content={(props: TooltipContentProps) => <CurveTooltip {...props} series={series} colorOf={colorOf} />} />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}

function CurveTooltip({ active, payload, series, colorOf }: TooltipContentProps & { series: StrategySeries[]; colorOf: (s: string) => string }) {
  const { t } = useTranslation();
  const label = useStrategyLabel();
  const row = payload?.[0]?.payload as ChartRow | undefined;
  if (!active || !row) return null;
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip-title">{t('curves.tooltipEpoch', { epoch: row.epoch })}</div>
      {series.map((s) => {
        const mean = row[meanKey(s.key)];
        if (typeof mean !== 'number') return null;
        return (
          <div key={s.key} style={{ color: colorOf(s.strategy) }}>
            {label(s.strategy)}:{' '}
            {t('curves.tooltipValue', {
              mean: formatPercent(mean),
              std: formatPercent(row[stdKey(s.key)] as number),
              n: row[countKey(s.key)],
            })}
          </div>
        );
      })}
    </div>
  );
}
