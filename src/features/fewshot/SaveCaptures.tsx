import { useTranslation } from 'react-i18next';
import type { SaveState } from './useFewShotSession';

/**
 * "Save the captures as a dataset": the instant classifier's captures become a workspace dataset (classes = the
 * capture buttons' names) that is selected for the normal Run flow, so the trained head can be compared with the
 * instant one on the same captures.
 */
export function SaveCaptures({
  captures,
  save,
  onSave,
}: {
  /** Captures kept so far (all classes). */
  captures: number;
  save: SaveState;
  onSave(): void;
}) {
  const { t } = useTranslation();
  return (
    <div className="fewshot-save">
      <button
        type="button"
        className="button"
        disabled={captures === 0 || save.status === 'saving'}
        onClick={onSave}
        data-testid="fewshot.save"
      >
        {t('fewshot.save.button')}
      </button>
      {save.status === 'saving' ? (
        <p className="muted" role="status">
          {t('fewshot.save.saving')}
        </p>
      ) : save.status === 'saved' ? (
        <p role="status" data-testid="fewshot.saved" data-dataset-id={save.datasetId}>
          {t('fewshot.save.saved', { name: save.name, count: save.images, classes: save.classes })}{' '}
          <a href="#dataset">{t('fewshot.save.see')}</a>
        </p>
      ) : save.status === 'error' ? (
        <p className="warning" role="alert">
          {t('fewshot.save.failed', { message: save.message })}
        </p>
      ) : (
        <p className="muted">{t('fewshot.save.explain')}</p>
      )}
    </div>
  );
}
