import { useTranslation } from 'react-i18next';
import { ProgressBar } from '../../ui/ProgressBar';
import type { LabProgress } from './actions';

/** What the engine is doing for a lab request, in words and as a bar (indeterminate while loading or training). */
export function LabProgressBar({ progress, testId }: { progress: LabProgress | null; testId: string }) {
  const { t } = useTranslation();
  if (!progress) return null;
  const counted = progress.phase === 'embedding' || progress.phase === 'episodes';
  return (
    <div className="lab-progress" data-testid={testId}>
      <p className="muted" role="status">
        {t(`fewshotLab.progress.${progress.phase}`, { done: progress.done, total: progress.total })}
      </p>
      <ProgressBar
        value={counted && progress.total > 0 ? progress.done / progress.total : null}
        label={t('fewshotLab.progress.label')}
      />
    </div>
  );
}
