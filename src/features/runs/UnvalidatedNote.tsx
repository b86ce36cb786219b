import { useTranslation } from 'react-i18next';
import type { ExperimentResult } from '../../core/experiment/types';

/**
 * Which classes the run's validation set held no image of (core's dataset.unvalidatedClasses: a class of one image,
 * or of copies of one picture kept on one side), so the accuracies shown do not score them; nothing otherwise.
 */
export function UnvalidatedNote({ result }: { result: ExperimentResult }) {
  const { t } = useTranslation();
  const missing = result.dataset.unvalidatedClasses;
  if (!missing || missing.length === 0) return null;
  return (
    <p className="warning" role="note" data-testid="summary.unvalidated">
      {t('summary.unvalidated', {
        classes: missing.map((name) => `“${name}”`).join(', '),
        scored: result.dataset.classNames.length - missing.length,
      })}
    </p>
  );
}
