import { useTranslation } from 'react-i18next';
import { useStudioStore } from '../../store';

/** Which tfjs backend the engine uses and why (measured speeds), and whether WASM threads are possible. */
export function BackendStatus() {
  const { t } = useTranslation();
  const backend = useStudioStore((s) => s.settings.backend);
  const engineError = useStudioStore((s) => s.settings.engineError);
  if (engineError) return <p className="backend-status warning" role="alert">{engineError}</p>;
  if (!backend) {
    return (
      <p className="backend-status muted" data-testid="settings.backend">
        {t('settings.backend')}: {t('settings.backendPending')}
      </p>
    );
  }
  const measured = backend.measurements
    .map((m) => t('settings.imagesPerSecond', { backend: m.backend, rate: Math.round(m.forwardImagesPerSecond) }))
    .join(', ');
  return (
    <p className="backend-status" data-testid="settings.backend" data-backend={backend.backend}>
      {t('settings.backend')}: <strong>{backend.backend}</strong>
      {measured ? ` (${t('settings.measured', { list: measured })})` : ''} · {backend.crossOriginIsolated ? t('settings.isolated') : t('settings.notIsolated')}
    </p>
  );
}
