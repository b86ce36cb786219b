/**
 * The service worker's side of the page (vite-plugin-pwa's `virtual:pwa-register`, Workbox underneath): registers
 * it once at start-up and tells React whether the app is ready offline and whether a new version waits. The update
 * is applied only when the user accepts it (`update()` activates the waiting worker and reloads the page).
 */
import { useSyncExternalStore } from 'react';
import { registerSW } from 'virtual:pwa-register';
import { selectEngineComputing } from '../store';

export interface AppUpdateState {
  /** Every file of the app is in the service worker's cache: it opens and runs without the network. */
  offlineReady: boolean;
  /** A new version is installed and waits for the user's go-ahead. */
  needRefresh: boolean;
}

let state: AppUpdateState = { offlineReady: false, needRefresh: false };
const listeners = new Set<() => void>();
let updateServiceWorker: ((reload?: boolean) => Promise<void>) | null = null;

function set(next: Partial<AppUpdateState>): void {
  state = { ...state, ...next };
  for (const listener of listeners) listener();
}

/**
 * Registers the service worker once the studio first has nothing to compute (selectEngineComputing), then stops
 * watching. Precaching the build (~25 MB: workers, WASM binaries, models, samples) takes a thread and disk for
 * seconds (its thread at 40–80 % of a core on 2 cores); on a first visit it ran beside the backend measurement and a
 * demo run started at once, delaying the run's first curve point. A page closed before it is ever idle
 * is simply not offline yet; the next visit registers it. Returns the unsubscribe.
 */
export function registerAppServiceWorkerWhenIdle(store: {
  getState(): Parameters<typeof selectEngineComputing>[0];
  subscribe(listener: (state: Parameters<typeof selectEngineComputing>[0]) => void): () => void;
}): () => void {
  if (!selectEngineComputing(store.getState())) {
    registerAppServiceWorker();
    return () => {};
  }
  const stop = store.subscribe((state) => {
    if (selectEngineComputing(state)) return;
    stop();
    registerAppServiceWorker();
  });
  return stop;
}

/** Registers the service worker (once; a no-op where service workers are unavailable or blocked). */
export function registerAppServiceWorker(): void {
  if (updateServiceWorker || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  updateServiceWorker = registerSW({
    immediate: true,
    onOfflineReady: () => set({ offlineReady: true }),
    onNeedRefresh: () => set({ needRefresh: true }),
  });
  // An active worker has finished precaching (it activates only after its install step stored every file), also
  // when it was installed by an earlier page of this origin rather than this one.
  void navigator.serviceWorker.ready.then(() => set({ offlineReady: true }));
}

export function useAppUpdate(): AppUpdateState & { update(): void; dismiss(): void } {
  const current = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
  return {
    ...current,
    update: () => void updateServiceWorker?.(true),
    dismiss: () => set({ needRefresh: false }),
  };
}
