import { useTranslation } from 'react-i18next';
import type { GlossaryTerm } from './TermHelp';

/**
 * The learning-curve metrics as core defines them (metrics/definitions.ts), with the marker that shows each; each
 * entry is `#metric-<term>`, where the "?" beside a term on screen (TermHelp) leads. For a domain-adaptation run
 * (`adaptation`), a note names its baseline: source only instead of scratch.
 */
export function MetricGlossary({ adaptation = false }: { adaptation?: boolean }) {
  const { t } = useTranslation();
  const items: { key: GlossaryTerm; term: string; text: string; marker: string | null }[] = [
    { key: 'start', term: t('metrics.start'), text: t('metrics.startExplained'), marker: 'marker-dot' },
    { key: 'slope', term: t('metrics.slope'), text: t('metrics.slopeExplained'), marker: 'marker-slope' },
    { key: 'plateau', term: t('metrics.plateau'), text: t('metrics.plateauExplained'), marker: null },
    { key: 'asymptote', term: t('metrics.asymptote'), text: t('metrics.asymptoteExplained'), marker: 'marker-level' },
    { key: 'auc', term: t('metrics.auc'), text: t('metrics.aucExplained'), marker: null },
    { key: 'gain', term: t('metrics.gain'), text: t('metrics.gainExplained'), marker: null },
    { key: 'time', term: t('metrics.time'), text: t('metrics.timeExplained'), marker: null },
    { key: 'interval', term: t('metrics.interval'), text: t('metrics.intervalExplained'), marker: null },
    { key: 'verdict', term: t('metrics.verdict'), text: t('metrics.verdictExplained'), marker: null },
    { key: 'chance', term: t('metrics.chance'), text: t('metrics.chanceExplained'), marker: null },
  ];
  return (
    <section className="glossary" aria-label={t('metrics.heading')} data-testid="metrics.glossary">
      <h3>{t('metrics.heading')}</h3>
      <dl>
        {items.map((item) => (
          <div key={item.key} id={`metric-${item.key}`} className="glossary-item">
            <dt>
              {item.marker ? <span className={`marker ${item.marker}`} aria-hidden="true" /> : null}
              {item.term}
            </dt>
            <dd>{item.text}</dd>
          </div>
        ))}
      </dl>
      {adaptation ? (
        <p className="notice" data-testid="metrics.baselineNote">
          {t('metrics.baselineNote')}
        </p>
      ) : null}
    </section>
  );
}
