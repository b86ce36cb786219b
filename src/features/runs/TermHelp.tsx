import { useTranslation } from 'react-i18next';

/** The terms the glossary (MetricGlossary) explains; each entry has the id `metric-<term>`. */
export type GlossaryTerm =
  'start' | 'slope' | 'plateau' | 'asymptote' | 'auc' | 'gain' | 'time' | 'interval' | 'verdict' | 'chance';

/** A "?" beside a term on screen: its explanation on hover or focus, and a link to its glossary entry. */
export function TermHelp({ term, label }: { term: GlossaryTerm; label: string }) {
  const { t } = useTranslation();
  return (
    <a
      className="term-help"
      href={`#metric-${term}`}
      title={t(`metrics.${term}Explained`)}
      aria-label={t('metrics.whatIs', { term: label })}
      data-testid={`help.${term}`}
    >
      ?
    </a>
  );
}
