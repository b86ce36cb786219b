import { useTranslation } from 'react-i18next';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { SweepRun } from '../../store/sweepSlice';
import { useSeriesLabel } from './labels';

const PALETTE = ['#1d4ed8', '#b45309', '#047857', '#7e22ce', '#be123c', '#0e7490', '#4b5563', '#a16207'];

/** The learning curves (validation accuracy per epoch) of every training of one cell, finished and in progress. */
export function CellCurves({ run, cell, onClose }: { run: SweepRun; cell: number; onClose: () => void }) {
  const { t } = useTranslation();
  const label = useSeriesLabel();
  const key = run.cells[cell];
  const trials = [...(run.result?.cells[cell]?.trials ?? run.trials[cell] ?? [])];
  const live = run.live[cell];
  const curves = [...trials, ...(live ? [live] : [])];
  const epochs = Math.max(1, ...curves.flatMap((c) => c.curve.map((p) => p.epoch)));
  const rows = Array.from({ length: epochs + 1 }, (_, epoch) => {
    const row: Record<string, number> = { epoch };
    curves.forEach((c, i) => {
      const point = c.curve.find((p) => p.epoch === epoch);
      if (point) row[`t${i}`] = point.valAccuracy;
    });
    return row;
  });
  const name = key.series && key.series !== 'transfer' ? `${label(key.series)} ${key.strategy}` : key.strategy;
  return (
    <section className="sweep-cell" aria-labelledby="sweep-cell-heading" data-testid="sweeps.cellCurves">
      <div className="panel-header">
        <h3 id="sweep-cell-heading">{t('sweeps.cell.title', { cell: name, perClass: key.perClass })}</h3>
        <button type="button" className="button button-small" onClick={onClose}>
          {t('sweeps.cell.close')}
        </button>
      </div>
      <figure className="chart" role="img" aria-label={t('sweeps.cell.label')}>
        <ResponsiveContainer width="100%" height={240}>
          <LineChart data={rows} margin={{ top: 8, right: 24, bottom: 20, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid stroke="#e5e7eb" />
            <XAxis dataKey="epoch" type="number" domain={[0, epochs]} stroke="#4b5563" />
            <YAxis domain={[0, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} stroke="#4b5563" />
            {curves.map((c, i) => (
              <Line
                key={`${c.repeat}:${c.seed}`}
                dataKey={`t${i}`}
                name={t('sweeps.cell.trial', { repeat: c.repeat, seed: c.seed })}
                stroke={PALETTE[i % PALETTE.length]}
                dot={false}
                isAnimationActive={false}
                connectNulls
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <ul className="sweep-legend">
        {curves.map((c, i) => (
          <li key={`${c.repeat}:${c.seed}`} style={{ color: PALETTE[i % PALETTE.length] }}>
            {t('sweeps.cell.trial', { repeat: c.repeat, seed: c.seed })}
          </li>
        ))}
      </ul>
    </section>
  );
}
