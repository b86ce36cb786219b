import { useTranslation } from 'react-i18next';
import { useStudioStore } from '../../store';
import { BackendPicker } from './BackendPicker';

/** Which tfjs backend the engine uses and why (measured speeds), and whether WASM threads are possible. */
export function BackendStatus() {
  const { t } = useTranslation();
  const backend = useStudioStore((s) => s.settings.backend);
  const engineError = useStudioStore((s) => s.settings.engineError);
  if (engineError) {
    return (
      <div className="backend-status">
        <p className="warning" role="alert">
          {engineError}
        </p>
        <BackendPicker />
      </div>
    );
  }
  if (!backend) {
    return (
      <p className="backend-status muted" data-testid="settings.backend">
        {t('settings.backend')}: {t('settings.backendPending')}
      </p>
    );
  }
  // The choice is by training speed when measured (what the studio does most), else inference speed.
  const measured = backend.measurements
    .map((m) =>
      m.trainStepsPerSecond !== undefined
        ? t('settings.stepsPerSecond', { backend: m.backend, rate: m.trainStepsPerSecond.toFixed(1) })
        : t('settings.imagesPerSecond', { backend: m.backend, rate: Math.round(m.forwardImagesPerSecond) }),
    )
    .join(', ');
  return (
    <div
      className="backend-status"
      data-testid="settings.backend"
      data-backend={backend.backend}
      data-measuring={backend.measuring ? 'true' : 'false'}
    >
      <p>
        {t('settings.backend')}: <strong>{backend.backend}</strong>
        {measured ? ` (${t('settings.measured', { list: measured })})` : ''}
        {backend.measuring ? ` (${t('settings.measuringNote')})` : ''} ·{' '}
        {backend.crossOriginIsolated ? t('settings.isolated') : t('settings.notIsolated')}
        {backend.wasmThreads !== null && (
          <>
            {' · '}
            <span data-testid="settings.wasmThreads" data-threads={backend.wasmThreads}>
              {t('settings.wasmThreads', { count: backend.wasmThreads })}
            </span>
          </>
        )}
      </p>
      <details>
        <summary>{t('settings.why')}</summary>
        <p className="muted">{backend.reason}</p>
        <BackendPicker />
      </details>
    </div>
  );
}
