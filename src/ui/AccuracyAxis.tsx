import { ReferenceLine, YAxis } from 'recharts';

/** An accuracy in [0, 1] as a whole-percent tick label: 0.75 → "75%". */
export const percentTick = (v: number) => `${Math.round(v * 100)}%`;

const QUARTERS = [0, 0.25, 0.5, 0.75, 1];

/**
 * The y axis of an accuracy chart, 0–100 %: `ticks` (quarters by default), a rotated `label` when given, and
 * recharts' default `width` unless one is given. Recharts 3 axes register with the chart's store, so a component
 * may wrap them.
 */
export function AccuracyAxis({ ticks = QUARTERS, label, width }: { ticks?: number[]; label?: string; width?: number }) {
  return (
    <YAxis
      domain={[0, 1]}
      ticks={ticks}
      tickFormatter={percentTick}
      label={
        label === undefined
          ? undefined
          : { value: label, angle: -90, position: 'insideLeft', fill: '#374151', style: { textAnchor: 'middle' } }
      }
      stroke="#4b5563"
      width={width}
    />
  );
}

/** Chance accuracy (1 / classes) as a dotted grey line, labelled at its lower right. */
export function ChanceLine({ chance, label }: { chance: number; label: string }) {
  return (
    <ReferenceLine
      y={chance}
      stroke="#6b7280"
      strokeDasharray="1 4"
      label={{ value: label, position: 'insideBottomRight', fill: '#4b5563', fontSize: 12 }}
    />
  );
}
