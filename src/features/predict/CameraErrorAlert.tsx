import { useTranslation } from 'react-i18next';
import type { CameraError } from '../../ui/useCamera';

/** Why the camera did not start (useCamera's error) as an alert; nothing while there is none. */
export function CameraErrorAlert({ error }: { error: CameraError | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="warning" role="alert">
      {t(`predict.camera.errors.${error}`)}
    </p>
  );
}
