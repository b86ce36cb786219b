import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { importNoticeParams, type ImportNotice } from '../../core/data/importNotices';
import { importReasonParams, type ImportReason } from '../../core/data/importReasons';
import { useStudioStore } from '../../store';
import { formatSeconds } from '../../ui/format';
import { ProgressBar } from '../../ui/ProgressBar';
import { useEngineActions } from '../engineActions';

/** At most this many problems are listed (the rest are counted), so a 10,000-file mistake stays readable. */
const MAX_LISTED = 200;

/** A problem's reason in the user's language (reasonMessages.ts). */
export function reasonText(t: TFunction, reason: ImportReason): string {
  return t(`dataset.reason.${reason.code}`, importReasonParams(reason));
}

/** A notice about the drop (a warning, why it was blocked) in the user's language (noticeMessages.ts). */
export function noticeText(t: TFunction, notice: ImportNotice): string {
  return t(`dataset.notice.${notice.code}`, importNoticeParams(notice));
}

const isAlreadyStored = (notice: ImportNotice) => notice.code === 'alreadyStored';

/**
 * The current import: progress with a Cancel button while it runs; afterwards what was imported, and every file
 * left out with its reason (the rest of the import was kept), plus warnings.
 */
export function ImportStatus() {
  const { t } = useTranslation();
  const actions = useEngineActions();
  const current = useStudioStore((s) => s.workspace.import);
  const dismiss = useStudioStore((s) => s.dismissWorkspaceMessage);
  if (!current) return null;
  const running = current.status === 'running';

  let summary: string;
  if (running) {
    summary =
      current.stage === 'reading' || current.total === 0
        ? t('dataset.import.reading')
        : t('dataset.import.progress', { done: current.done, total: current.total });
  } else if (current.status === 'done' && current.imported === 0 && !current.warnings.some(isAlreadyStored)) {
    // Not "Imported 0 of 0 … (the rest was)": say plainly that nothing came in (issue 13, item 13).
    summary = t('dataset.import.nothing');
  } else if (current.status === 'done') {
    summary = t('dataset.import.done', {
      count: current.imported,
      planned: current.planned,
      seconds: formatSeconds(current.seconds ?? 0),
    });
  } else if (current.status === 'cancelled') {
    summary = t('dataset.import.cancelled', { count: current.imported });
  } else if (current.status === 'blocked') {
    summary = t('dataset.import.blocked', {
      message: current.blockedBy ? noticeText(t, current.blockedBy) : (current.message ?? ''),
    });
  } else {
    summary = t('dataset.import.failed', { count: current.imported, message: current.message ?? '' });
  }
  const problems = current.problems;

  return (
    <div
      className={`import-status import-status-${current.status}`}
      data-testid="dataset.import"
      data-status={current.status}
    >
      <div className="import-line">
        <p
          role={current.status === 'failed' || current.status === 'blocked' ? 'alert' : 'status'}
          data-testid="dataset.import.summary"
        >
          {summary}
        </p>
        {running ? (
          <button
            type="button"
            className="button ds-button-small"
            onClick={() => actions.cancelImport()}
            data-testid="dataset.import.cancel"
          >
            {t('dataset.cancel')}
          </button>
        ) : (
          <button type="button" className="button ds-button-small" onClick={() => dismiss('import')}>
            {t('dataset.dismiss')}
          </button>
        )}
      </div>
      {running ? (
        <ProgressBar
          value={current.total > 0 && current.stage === 'decoding' ? current.done / current.total : null}
          label={t('dataset.import.progressLabel')}
        />
      ) : null}
      {problems.length > 0 ? (
        <details className="problems" open>
          <summary>
            {t(current.imported === 0 && !running ? 'dataset.import.problemsNone' : 'dataset.import.problems', {
              count: problems.length,
            })}
          </summary>
          <ul data-testid="dataset.import.problems">
            {problems.slice(0, MAX_LISTED).map((p, i) => (
              <li key={`${i}-${p.file}`}>
                <strong className="problem-file">{p.file}</strong>:{' '}
                <span className="problem-reason">{reasonText(t, p.reason)}</span>
              </li>
            ))}
          </ul>
          {problems.length > MAX_LISTED ? (
            <p className="muted">{t('dataset.import.moreProblems', { count: problems.length - MAX_LISTED })}</p>
          ) : null}
        </details>
      ) : null}
      {!running && current.warnings.length > 0 ? (
        <ul className="warnings" aria-label={t('dataset.import.warnings')}>
          {current.warnings.map((w, i) => (
            <li key={i}>{noticeText(t, w)}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
