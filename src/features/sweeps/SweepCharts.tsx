import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  XAxis,
} from 'recharts';
import { AccuracyAxis } from '../../ui/AccuracyAxis';
import { drawnInterval, type DepthView, type SizeView, type ViewPoint } from './sweepView';

/** Colours of the curves: transfer series by order, scratch neutral grey (the floor), multi-task purple. */
const SERIES_COLORS = ['#1d4ed8', '#b45309', '#047857', '#be123c'];
export const SCRATCH_COLOR = '#4b5563';
export const MULTITASK_COLOR = '#7e22ce';
export const seriesColor = (index: number) => SERIES_COLORS[index % SERIES_COLORS.length];

const Y_TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1];

type Row = Record<string, number | [number, number] | undefined> & { x: number };

/** Rows for recharts: per x, each curve's mean under `key` and its drawn interval under `key:band`. */
function rowsOf(curves: { key: string; points: ViewPoint[] }[]): Row[] {
  const xs = [...new Set(curves.flatMap((c) => c.points.map((p) => p.x)))].sort((a, b) => a - b);
  return xs.map((x) => {
    const row: Row = { x };
    for (const { key, points } of curves) {
      const point = points.find((p) => p.x === x);
      if (!point) continue;
      row[key] = point.plateau.mean;
      row[`${key}:band`] = drawnInterval(point.plateau);
    }
    return row;
  });
}

/** A dot that opens its cell's learning curves when clicked. */
function clickableDot(color: string, points: ViewPoint[], onOpen: (cell: number) => void) {
  function Dot(props: { cx?: number; cy?: number; payload?: Row; index?: number }) {
    const point = points.find((p) => p.x === props.payload?.x);
    if (props.cx === undefined || props.cy === undefined || !point) return <g key={props.index} />;
    return (
      <circle
        key={props.index}
        cx={props.cx}
        cy={props.cy}
        r={5}
        fill={color}
        stroke="#fff"
        strokeWidth={1.5}
        style={{ cursor: 'pointer' }}
        onClick={() => onOpen(point.cell)}
      />
    );
  }
  return Dot;
}

/** Plateau accuracy against trainable blocks: a line with an interval band per series, scratch as a horizontal band. */
export function DepthChart({
  view,
  seriesLabel,
  onOpen,
}: {
  view: DepthView;
  seriesLabel: (id: string) => string;
  onOpen: (cell: number) => void;
}) {
  const { t } = useTranslation();
  const curves = view.series.map((s) => ({ key: s.id, points: s.points }));
  const rows = rowsOf(curves);
  const maxDepth = Math.max(1, ...rows.map((r) => r.x));
  const scratchBand = view.scratch ? drawnInterval(view.scratch.plateau) : null;
  return (
    <SweepFigure
      label={t('sweeps.depthChart.label', { series: view.series.map((s) => seriesLabel(s.id)).join(', ') })}
      testId={`sweeps.depthChart.${view.perClass}`}
      rows={rows}
      xAxis={
        <XAxis
          dataKey="x"
          type="number"
          domain={[-0.2, maxDepth + 0.2]}
          ticks={Array.from({ length: maxDepth + 1 }, (_, i) => i)}
          label={{ value: t('sweeps.depthChart.x'), position: 'insideBottom', offset: -16, fill: '#374151' }}
          stroke="#4b5563"
        />
      }
      yLabel={t('sweeps.depthChart.y')}
      legend={
        <Legend
          items={[
            ...view.series.map((s, i) => ({ label: seriesLabel(s.id), color: seriesColor(i) })),
            { label: t('sweeps.sizeChart.scratch'), color: SCRATCH_COLOR, dashed: true },
          ]}
        />
      }
    >
      {scratchBand ? (
        <ReferenceArea
          y1={scratchBand[0]}
          y2={scratchBand[1]}
          fill={SCRATCH_COLOR}
          fillOpacity={0.12}
          ifOverflow="hidden"
        />
      ) : null}
      {view.scratch ? (
        <ReferenceLine
          y={view.scratch.plateau.mean}
          stroke={SCRATCH_COLOR}
          strokeDasharray="6 4"
          label={{ value: t('sweeps.depthChart.scratch'), position: 'insideBottomRight', fill: SCRATCH_COLOR }}
        />
      ) : null}
      {curves.map((c, i) => (
        <Area
          key={`${c.key}:band`}
          dataKey={`${c.key}:band`}
          stroke="none"
          fill={seriesColor(i)}
          fillOpacity={0.15}
          isAnimationActive={false}
          connectNulls
        />
      ))}
      {curves.map((c, i) => (
        <Line
          key={c.key}
          dataKey={c.key}
          name={seriesLabel(c.key)}
          stroke={seriesColor(i)}
          strokeWidth={2.5}
          isAnimationActive={false}
          connectNulls
          dot={clickableDot(seriesColor(i), c.points, onOpen)}
        />
      ))}
    </SweepFigure>
  );
}

