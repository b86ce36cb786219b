import { useTranslation } from 'react-i18next';
import { LANGUAGES, useStudioStore, type Language } from '../../store';

/** English / 简体中文. The store holds the choice; App keeps i18next and <html lang> in step with it. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const language = useStudioStore((s) => s.settings.language);
  const setLanguage = useStudioStore((s) => s.setLanguage);
  return (
    <label className="language-switch">
      <span>{t('settings.language')}</span>
      <select
        value={language}
        onChange={(e) => setLanguage(e.target.value as Language)}
        data-testid="settings.language"
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`settings.languageName.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
