import { useTranslation } from 'react-i18next';
import { useStudioStore } from '../../store';
import type { SweepRun } from '../../store/sweepSlice';
import { CellCurves } from './CellCurves';
import { useFormatEstimate, useSeriesLabel } from './labels';
import { depthReading, negativeReading, sizeReading, type ReadingLine } from './readings';
import { DepthChart, SizeChart } from './SweepCharts';
import { depthViews, sizeViews, type DepthView, type ViewPoint } from './sweepView';

/**
 * The charts of the shown sweep, filling in as cells finish: accuracy against depth (selffer: AnB, BnB, AnB+ on
 * one chart) and against images per class, each with its reading beside it and a table of its points (each opens
 * that cell's learning curves).
 */
export function SweepResults({ run }: { run: SweepRun }) {
  const { t } = useTranslation();
  const label = useSeriesLabel();
  const open = useStudioStore((s) => s.openSweepCell);
  const openCell = useStudioStore((s) => s.sweeps.openCell);
  const preset = run.preset;
  const showDepth = preset === 'depth' || preset === 'selffer' || preset === 'negative';
  const selffer = preset === 'selffer';
  const readDepth = (view: DepthView) =>
    preset === 'negative' ? negativeReading(view, label) : depthReading(view, label, selffer);
  const depth = showDepth ? depthViews(run) : [];
  const size = showDepth ? [] : sizeViews(run).filter((v) => v.transfer.length > 0 || !v.final);
  return (
    <div className="sweep-results" data-testid="sweeps.results" data-status={run.status}>
      <p className="muted">{run.status === 'running' ? t('sweeps.waiting') : t('sweeps.clickHint')}</p>
      {depth.map((view) => (
        <section key={view.perClass} className="sweep-figure">
          <h3>{t('sweeps.depthChart.title', { perClass: view.perClass })}</h3>
          <div className="sweep-figure-body">
            <DepthChart view={view} seriesLabel={label} onOpen={open} />
            <Reading lines={readDepth(view)} />
          </div>
          <PointTable
            rows={[
              ...view.series.flatMap((s) =>
                s.points.map((p) => ({ name: `${label(s.id)} · ${t('sweeps.depth', { depth: p.x })}`, point: p })),
              ),
              ...(view.scratch
                ? [
                    {
                      name: t('sweeps.sizeChart.scratch'),
                      point: { x: -1, cell: view.scratch.cell, plateau: view.scratch.plateau, gain: null },
                    },
                  ]
                : []),
            ]}
            onOpen={open}
          />
        </section>
      ))}
      {size.map((view) => {
        const title = `${label(view.series)} · ${t('sweeps.depth', { depth: view.depth })}`;
        return (
          <section key={`${view.series}:${view.depth}`} className="sweep-figure">
            <h3>{t('sweeps.sizeChart.title', { series: title })}</h3>
            <div className="sweep-figure-body">
              <SizeChart view={view} title={title} onOpen={open} />
              <Reading lines={sizeReading(view)} />
            </div>
            <PointTable
              rows={[
                ...view.transfer.map((p) => ({ name: `${t('sweeps.sizeChart.transfer')} · ${p.x}`, point: p })),
                ...view.scratch.map((p) => ({ name: `${t('sweeps.sizeChart.scratch')} · ${p.x}`, point: p })),
                ...view.multitask.map((p) => ({ name: `${t('sweeps.sizeChart.multitask')} · ${p.x}`, point: p })),
              ]}
              onOpen={open}
            />
          </section>
        );
      })}
      {openCell !== null && run.cells[openCell] ? (
        <CellCurves run={run} cell={openCell} onClose={() => open(null)} />
      ) : null}
    </div>
  );
}

function Reading({ lines }: { lines: ReadingLine[] }) {
  const { t } = useTranslation();
  const translate = (params: ReadingLine['params']) =>
    Object.fromEntries(
      Object.entries(params ?? {}).map(([k, v]) => [k, typeof v === 'string' && v.startsWith('sweeps.') ? t(v) : v]),
    );
  return (
    <aside className="sweep-reading" data-testid="sweeps.reading">
      <h4>{t('sweeps.reading.heading')}</h4>
      {lines.map((line, i) => (
        <p key={i} data-key={line.key}>
          {t(line.key, translate(line.params))}
        </p>
      ))}
    </aside>
  );
}

function PointTable({ rows, onOpen }: { rows: { name: string; point: ViewPoint }[]; onOpen: (cell: number) => void }) {
  const { t } = useTranslation();
  const format = useFormatEstimate();
  if (rows.length === 0) return null;
  return (
    <table className="sweep-points">
      <thead>
        <tr>
          <th scope="col">{t('sweeps.table.cell')}</th>
          <th scope="col">{t('sweeps.table.plateau')}</th>
          <th scope="col">{t('sweeps.table.gain')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('sweeps.table.curves')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ name, point }) => (
          <tr key={`${name}:${point.cell}`} data-cell={point.cell}>
            <th scope="row">{name}</th>
            <td data-testid="sweeps.plateau">{format(point.plateau)}</td>
            <td data-testid="sweeps.gain">{point.gain ? format(point.gain, true) : '—'}</td>
            <td>
              <button type="button" className="button button-small" onClick={() => onOpen(point.cell)}>
                {t('sweeps.table.curves')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
