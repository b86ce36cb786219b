import { useTranslation } from 'react-i18next';
import type { ExperimentResult } from '../../core/experiment/types';

/**
 * How many duplicates, look-alikes and webcam-burst frames the run's dataset held, and that each group stayed on one
 * side of the split (core/data/duplicates.ts); nothing when there were none (or the result predates the count).
 */
export function DuplicatesNote({ result }: { result: ExperimentResult }) {
  const { t } = useTranslation();
  const found = result.dataset.duplicates;
  if (!found || found.groupCount === 0) return null;
  return (
    <p className="muted" data-testid="summary.duplicates">
      {t('summary.duplicates', {
        exact: found.exactCopies,
        near: found.nearCopies,
        burst: found.burstFrames,
        groups: found.groupCount,
      })}
      {found.mixedLabelGroups > 0 ? ` ${t('summary.duplicatesMixed', { count: found.mixedLabelGroups })}` : ''}
    </p>
  );
}
