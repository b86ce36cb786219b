import { useTranslation } from 'react-i18next';
import type { ScatterView } from '../../core/adapt/domainScatter';
import type { ExperimentResult } from '../../core/experiment/types';

/**
 * The PCA picture of a domain-adaptation run (core's adapt/domainScatter.ts, stored in result.adaptation): source
 * (circles) and target (squares) embeddings, coloured by class, before and after CORAL alignment, side by side,
 * with the share of variance each axis carries and a plain reading. Nothing when the run is no adaptation run.
 */
const CLASS_COLORS = [
  '#1d4ed8',
  '#b45309',
  '#047857',
  '#7e22ce',
  '#be123c',
  '#0e7490',
  '#4d7c0f',
  '#a16207',
  '#334155',
  '#c2410c',
];
const SIZE = 240;
const PAD = 8;

export function DomainScatterFigure({ result }: { result: ExperimentResult }) {
  const { t } = useTranslation();
  const scatter = result.adaptation?.scatter;
  if (!scatter) return null;
  const shown = scatter.before.points.filter((p) => p.domain === 'source').length;
  const shownTarget = scatter.before.points.length - shown;
  return (
    <section className="domain-scatter" data-testid="adapt.scatter" aria-labelledby="adapt-scatter-heading">
      <h3 id="adapt-scatter-heading">{t('runs.adaptation.heading')}</h3>
      <p className="muted">{t('runs.adaptation.intro', { source: result.source?.name ?? '' })}</p>
      <div className="domain-scatter-panels" style={{ display: 'flex', flexWrap: 'wrap', gap: '1rem' }}>
        <Panel title={t('runs.adaptation.before')} view={scatter.before} testId="adapt.scatter.before" />
        <Panel title={t('runs.adaptation.after')} view={scatter.after} testId="adapt.scatter.after" />
      </div>
      <p className="muted" data-testid="adapt.scatter.gap">
        {t('runs.adaptation.gap', { gap: scatter.before.centroidGap.toFixed(2) })}{' '}
        {t('runs.adaptation.subsample', {
          shown: Math.max(shown, shownTarget),
          count: Math.max(scatter.sourceCount, scatter.targetCount),
        })}
      </p>
      <p data-testid="adapt.scatter.reading">{t('runs.adaptation.reading')}</p>
    </section>
  );
}

function Panel({ title, view, testId }: { title: string; view: ScatterView; testId: string }) {
  const { t } = useTranslation();
  const xs = view.points.map((p) => p.x);
  const ys = view.points.map((p) => p.y);
  const scale = (values: number[]) => {
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    const span = hi - lo || 1;
    return (v: number) => PAD + ((v - lo) / span) * (SIZE - 2 * PAD);
  };
  const sx = scale(xs);
  const sy = scale(ys);
  const source = view.points.filter((p) => p.domain === 'source').length;
  return (
    <figure style={{ margin: 0 }} data-testid={testId}>
      <figcaption>
        <strong>{title}</strong>{' '}
        <span className="muted">
          {t('runs.adaptation.explained', {
            pc1: (view.explained[0] * 100).toFixed(0),
            pc2: (view.explained[1] * 100).toFixed(0),
          })}
        </span>
      </figcaption>
      <svg
        width={SIZE}
        height={SIZE}
        viewBox={`0 0 ${SIZE} ${SIZE}`}
        role="img"
        aria-label={t('runs.adaptation.alt', { title, source, target: view.points.length - source })}
        style={{ border: '1px solid #d1d5db', background: '#fff' }}
      >
        {view.points.map((p, i) => {
          const color = CLASS_COLORS[p.label % CLASS_COLORS.length];
          const x = sx(p.x);
          const y = SIZE - sy(p.y);
          return p.domain === 'source' ? (
            <circle key={i} cx={x} cy={y} r={2.6} fill={color} fillOpacity={0.75} />
          ) : (
            <rect
              key={i}
              x={x - 2.6}
              y={y - 2.6}
              width={5.2}
              height={5.2}
              fill="none"
              stroke={color}
              strokeWidth={1.2}
            />
          );
        })}
      </svg>
    </figure>
  );
}
