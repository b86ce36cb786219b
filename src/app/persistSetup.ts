/**
 * The experiment setup (backbone, freeze depth, strategy fields) survives a reload: saved in localStorage on every
 * change, read back and validated at start-up. A model loaded from files is kept in this browser by the engine
 * (worker/engine/storedModels.ts); the setup names it by content hash, so the same model returns — or, if it is gone,
 * Run says so instead of switching to another backbone.
 */
import { findBackbone } from '../core/backbones/catalogue';
import type { StrategyId } from '../core/train/types';
import type { StudioState } from '../store';
import { initialStrategy } from '../store/strategySlice';

export const SETUP_STORAGE_KEY = 'transfer-studio.setup';

export interface SavedSetup {
  schemaVersion: 1;
  backboneId: string;
  /** The model from files in use (kept in this browser), if any; `backboneId` is then the spec it matched. */
  backboneFiles?: { hash: string; name: string };
  freezeDepth: number;
  strategy: StudioState['strategy'];
}

/** The setup to save for `state`, or null when nothing savable is selected. */
export function setupOf(state: Pick<StudioState, 'backbone' | 'strategy'>, previous: SavedSetup | null): SavedSetup {
  const loaded = state.backbone.loaded;
  const stored = loaded?.origin === 'files' ? loaded.stored : undefined;
  // A model from files that could not be kept cannot return after a reload: keep the last savable backbone.
  const unsavable = loaded?.origin === 'files' && !stored;
  return {
    schemaVersion: 1,
    backboneId: unsavable && previous ? previous.backboneId : state.backbone.id,
    ...(stored ? { backboneFiles: { hash: stored.hash, name: stored.name } } : {}),
    ...(unsavable && previous?.backboneFiles ? { backboneFiles: previous.backboneFiles } : {}),
    freezeDepth: state.backbone.freezeDepth,
    strategy: {
      ...state.strategy,
      ...finiteOr(state.strategy, previous?.strategy ?? initialStrategy()),
      strategies: [...state.strategy.strategies],
    },
  };
}

/** Half-typed numbers (NaN while the user edits a field) are saved as the last good value. */
function finiteOr(
  current: StudioState['strategy'],
  fallback: StudioState['strategy'],
): Partial<StudioState['strategy']> {
  const out: Partial<StudioState['strategy']> = {};
  for (const key of ['seeds', 'repeats', 'epochs', 'batchSize', 'learningRate'] as const) {
    if (!Number.isFinite(current[key])) out[key] = fallback[key];
  }
  for (const key of ['imageSize', 'validationFraction'] as const) {
    const value = current[key];
    if (value !== null && !Number.isFinite(value)) out[key] = fallback[key];
  }
  return out;
}

/** Strategy ids as saved; fine-tune:0 included (the panel then asks for a depth above 0). */
const SAVED_STRATEGY = /^(scratch|feature-extraction|fine-tune:\d{1,6})$/;
const isNumberOrNull = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v));
const isCount = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** Parses saved JSON; null for anything missing, malformed, of another version, or naming an unknown backbone. */
export function parseSavedSetup(text: string | null): SavedSetup | null {
  if (!text) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const v = value as Partial<SavedSetup> | null;
  const s = v?.strategy as Partial<StudioState['strategy']> | undefined;
  const ok =
    v?.schemaVersion === 1 &&
    typeof v.backboneId === 'string' &&
    findBackbone(v.backboneId) !== undefined &&
    isCount(v.freezeDepth) &&
    s !== undefined &&
    Array.isArray(s.strategies) &&
    s.strategies.every((x) => typeof x === 'string' && SAVED_STRATEGY.test(x)) &&
    [s.seeds, s.epochs, s.batchSize, s.learningRate].every((n) => typeof n === 'number' && Number.isFinite(n)) &&
    isNumberOrNull(s.imageSize) &&
    isNumberOrNull(s.validationFraction) &&
    typeof s.augment === 'boolean' &&
    (v.backboneFiles === undefined ||
      (typeof v.backboneFiles === 'object' &&
        v.backboneFiles !== null &&
        typeof v.backboneFiles.hash === 'string' &&
        /^[0-9a-f]{64}$/.test(v.backboneFiles.hash) &&
        typeof v.backboneFiles.name === 'string'));
  if (!ok) return null;
  return {
    schemaVersion: 1,
    backboneId: v.backboneId!,
    ...(v.backboneFiles ? { backboneFiles: { hash: v.backboneFiles.hash, name: v.backboneFiles.name } } : {}),
    freezeDepth: v.freezeDepth!,
    strategy: {
      strategies: [...s.strategies!] as StrategyId[],
      seeds: s.seeds!,
      // Saved before repeats existed: one split.
      repeats: typeof s.repeats === 'number' && Number.isInteger(s.repeats) && s.repeats >= 1 ? s.repeats : 1,
      epochs: s.epochs!,
      batchSize: s.batchSize!,
      learningRate: s.learningRate!,
      imageSize: s.imageSize ?? null,
      augment: s.augment!,
      validationFraction: s.validationFraction ?? null,
    },
  };
}

/** localStorage, or null where it is unavailable (private modes, tests). */
export function setupStorage(): Pick<Storage, 'getItem' | 'setItem'> | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
