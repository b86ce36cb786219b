import { useTranslation } from 'react-i18next';

export interface UpdatePromptProps {
  needRefresh: boolean;
  update(): void;
  dismiss(): void;
}

/** "A new version is ready" with Reload / Later (a new deployment waits for the user). */
export function UpdatePrompt({ needRefresh, update, dismiss }: UpdatePromptProps) {
  const { t } = useTranslation();
  return (
    <>
      {needRefresh ? (
        <div className="update-prompt" role="alert" data-testid="app.updatePrompt">
          <p>{t('classroom.update.ready')}</p>
          <button type="button" className="button button-primary" onClick={update}>
            {t('classroom.update.reload')}
          </button>
          <button type="button" className="button" onClick={dismiss}>
            {t('classroom.update.later')}
          </button>
        </div>
      ) : null}
    </>
  );
}

/** A quiet line in the footer once every file of the app is saved for offline use. */
export function OfflineNote({ offlineReady }: { offlineReady: boolean }) {
  const { t } = useTranslation();
  return offlineReady ? (
    <p className="muted" data-testid="app.offlineReady">
      {t('classroom.update.offlineReady')}
    </p>
  ) : null;
}
