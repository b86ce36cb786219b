/** Engine events as the store's tests feed them: a `backend.selected` with plain defaults, overridden per test. */
import type { EngineEvent } from '../worker/protocol/engine';

export type BackendSelected = Extract<EngineEvent, { type: 'backend.selected' }>;

/** WASM chosen automatically, cross-origin isolated, two threads, not measuring; `overrides` replace fields. */
export function backendSelected(overrides: Partial<Omit<BackendSelected, 'type'>> = {}): BackendSelected {
  return {
    type: 'backend.selected',
    backend: 'wasm',
    preference: 'auto',
    measurements: [],
    reason: '',
    crossOriginIsolated: true,
    wasmThreads: 2,
    measuring: false,
    ...overrides,
  };
}
