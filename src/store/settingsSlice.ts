import type { StateCreator } from 'zustand';
import type { BackendMeasurement, BackendPreference } from '../worker/protocol/engine';

export type Language = 'en' | 'zh-CN';
export const LANGUAGES: readonly Language[] = ['en', 'zh-CN'];

/** The engine's active backend as last reported by the worker. */
export interface BackendInfo {
  backend: string;
  measurements: BackendMeasurement[];
  reason: string;
  crossOriginIsolated: boolean;
  wasmThreads: number | null;
  /** The engine started here at once and is measuring every backend; the fastest takes over between runs. */
  measuring: boolean;
}

export interface SettingsSlice {
  settings: {
    language: Language;
    backendPreference: BackendPreference;
    /** null until the worker reports one. */
    backend: BackendInfo | null;
    /** A failure outside any run (backend setup), user-facing; null when none. */
    engineError: string | null;
    /** The one mirroring setting: every camera preview (capture, Predict, quick start) is shown mirrored or not. */
    mirrorCamera: boolean;
  };
  setLanguage(language: Language): void;
  setBackendPreference(preference: BackendPreference): void;
  setMirrorCamera(mirror: boolean): void;
}

/** The browser's preferred language if we have it (any zh* → Simplified Chinese), else English. */
export function detectLanguage(
  languages: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages,
): Language {
  for (const tag of languages) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

export const initialSettings = (): SettingsSlice['settings'] => ({
  language: detectLanguage(),
  backendPreference: 'auto',
  backend: null,
  engineError: null,
  mirrorCamera: true,
});

export const createSettingsSlice: StateCreator<SettingsSlice, [], [], SettingsSlice> = (set) => ({
  settings: initialSettings(),
  setLanguage: (language) => set((s) => ({ settings: { ...s.settings, language } })),
  setBackendPreference: (backendPreference) => set((s) => ({ settings: { ...s.settings, backendPreference } })),
  setMirrorCamera: (mirrorCamera) => set((s) => ({ settings: { ...s.settings, mirrorCamera } })),
});
