import { useRef, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudioStore } from '../../store';
import { useEngineActions } from '../engineActions';

/** Export the whole workspace to one file, import such a file (replacing the workspace), or clear it. */
export function WorkspaceMenu() {
  const { t } = useTranslation();
  const actions = useEngineActions();
  const busy = useStudioStore((s) => s.workspace.busy);
  const importing = useStudioStore((s) => s.workspace.import?.status === 'running');
  const picker = useRef<HTMLInputElement>(null);
  const disabled = busy !== null || importing;

  const onPick = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    event.currentTarget.value = '';
    if (file && window.confirm(t('workspace.confirmImport', { name: file.name }))) actions.importWorkspace(file);
  };

  return (
    <div className="workspace-menu">
      <button
        type="button"
        className="button ds-button-small"
        onClick={() => actions.exportWorkspace()}
        disabled={disabled}
      >
        {busy === 'export' ? t('workspace.exporting') : t('workspace.export')}
      </button>
      <button
        type="button"
        className="button ds-button-small"
        onClick={() => picker.current?.click()}
        disabled={disabled}
      >
        {busy === 'import' ? t('workspace.importing') : t('workspace.import')}
      </button>
      <input
        ref={picker}
        type="file"
        accept=".zip,application/zip"
        className="visually-hidden"
        tabIndex={-1}
        aria-label={t('workspace.importFile')}
        onChange={onPick}
        data-testid="workspace.importFile"
      />
      <button
        type="button"
        className="button ds-button-small ds-button-danger"
        onClick={() => window.confirm(t('workspace.confirmClear')) && actions.clearWorkspace()}
        disabled={disabled}
      >
        {t('workspace.clear')}
      </button>
    </div>
  );
}
