import { useTranslation } from 'react-i18next';
import { useStudioStore } from '../../store';
import { useEngineActions } from '../engineActions';
import type { BackendPreference } from '../../worker/protocol/engine';

const PREFERENCES: BackendPreference[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

/**
 * The manual override of the measured backend choice. 'auto' measures every backend that starts and takes the
 * fastest at training; forcing one that cannot start shows the engine's error and keeps the page usable.
 */
export function BackendPicker() {
  const { t } = useTranslation();
  const actions = useEngineActions();
  const preference = useStudioStore((s) => s.settings.backendPreference);
  return (
    <label className="backend-picker">
      {t('settings.override')}{' '}
      <select
        data-testid="settings.backendPreference"
        value={preference}
        onChange={(e) => actions.selectBackend(e.target.value as BackendPreference)}
      >
        {PREFERENCES.map((p) => (
          <option key={p} value={p}>
            {t(`settings.preference.${p}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