/**
 * Plateau accuracy of transfer and scratch against images per class on a log axis: interval bands, the gap between
 * the two means shaded, the crossover marked; the multi-task arm as a third curve when there is one.
 */
export function SizeChart({ view, title, onOpen }: { view: SizeView; title: string; onOpen: (cell: number) => void }) {
  const { t } = useTranslation();
  const curves = [
    { key: 'transfer', points: view.transfer, color: seriesColor(0), label: t('sweeps.sizeChart.transfer') },
    { key: 'scratch', points: view.scratch, color: SCRATCH_COLOR, label: t('sweeps.sizeChart.scratch') },
    ...(view.multitask.length > 0
      ? [{ key: 'multitask', points: view.multitask, color: MULTITASK_COLOR, label: t('sweeps.sizeChart.multitask') }]
      : []),
  ];
  const rows = rowsOf(curves).map((row) => {
    const a = row.transfer;
    const b = row.scratch;
    return typeof a === 'number' && typeof b === 'number'
      ? { ...row, gap: [Math.min(a, b), Math.max(a, b)] as [number, number] }
      : row;
  });
  const xs = rows.map((r) => r.x);
  const domain: [number, number] = [Math.min(...xs, 1) / 1.3, Math.max(...xs, 2) * 1.3];
  const crossoverX = view.crossover ? Math.sqrt(view.crossover.between[0] * view.crossover.between[1]) : null;
  return (
    <SweepFigure
      label={`${title}. ${t('sweeps.sizeChart.label')}`}
      testId={`sweeps.sizeChart.${view.series}.${view.depth}`}
      rows={rows}
      xAxis={
        <XAxis
          dataKey="x"
          type="number"
          scale="log"
          domain={domain}
          ticks={xs}
          allowDataOverflow
          label={{ value: t('sweeps.sizeChart.x'), position: 'insideBottom', offset: -16, fill: '#374151' }}
          stroke="#4b5563"
        />
      }
      yLabel={t('sweeps.sizeChart.y')}
      legend={
        <Legend
          items={[
            ...curves.map((c) => ({ label: c.label, color: c.color, dashed: c.key === 'scratch' })),
            { label: t('sweeps.sizeChart.gap'), color: '#facc15', swatch: true },
          ]}
        />
      }
    >
      <Area dataKey="gap" stroke="none" fill="#facc15" fillOpacity={0.35} isAnimationActive={false} connectNulls />
      {curves.map((c) => (
        <Area
          key={`${c.key}:band`}
          dataKey={`${c.key}:band`}
          stroke="none"
          fill={c.color}
          fillOpacity={0.12}
          isAnimationActive={false}
          connectNulls
        />
      ))}
      {curves.map((c) => (
        <Line
          key={c.key}
          dataKey={c.key}
          name={c.label}
          stroke={c.color}
          strokeWidth={2.5}
          strokeDasharray={c.key === 'scratch' ? '6 4' : undefined}
          isAnimationActive={false}
          connectNulls
          dot={clickableDot(c.color, c.points, onOpen)}
        />
      ))}
      {crossoverX !== null ? (
        <ReferenceLine
          x={crossoverX}
          stroke="#111827"
          strokeDasharray="2 3"
          label={{ value: t('sweeps.sizeChart.crossover'), position: 'top', fill: '#111827' }}
        />
      ) : null}
    </SweepFigure>
  );
}

/** The frame both sweep charts share: a labelled figure, a 300-px chart with its grid and axes, then a legend. */
function SweepFigure({
  label,
  testId,
  rows,
  xAxis,
  yLabel,
  legend,
  children,
}: {
  label: string;
  testId: string;
  rows: Row[];
  xAxis: ReactNode;
  yLabel: string;
  legend: ReactNode;
  children: ReactNode;
}) {
  return (
    <figure className="chart sweep-chart" role="img" aria-label={label} data-testid={testId}>
      <ResponsiveContainer width="100%" height={300}>
        <ComposedChart data={rows} margin={{ top: 12, right: 24, bottom: 28, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e5e7eb" />
          {xAxis}
          <AccuracyAxis ticks={Y_TICKS} label={yLabel} />
          {children}
        </ComposedChart>
      </ResponsiveContainer>
      {legend}
    </figure>
  );
}

function Legend({ items }: { items: { label: string; color: string; dashed?: boolean; swatch?: boolean }[] }) {
  return (
    <ul className="sweep-legend">
      {items.map((item) => (
        <li key={item.label}>
          <svg width="24" height="10" aria-hidden="true">
            {item.swatch ? (
              <rect x="0" y="0" width="24" height="10" fill={item.color} fillOpacity={0.5} />
            ) : (
              <line
                x1="0"
                y1="5"
                x2="24"
                y2="5"
                stroke={item.color}
                strokeWidth="3"
                strokeDasharray={item.dashed ? '6 4' : undefined}
              />
            )}
          </svg>
          {item.label}
        </li>
      ))}
    </ul>
  );
}
