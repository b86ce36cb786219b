import { useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudioStore } from '../../store';
import type { DatasetSummary } from '../../worker/protocol/dataset';
import { useEngineActions } from '../engineActions';
import { nameFromFiles, useDropImport, type StartImport } from './useDropImport';

/**
 * Where datasets come in: drop a folder of class folders, a zip or images here (into the selected dataset, or a
 * new one named after the folder or zip when the built-in sample is selected), or use the two pickers (a folder,
 * or files / zips) — the keyboard and touch route to the same import.
 */
export function ImportZone({ dataset, locked }: { dataset: DatasetSummary | undefined; locked: boolean }) {
  const { t } = useTranslation();
  const actions = useEngineActions();
  const count = useStudioStore((s) => s.workspace.datasets.length);
  const folderPicker = useRef<HTMLInputElement>(null);
  const filePicker = useRef<HTMLInputElement>(null);

  const start: StartImport = useCallback(
    (files, folders, readProblems) =>
      actions.importFiles({
        datasetId: dataset?.id ?? null,
        createName: dataset?.name ?? nameFromFiles(files, t('dataset.defaultName', { n: count + 1 })),
        files,
        folders,
        readProblems,
        // Loose images dropped here go to the first class (the class cards take them too).
        ...(dataset && dataset.classNames.length > 0 ? { targetClass: dataset.classNames[0] } : {}),
      }),
    [actions, count, dataset, t],
  );
  const { dragging, dropHandlers, onPick } = useDropImport(start, locked);

  return (
    <div
      className={dragging ? 'drop-zone drop-zone-active' : 'drop-zone'}
      {...dropHandlers}
      data-testid="dataset.dropZone"
    >
      <p className="drop-title">{dataset ? t('dataset.drop.into', { name: dataset.name }) : t('dataset.drop.new')}</p>
      <p className="muted drop-detail">{t('dataset.drop.detail')}</p>
      <div className="drop-actions">
        <button type="button" className="button" onClick={() => folderPicker.current?.click()} disabled={locked}>
          {t('dataset.drop.chooseFolder')}
        </button>
        <button type="button" className="button" onClick={() => filePicker.current?.click()} disabled={locked}>
          {t('dataset.drop.chooseFiles')}
        </button>
      </div>
      <input
        ref={folderPicker}
        type="file"
        multiple
        className="visually-hidden"
        tabIndex={-1}
        aria-label={t('dataset.drop.chooseFolder')}
        onChange={onPick}
        data-testid="dataset.folderInput"
        {...{ webkitdirectory: '', directory: '' }}
      />
      <input
        ref={filePicker}
        type="file"
        multiple
        accept="image/*,.zip,application/zip"
        className="visually-hidden"
        tabIndex={-1}
        aria-label={t('dataset.drop.chooseFiles')}
        onChange={onPick}
        data-testid="dataset.fileInput"
      />
    </div>
  );
}
