/**
 * The Backbone panel's side effects: at start-up, restore the saved setup and load its backbone; keep the setup
 * saved; describe the loaded backbone (blocks, costs, ms/image) whenever it or the image size changes.
 */
import { useEffect } from 'react';
import { BACKBONES } from '../../core/backbones/catalogue';
import { useStudioStore, type StudioState } from '../../store';
import type { BackboneActions } from './actions';
import { parseSavedSetup, setupOf, setupStorage, SETUP_STORAGE_KEY, type SavedSetup } from './persistSetup';

/** Image sizes the config schema accepts (ExperimentConfig.imageSize). */
export const IMAGE_SIZE_RANGE = { min: 16, max: 512 } as const;

/** The input side the next experiment uses: the Strategy panel's (when valid), else the backbone's own. */
export function selectEffectiveImageSize(state: Pick<StudioState, 'backbone' | 'strategy'>): number {
  const size = state.strategy.imageSize;
  if (size !== null && Number.isInteger(size) && size >= IMAGE_SIZE_RANGE.min && size <= IMAGE_SIZE_RANGE.max) return size;
  const spec = Object.prototype.hasOwnProperty.call(BACKBONES, state.backbone.id) ? BACKBONES[state.backbone.id] : undefined;
  return state.backbone.loaded?.inputSize ?? spec?.preprocessing.inputSize ?? 224;
}

let started = false;

/** Once per page: restore the saved setup, list the model cache, load the selected backbone; then keep saving. */
export function useBackboneStartup(actions: BackboneActions): void {
  useEffect(() => {
    if (started) return;
    started = true;
    const storage = setupStorage();
    let saved: SavedSetup | null = parseSavedSetup(storage?.getItem(SETUP_STORAGE_KEY) ?? null);
    const store = useStudioStore.getState();
    if (saved) {
      store.updateStrategy({
        seeds: saved.strategy.seeds,
        epochs: saved.strategy.epochs,
        batchSize: saved.strategy.batchSize,
        learningRate: saved.strategy.learningRate,
        imageSize: saved.strategy.imageSize,
        augment: saved.strategy.augment,
        validationFraction: saved.strategy.validationFraction,
      });
      store.setStrategies(saved.strategy.strategies);
      store.setFreezeDepth(saved.freezeDepth);
    }
    actions.listModelCache();
    actions.loadBackbone(saved?.backboneId ?? store.backbone.id);
    useStudioStore.subscribe((state, previous) => {
      if (state.backbone === previous.backbone && state.strategy === previous.strategy) return;
      // Save only once a backbone has loaded, so a failed restore does not overwrite the saved choice.
      if (!state.backbone.loaded) return;
      saved = setupOf(state, saved);
      try {
        storage?.setItem(SETUP_STORAGE_KEY, JSON.stringify(saved));
      } catch {
        // Storage full or disabled: the setup just does not survive a reload.
      }
    });
  }, [actions]);
}

/** Describes the loaded backbone at the effective image size when either changes (not while an experiment runs). */
export function useDescribeBackbone(actions: BackboneActions): void {
  const loaded = useStudioStore((s) => s.backbone.loaded);
  const size = useStudioStore(selectEffectiveImageSize);
  const running = useStudioStore((s) => s.run?.status === 'running');
  const current = useStudioStore((s) => {
    const d = s.backbone.description;
    return d !== null && d.id === s.backbone.id && d.imageSize === size && d.msPerImage !== null;
  });
  const loadedKey = loaded ? `${loaded.id}|${loaded.origin}|${loaded.location}` : null;
  useEffect(() => {
    if (!loadedKey || running || current) return;
    // Typing "128" passes through 1 and 12: wait until the size settles.
    const timer = setTimeout(() => actions.describeBackbone(size), 250);
    return () => clearTimeout(timer);
  }, [actions, loadedKey, size, running, current]);
}
