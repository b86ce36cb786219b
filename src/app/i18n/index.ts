/** i18next with English and Simplified Chinese, bundled (no network: the studio works offline). */
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../store';
import { en } from './en';
import { zhCN } from './zh-CN';

export const resources = {
  en: { translation: en },
  'zh-CN': { translation: zhCN },
} as const;

/** Initialises the shared i18next instance in `language`; call once before rendering. */
export function initI18n(language: Language): i18n {
  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    // React escapes already.
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return i18next;
}
