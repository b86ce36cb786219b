import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis } from 'recharts';
import { AccuracyAxis, ChanceLine } from '../../ui/AccuracyAxis';
import type { FewShotMethodId } from '../../core/fewshot/classifiers';
import { formatPercent } from '../../ui/format';
import type { FewShotCurve } from '../../worker/protocol/fewshot';

/** One colour per method (≥ 4.5:1 on white), the same in the chart and the live method's highlight. */
export const METHOD_COLORS: Record<FewShotMethodId, string> = {
  'prototype-cosine': '#1d4ed8',
  'prototype-euclidean': '#0e7490',
  knn: '#b45309',
  ridge: '#7e22ce',
};

/**
 * Held-out accuracy against shots per method (core heldOutCurve, computed by the engine after every capture), the
 * method used live drawn bold, chance as a dotted line, and the numbers with their Wilson intervals in a table.
 */
/** Memoised: the panel re-renders on every live prediction, the chart only when a capture changes its curves. */
export const HeldOutChart = memo(function HeldOutChart({
  curves,
  chosen,
  classes,
}: {
  curves: FewShotCurve[];
  chosen: FewShotMethodId;
  classes: number;
}) {
  const { t } = useTranslation();
  const shown = curves.filter((c) => c.points.length > 0);
  if (shown.length === 0) {
    return (
      <p className="muted" data-testid="fewshot.heldOut.empty">
        {t('fewshot.heldOut.empty')}
      </p>
    );
  }
  const maxShots = Math.max(...shown.map((c) => c.points.length));
  const rows = Array.from({ length: maxShots }, (_, i) => {
    const row: Record<string, number> = { shots: i + 1 };
    for (const c of shown) {
      const point = c.points[i];
      if (point) row[c.method] = point.accuracy.mean;
    }
    return row;
  });
  const chance = classes >= 2 ? 1 / classes : null;
  /** A table cell: the accuracy with its interval and images tested, or a dash where the method has no point. */
  const cellText = (point: FewShotCurve['points'][number] | undefined) =>
    point && point.accuracy.ci95
      ? t('fewshot.heldOut.cell', {
          value: formatPercent(point.accuracy.mean, 0),
          low: formatPercent(point.accuracy.ci95[0], 0),
          high: formatPercent(point.accuracy.ci95[1], 0),
          n: point.accuracy.n,
        })
      : '—';
  return (
    <div className="fewshot-heldout" data-testid="fewshot.heldOut">
      <figure className="chart" role="img" aria-label={t('fewshot.heldOut.caption')}>
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 24, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid stroke="#e5e7eb" />
            <XAxis
              dataKey="shots"
              type="number"
              domain={[1, Math.max(2, maxShots)]}
              allowDecimals={false}
              label={{ value: t('fewshot.heldOut.shots'), position: 'insideBottom', offset: -12, fill: '#374151' }}
              stroke="#4b5563"
            />
            <AccuracyAxis width={48} />
            {chance !== null ? (
              <ChanceLine chance={chance} label={t('fewshot.heldOut.chance', { value: formatPercent(chance, 0) })} />
            ) : null}
            <Tooltip formatter={(value) => formatPercent(Number(value))} />
            {shown.map((c) => (
              <Line
                key={c.method}
                dataKey={c.method}
                name={t(`fewshot.methods.${c.method}`)}
                stroke={METHOD_COLORS[c.method]}
                strokeWidth={c.method === chosen ? 3 : 1.5}
                dot={{ r: 3 }}
                isAnimationActive={false}
                connectNulls
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <table className="fewshot-heldout-table">
        <caption>{t('fewshot.heldOut.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('fewshot.heldOut.method')}</th>
            {rows.map((r) => (
              <th scope="col" key={r.shots}>
                K = {r.shots}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((c) => (
            <tr key={c.method} data-testid="fewshot.heldOut.row" data-method={c.method}>
              <th scope="row">
                <span className="fewshot-swatch" style={{ background: METHOD_COLORS[c.method] }} aria-hidden="true" />
                {t(`fewshot.methods.${c.method}`)}
              </th>
              {rows.map((r, i) => (
                <td key={r.shots} data-accuracy={c.points[i]?.accuracy.mean}>
                  {cellText(c.points[i])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
