import { useCallback, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DatasetSummary } from '../../worker/protocol/dataset';
import { useEngineActions } from '../engineActions';
import { validationCount } from './splitCounts';
import { RenameForm } from './RenameForm';
import { ThumbnailGrid } from './ThumbnailGrid';
import { useDropImport, type StartImport } from './useDropImport';

interface ClassCardProps {
  dataset: DatasetSummary;
  classIndex: number;
  ids: readonly string[];
  validationFraction: number;
  /** An import, a capture or a workspace operation is under way: structure edits wait. */
  locked: boolean;
}

/**
 * One class: its name (renamable), count and train/validation split, a drop target and a picker for images of
 * this class, its virtualised thumbnails with delete buttons, and deleting the class.
 */
export function ClassCard({ dataset, classIndex, ids, validationFraction, locked }: ClassCardProps) {
  const { t } = useTranslation();
  const actions = useEngineActions();
  const name = dataset.classNames[classIndex];
  const count = ids.length;
  const validation = validationCount(count, validationFraction);
  const [renaming, setRenaming] = useState(false);
  const [draft, setDraft] = useState(name);
  const inputId = useId();
  const picker = useRef<HTMLInputElement>(null);

  const start: StartImport = useCallback(
    (files, folders, readProblems) =>
      actions.importFiles({
        datasetId: dataset.id,
        createName: dataset.name,
        files,
        folders,
        readProblems,
        targetClass: name,
      }),
    [actions, dataset.id, dataset.name, name],
  );
  const { dragging, dropHandlers, onPick } = useDropImport(start, locked);
  const onDelete = useCallback((id: string) => actions.deleteImages(dataset.id, [id]), [actions, dataset.id]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.trim() && draft.trim() !== name) actions.renameClass(dataset.id, classIndex, draft.trim());
    setRenaming(false);
  };
  const remove = () => {
    if (window.confirm(t('dataset.classes.confirmDelete', { name, count })))
      actions.deleteClass(dataset.id, classIndex);
  };

  return (
    <li
      className={dragging ? 'class-card class-card-dragging' : 'class-card'}
      {...dropHandlers}
      data-testid={`dataset.class.${classIndex}`}
    >
      <div className="class-header">
        {renaming ? (
          <RenameForm
            inputId={inputId}
            label={t('dataset.classes.newName', { name })}
            labelHidden
            draft={draft}
            onDraft={setDraft}
            onSubmit={submit}
            onCancel={() => setRenaming(false)}
          />
        ) : (
          <h3 className="class-name">{name}</h3>
        )}
        <p className="class-count" data-testid={`dataset.class.${classIndex}.count`} data-count={count}>
          {t('dataset.classes.count', { count })}
          <span className="muted"> · {t('dataset.classes.split', { train: count - validation, validation })}</span>
        </p>
        <div className="class-actions">
          <button
            type="button"
            className="button ds-button-small"
            onClick={() => picker.current?.click()}
            disabled={locked}
          >
            {t('dataset.classes.addImages')}
          </button>
          <input
            ref={picker}
            type="file"
            multiple
            accept="image/*,.zip"
            className="visually-hidden"
            tabIndex={-1}
            aria-label={t('dataset.classes.addImagesTo', { name })}
            onChange={onPick}
          />
          {!renaming ? (
            <button
              type="button"
              className="button ds-button-small"
              onClick={() => {
                setDraft(name);
                setRenaming(true);
              }}
              disabled={locked}
              aria-label={t('dataset.classes.renameLabel', { name })}
            >
              {t('dataset.rename')}
            </button>
          ) : null}
          <button
            type="button"
            className="button ds-button-small ds-button-danger"
            onClick={remove}
            disabled={locked}
            aria-label={t('dataset.classes.deleteLabel', { name })}
          >
            {t('dataset.delete')}
          </button>
        </div>
      </div>
      <ThumbnailGrid ids={ids} className={name} onDelete={onDelete} disabled={locked} />
      {dragging ? <p className="drop-hint">{t('dataset.classes.dropHere', { name })}</p> : null}
    </li>
  );
}
