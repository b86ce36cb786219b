/**
 * The studio's start-up, once per page (main.tsx): start both workers and wire them to the store, start the tfjs
 * backend at once (measuring takes a moment, so the first click trains right away), restore the saved setup and
 * load its backbone, then keep the setup saved. `dispose` undoes all of it (tests, hot reload).
 */
import type { EngineActions } from '../features/engineActions';
import { useStudioStore } from '../store';
import { createDatasetClient, createEngineClient } from '../worker/client';
import { connectStudio } from './engine';
import { applyShareLink } from './applyShareLink';
import { parseSavedSetup, setupOf, setupStorage, SETUP_STORAGE_KEY, type SavedSetup } from './persistSetup';

export interface Studio {
  actions: EngineActions;
  dispose(): void;
}

export function startStudio(store = useStudioStore): Studio {
  const engine = createEngineClient();
  const datasets = createDatasetClient();
  const actions = connectStudio(engine, datasets, store);
  actions.selectBackend(store.getState().settings.backendPreference);
  const stopSaving = restoreSetup(actions, store);
  const stopMirror = keepMirrorSetting(store);
  return {
    actions,
    dispose() {
      stopSaving();
      stopMirror();
      actions.dispose();
      engine.terminate();
      datasets.terminate();
    },
  };
}

/**
 * Restores the saved setup (strategy fields, strategies, freeze depth), lists the model cache and loads the saved
 * backbone (else the store's); then saves the setup on every change. Returns the unsubscribe of the saving.
 */
function restoreSetup(
  actions: Pick<EngineActions, 'listModelCache' | 'loadBackbone' | 'loadStoredBackbone' | 'selectDataset'>,
  store: typeof useStudioStore,
): () => void {
  const storage = setupStorage();
  let saved: SavedSetup | null = parseSavedSetup(storage?.getItem(SETUP_STORAGE_KEY) ?? null);
  const state = store.getState();
  if (saved) {
    state.updateStrategy({
      seeds: saved.strategy.seeds,
      repeats: saved.strategy.repeats,
      epochs: saved.strategy.epochs,
      batchSize: saved.strategy.batchSize,
      learningRate: saved.strategy.learningRate,
      imageSize: saved.strategy.imageSize,
      augment: saved.strategy.augment,
      validationFraction: saved.strategy.validationFraction,
    });
    state.setStrategies(saved.strategy.strategies);
    state.setFreezeDepth(saved.freezeDepth);
  }
  // A share link wins over the saved setup: it is what the sender wants this page to show.
  const shared = applyShareLink(actions, store);
  actions.listModelCache();
  // A model from files (kept in this browser) returns as it was, unless a share link names another backbone.
  if (shared?.backbone === undefined && saved?.backboneFiles) actions.loadStoredBackbone(saved.backboneFiles);
  else actions.loadBackbone(shared?.backbone ?? saved?.backboneId ?? state.backbone.id);
  return store.subscribe((next, previous) => {
    if (next.backbone === previous.backbone && next.strategy === previous.strategy) return;
    // Save only once a backbone has loaded, so a failed restore does not overwrite the saved choice.
    if (!next.backbone.loaded) return;
    saved = setupOf(next, saved);
    try {
      storage?.setItem(SETUP_STORAGE_KEY, JSON.stringify(saved));
    } catch {
      // Storage full or disabled: the setup just does not survive a reload.
    }
  });
}

/** Where the one mirroring setting is kept ('1' mirrored, '0' not). */
export const MIRROR_STORAGE_KEY = 'transfer-studio.mirrorCamera';

/** Restores the mirroring setting and saves it on every change; returns the unsubscribe. */
function keepMirrorSetting(store: typeof useStudioStore): () => void {
  const storage = setupStorage();
  const saved = storage?.getItem(MIRROR_STORAGE_KEY);
  if (saved === '0' || saved === '1') store.getState().setMirrorCamera(saved === '1');
  return store.subscribe((next, previous) => {
    if (next.settings.mirrorCamera === previous.settings.mirrorCamera) return;
    try {
      storage?.setItem(MIRROR_STORAGE_KEY, next.settings.mirrorCamera ? '1' : '0');
    } catch {
      // Storage full or disabled: the setting just does not survive a reload.
    }
  });
}
