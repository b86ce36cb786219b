import { useTranslation } from 'react-i18next';

export interface ShareNoticeProps {
  problems: { field: string; reason: string }[];
  ownDataset: boolean;
  dismissed: boolean;
  dismiss(): void;
}

/** What the opened link could not carry: fields replaced by defaults (bad or hostile values), the sender's own data. */
export function ShareNotice({ problems, ownDataset, dismissed, dismiss }: ShareNoticeProps) {
  const { t, i18n } = useTranslation();
  // The reasons come from the config schema, in English: other languages get the field names only.
  const english = i18n.language.startsWith('en');
  if (dismissed || (problems.length === 0 && !ownDataset)) return null;
  return (
    <div className="share-notice" role="status" data-testid="share.notice">
      {problems.length > 0 ? (
        <>
          <p>{t('classroom.notice.replaced')}</p>
          <ul>
            {problems.map((p) => (
              <li key={p.field}>
                <code>{p.field}</code>
                {english ? `: ${p.reason}` : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {ownDataset ? <p data-testid="share.notice.ownData">{t('classroom.notice.ownData')}</p> : null}
      <button type="button" className="button" onClick={dismiss}>
        {t('classroom.notice.dismiss')}
      </button>
    </div>
  );
}

/** The way back from the present view (large type, curves and verdict only). */
export function PresentExit({ present, exit }: { present: boolean; exit(): void }) {
  const { t } = useTranslation();
  return present ? (
    <button type="button" className="button present-exit" onClick={exit} data-testid="present.exit">
      {t('classroom.share.exitPresent')}
    </button>
  ) : null;
}
