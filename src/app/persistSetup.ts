/**
 * The experiment setup (backbone, freeze depth, strategy fields) survives a reload: saved in localStorage on every
 * change, read back and validated at start-up. Models from dropped files are not re-loadable after a reload, so
 * while one is loaded the saved backbone stays the last catalogue one.
 */
import { findBackbone } from '../core/backbones/catalogue';
import type { StrategyId } from '../core/train/types';
import type { StudioState } from '../store';
import { initialStrategy } from '../store/strategySlice';

export const SETUP_STORAGE_KEY = 'transfer-studio.setup';

export interface SavedSetup {
  schemaVersion: 1;
  backboneId: string;
  freezeDepth: number;
  strategy: StudioState['strategy'];
}

/** The setup to save for `state`, or null when nothing savable is selected. */
export function setupOf(state: Pick<StudioState, 'backbone' | 'strategy'>, previous: SavedSetup | null): SavedSetup {
  const fromFiles = state.backbone.loaded?.origin === 'files';
  return {
    schemaVersion: 1,
    backboneId: fromFiles && previous ? previous.backboneId : state.backbone.id,
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
  for (const key of ['seeds', 'epochs', 'batchSize', 'learningRate'] as const) {
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
    typeof s.augment === 'boolean';
  if (!ok) return null;
  return {
    schemaVersion: 1,
    backboneId: v.backboneId!,
    freezeDepth: v.freezeDepth!,
    strategy: {
      strategies: [...s.strategies!] as StrategyId[],
      seeds: s.seeds!,
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
