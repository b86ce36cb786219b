import { useTranslation } from 'react-i18next';

/** The learning-curve metrics in one sentence each, with the marker that shows them on the chart. */
export function MetricGlossary() {
  const { t } = useTranslation();
  const items = [
    { term: t('metrics.start'), text: t('metrics.startExplained'), marker: 'marker-dot' },
    { term: t('metrics.slope'), text: t('metrics.slopeExplained'), marker: 'marker-slope' },
    { term: t('metrics.asymptote'), text: t('metrics.asymptoteExplained'), marker: 'marker-level' },
    { term: t('metrics.auc'), text: t('metrics.aucExplained'), marker: null },
  ];
  return (
    <section className="glossary" aria-label={t('metrics.heading')}>
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
