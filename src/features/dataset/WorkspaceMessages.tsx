import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../core/data/limits';
import { useStudioStore } from '../../store';

/** The last workspace failure (storage full said plainly) and confirmations of export / import / clear. */
export function WorkspaceMessages() {
  const { t } = useTranslation();
  const error = useStudioStore((s) => s.workspace.error);
  const notice = useStudioStore((s) => s.workspace.notice);
  const dismiss = useStudioStore((s) => s.dismissWorkspaceMessage);
  return (
    <>
      {error ? (
        <div
          className={error.storageFull ? 'ds-message ds-message-bad storage-full' : 'ds-message ds-message-bad'}
          role="alert"
          data-testid="workspace.error"
        >
          <p>
            <strong>{error.storageFull ? t('workspace.storageFull') : t('workspace.failed')}</strong> {error.message}
          </p>
          <button type="button" className="button ds-button-small" onClick={() => dismiss('error')}>
            {t('dataset.dismiss')}
          </button>
        </div>
      ) : null}
      {notice ? (
        <div className="ds-message ds-message-good" role="status" data-testid="workspace.notice">
          <p>
            {notice.kind === 'exported'
              ? t('workspace.exported', { name: notice.fileName, size: formatBytes(notice.bytes) })
              : notice.kind === 'imported'
                ? t('workspace.imported', { datasets: notice.datasets, images: notice.images, runs: notice.runs })
                : t('workspace.cleared')}
          </p>
          <button type="button" className="button ds-button-small" onClick={() => dismiss('notice')}>
            {t('dataset.dismiss')}
          </button>
        </div>
      ) : null}
    </>
  );
}
