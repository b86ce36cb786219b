/**
 * The one mirroring setting (settings.mirrorCamera), shown beside every camera preview (capture, Predict, the
 * instant classifier): changing it anywhere changes it everywhere. Only the preview is mirrored; frames are stored
 * and classified as the camera delivers them. `mirrorClass` gives the class name a mirrored preview takes.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudioStore } from '../store';

export const MIRRORED_CLASS = 'camera-mirrored';

/** The current setting as a class name to add to a preview (empty when not mirrored). */
export function useMirrorClass(): string {
  return useStudioStore((s) => (s.settings.mirrorCamera ? MIRRORED_CLASS : ''));
}

export function MirrorSetting({ testId }: { testId?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const checked = useStudioStore((s) => s.settings.mirrorCamera);
  const setMirror = useStudioStore((s) => s.setMirrorCamera);
  return (
    <label className="checkbox" htmlFor={id}>
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => setMirror(e.target.checked)}
        data-testid={testId}
      />
      {t('settings.mirror')}
    </label>
  );
}
