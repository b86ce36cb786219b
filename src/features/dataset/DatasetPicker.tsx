import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudioStore } from '../../store';
import { useEngineActions } from '../engineActions';
import { RenameForm } from './RenameForm';

const SAMPLE = 'sample:digits';

/**
 * Which dataset the experiment uses: the built-in digits sample or a stored one; create, rename and delete
 * stored datasets.
 */
export function DatasetPicker({ locked }: { locked: boolean }) {
  const { t } = useTranslation();
  const actions = useEngineActions();
  const datasets = useStudioStore((s) => s.workspace.datasets);
  const selected = useStudioStore((s) => s.dataset);
  const current = selected.kind === 'workspace' ? datasets.find((d) => d.id === selected.datasetId) : undefined;
  const [renaming, setRenaming] = useState(false);
  const [draft, setDraft] = useState('');
  const ids = { select: useId(), rename: useId() };
  const value = current ? current.id : SAMPLE;

  const choose = (next: string) => {
    setRenaming(false);
    actions.selectDataset(next === SAMPLE ? { kind: 'sample', id: 'digits' } : { kind: 'workspace', datasetId: next });
  };
  const create = () => {
    setRenaming(false);
    actions.createDataset(t('dataset.defaultName', { n: datasets.length + 1 }), [
      t('dataset.defaultClass', { n: 1 }),
      t('dataset.defaultClass', { n: 2 }),
    ]);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (current && draft.trim()) actions.renameDataset(current.id, draft.trim());
    setRenaming(false);
  };
  const remove = () => {
    if (!current) return;
    const images = current.counts.reduce((a, b) => a + b, 0);
    if (window.confirm(t('dataset.confirmDelete', { name: current.name, count: images })))
      actions.deleteDataset(current.id);
  };

  return (
    <div className="dataset-picker">
      <div className="ds-field">
        <label htmlFor={ids.select}>{t('dataset.choose')}</label>
        <select
          id={ids.select}
          value={value}
          onChange={(e) => choose(e.target.value)}
          disabled={locked}
          data-testid="dataset.select"
        >
          <option value={SAMPLE}>{t('dataset.sampleName')}</option>
          {datasets.map((d) => (
            <option key={d.id} value={d.id}>
              {t('dataset.option', {
                name: d.name,
                classes: t('dataset.classCount', { count: d.classNames.length }),
                images: t('dataset.classes.count', { count: d.counts.reduce((a, b) => a + b, 0) }),
              })}
            </option>
          ))}
        </select>
      </div>
      <div className="picker-actions">
        <button type="button" className="button ds-button-small" onClick={create} disabled={locked}>
          {t('dataset.new')}
        </button>
        {current && !renaming ? (
          <>
            <button
              type="button"
              className="button ds-button-small"
              onClick={() => {
                setDraft(current.name);
                setRenaming(true);
              }}
              disabled={locked}
              aria-label={t('dataset.renameLabel', { name: current.name })}
            >
              {t('dataset.rename')}
            </button>
            <button
              type="button"
              className="button ds-button-small ds-button-danger"
              onClick={remove}
              disabled={locked}
              aria-label={t('dataset.deleteLabel', { name: current.name })}
            >
              {t('dataset.delete')}
            </button>
          </>
        ) : null}
      </div>
      {current && renaming ? (
        <RenameForm
          inputId={ids.rename}
          label={t('dataset.newName')}
          draft={draft}
          onDraft={setDraft}
          onSubmit={submit}
          onCancel={() => setRenaming(false)}
        />
      ) : null}
    </div>
  );
}
