import { useTranslation } from 'react-i18next';

/** The learning-curve metrics as core defines them (metrics/definitions.ts), with the marker that shows each. */
export function MetricGlossary() {
  const { t } = useTranslation();
  const items = [
    { term: t('metrics.start'), text: t('metrics.startExplained'), marker: 'marker-dot' },
    { term: t('metrics.slope'), text: t('metrics.slopeExplained'), marker: 'marker-slope' },
    { term: t('metrics.plateau'), text: t('metrics.plateauExplained'), marker: null },
    { term: t('metrics.asymptote'), text: t('metrics.asymptoteExplained'), marker: 'marker-level' },
    { term: t('metrics.auc'), text: t('metrics.aucExplained'), marker: null },
    { term: t('metrics.gain'), text: t('metrics.gainExplained'), marker: null },
    { term: t('metrics.time'), text: t('metrics.timeExplained'), marker: null },
    { term: t('metrics.interval'), text: t('metrics.intervalExplained'), marker: null },
    { term: t('metrics.verdict'), text: t('metrics.verdictExplained'), marker: null },
    { term: t('metrics.chance'), text: t('metrics.chanceExplained'), marker: null },
  ];
  return (
    <section className="glossary" aria-label={t('metrics.heading')} data-testid="metrics.glossary">
      <h3>{t('metrics.heading')}</h3>
      <dl>
        {items.map((item) => (
          <div key={item.term} className="glossary-item">
            <dt>
              {item.marker ? <span className={`marker ${item.marker}`} aria-hidden="true" /> : null}
              {item.term}
            </dt>
            <dd>{item.text}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
