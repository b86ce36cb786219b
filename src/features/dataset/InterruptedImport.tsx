import { useTranslation } from 'react-i18next';
import type { DatasetSummary } from '../../worker/protocol/dataset';
import { useEngineActions } from '../engineActions';

/** Incomplete classes named in the notice; the rest are counted only. */
const MAX_NAMED = 6;

/**
 * The selected dataset's import that a reload or a closed tab interrupted (issue 13, item 4): how far it got, which
 * classes it left incomplete, and the three ways out — import the same files again (copies are skipped), keep what
 * is there, or remove what it imported. Shown until settled; Run refuses the dataset meanwhile.
 */
export function InterruptedImport({ dataset, locked }: { dataset: DatasetSummary; locked: boolean }) {
  const { t } = useTranslation();
  const actions = useEngineActions();
  const interruption = dataset.interruptedImport;
  if (!interruption) return null;
  const incomplete = interruption.incompleteClasses.map((i) => `“${dataset.classNames[i] ?? i}”`);
  const names = incomplete.slice(0, MAX_NAMED).join(', ') + (incomplete.length > MAX_NAMED ? ', …' : '');
  const remove = () => {
    if (window.confirm(t('dataset.interrupted.confirmRemove', { count: interruption.imported })))
      actions.undoImport(dataset.id);
  };
  return (
    <div
      className="ds-message ds-message-warn"
      role="alert"
      data-testid="dataset.interruptedImport"
      data-files={interruption.files}
      data-imported={interruption.imported}
      data-incomplete={incomplete.length}
    >
      <div>
        <p>
          <strong>{t('dataset.interrupted.heading', { name: dataset.name })}</strong>
        </p>
        <p>
          {t('dataset.interrupted.summary', { count: interruption.files, imported: interruption.imported })}{' '}
          {incomplete.length > 0
            ? t('dataset.interrupted.incomplete', { count: incomplete.length, names })
            : t('dataset.interrupted.complete')}
        </p>
        <p className="muted">{t('dataset.interrupted.advice')}</p>
        <div className="drop-actions">
          <button
            type="button"
            className="button ds-button-small"
            disabled={locked}
            onClick={() => actions.keepImport(dataset.id)}
            data-testid="dataset.interruptedImport.keep"
          >
            {t('dataset.interrupted.keep')}
          </button>
          <button
            type="button"
            className="button ds-button-small"
            disabled={locked}
            onClick={remove}
            data-testid="dataset.interruptedImport.remove"
          >
            {t('dataset.interrupted.remove')}
          </button>
        </div>
      </div>
    </div>
  );
}
