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
import { accuracyInterval } from '../../core/metrics/accuracyInterval';
import { formatPercent, formatPercentInterval } from '../../ui/format';
import { strategyColor } from '../../ui/strategyColors';
import { useStrategyLabel } from '../strategyLabel';
import {
  bandKey,
  countKey,
  DEFAULT_VIEW,
  lossAxisMax,
  maxX,
  meanKey,
  seedKey,
  stdKey,
  type ChartRow,
  type CurveView,
  type MetricMarkers,
  type StrategySeries,
} from './curveSeries';
import { niceTicks, tickDecimals } from './axisTicks';

interface Props {
  rows: ChartRow[];
  series: StrategySeries[];
  /** Strategy order of the experiment (fixes the colours). */
  strategies: string[];
  epochs: number;
  /** Start / slope / asymptote per strategy once the experiment has finished; empty while it runs. */
  markers: MetricMarkers[];
  /** Accuracy or loss, against epochs or seconds. */
  view?: CurveView;
  /** Chart height in pixels (smaller in the side-by-side comparison). */
  height?: number;
  /** Shared y-axis maximum for loss (so compared charts use one scale); undefined = fitted to the data. */
  lossMax?: number;
  /** Accuracy of guessing (1 / classes), drawn and labelled on accuracy charts; null when the classes are unknown. */
  chance?: number | null;
  /** Validation images per trial once known (a finished run): the tooltip's accuracies then carry a Wilson interval. */
  validationCount?: number | null;
}

const percentTick = (v: number) => `${Math.round(v * 100)}%`;
const lossTick = (v: number) => (Math.round(v * 100) / 100).toString();

/**
 * Validation accuracy or loss per epoch (or against seconds): per strategy a band of ± 1 std over seeds, the mean as
 * a bold line, each seed as a thin line; once finished, for accuracy against epochs, the start (dot), slope
 * (tangent) and asymptote (level line) of the fitted curve. Animation is off so live updates do not jitter.
 */
export function LearningCurveChart({
  rows,
  series,
  strategies,
  epochs,
  markers,
  view = DEFAULT_VIEW,
  height = 360,
  lossMax,
  chance = null,
  validationCount = null,
}: Props) {
  const { t } = useTranslation();
  const label = useStrategyLabel();
  const colorOf = (strategy: string) => strategyColor(strategy, strategies);
  const accuracy = view.metric === 'accuracy';
  const byEpoch = view.x === 'epoch';
  const shownMarkers = accuracy && byEpoch ? markers : [];
  // Seconds: round ticks from 0 to the first round number past the last point, all with the same decimals.
  const secondTicks = byEpoch ? null : niceTicks(maxX(rows));
  const secondDecimals = secondTicks ? tickDecimals(secondTicks) : 0;
  const xEnd = secondTicks ? secondTicks[secondTicks.length - 1] : Math.max(1, epochs);
  const yEnd = accuracy ? 1 : (lossMax ?? lossAxisMax(rows));
  const yTicks = accuracy ? [0, 0.2, 0.4, 0.6, 0.8, 1] : Array.from({ length: 6 }, (_, i) => (yEnd * i) / 5);
  const yLabel = accuracy ? t('curves.yLabel') : t('runs.chart.yLoss');
  const xLabel = byEpoch ? t('curves.xLabel') : t('runs.chart.xSeconds');
  const description = t('runs.chart.label', {
    metric: yLabel,
    axis: xLabel,
    strategies: series.map((s) => label(s.strategy)).join(', '),
  });

  return (
    <figure className="chart" aria-label={description} role="img" data-metric={view.metric} data-axis={view.x}>
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart data={rows} margin={{ top: 12, right: 24, bottom: 28, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e5e7eb" />
          <XAxis
            dataKey="x"
            type="number"
            domain={[0, xEnd]}
            allowDecimals={!byEpoch}
            tickCount={byEpoch ? Math.min(epochs + 1, 11) : undefined}
            ticks={secondTicks ?? undefined}
            tickFormatter={byEpoch ? undefined : (v: number) => v.toFixed(secondDecimals)}
            label={{ value: xLabel, position: 'insideBottom', offset: -16, fill: '#374151' }}
            stroke="#4b5563"
          />
          <YAxis
            domain={[0, yEnd]}
            ticks={yTicks}
            allowDataOverflow
            tickFormatter={accuracy ? percentTick : lossTick}
            label={{
              value: yLabel,
              angle: -90,
              position: 'insideLeft',
              offset: 0,
              fill: '#374151',
              style: { textAnchor: 'middle' },
            }}
            stroke="#4b5563"
            width={76}
          />
          {accuracy && chance !== null && chance > 0 && chance < 1 ? (
            <ReferenceLine
              y={chance}
              stroke="#6b7280"
              strokeDasharray="1 4"
              strokeWidth={1.5}
              ifOverflow="hidden"
              label={{
                value: t('curves.chance', { value: formatPercent(chance, 0) }),
                position: 'insideBottomRight',
                fill: '#4b5563',
                fontSize: 12,
              }}
              data-testid="curves.chance"
            />
          ) : null}
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
          {shownMarkers.map((m) => (
            <ReferenceLine
              key={`${m.strategy}-asymptote`}
              y={m.level}
              stroke={colorOf(m.strategy)}
              strokeDasharray={m.levelKind === 'asymptote' ? '6 4' : '1 4'}
              strokeWidth={1.5}
              ifOverflow="extendDomain"
            />
          ))}
          {shownMarkers.map((m) =>
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
          {shownMarkers.map((m) => (
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
          <Tooltip
            content={(props: TooltipContentProps) => (
              <CurveTooltip
                {...props}
                series={series}
                colorOf={colorOf}
                view={view}
                validationCount={validationCount}
              />
            )}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}

function CurveTooltip({
  active,
  payload,
  series,
  colorOf,
  view,
  validationCount,
}: TooltipContentProps & {
  series: StrategySeries[];
  colorOf: (s: string) => string;
  view: CurveView;
  validationCount: number | null;
}) {
  const { t } = useTranslation();
  const label = useStrategyLabel();
  const row = payload?.[0]?.payload as ChartRow | undefined;
  if (!active || !row) return null;
  const format = (v: number) => (view.metric === 'accuracy' ? formatPercent(v) : v.toFixed(3));
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip-title">
        {view.x === 'epoch'
          ? t('curves.tooltipEpoch', { epoch: row.epoch })
          : t('runs.chart.tooltipSeconds', { epoch: row.epoch, seconds: row.x.toFixed(1) })}
      </div>
      {series.map((s) => {
        const mean = row[meanKey(s.key)];
        if (typeof mean !== 'number') return null;
        return (
          <div key={s.key} style={{ color: colorOf(s.strategy) }}>
            {label(s.strategy)}:{' '}
            {t('curves.tooltipValue', {
              mean: format(mean),
              std: format(row[stdKey(s.key)] as number),
              count: row[countKey(s.key)] as number,
            })}
            {view.metric === 'accuracy' && validationCount
              ? ` · ${t('curves.tooltipWilson', {
                  interval: formatPercentInterval(accuracyInterval(mean, validationCount)),
                  images: validationCount,
                })}`
              : null}
          </div>
        );
      })}
    </div>
  );
}
