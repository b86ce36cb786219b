import type { StateCreator } from 'zustand';
import type { DeviceRates } from '../core/train/costEstimate';
import type { BackboneDescription, LoadedBackboneInfo, RatesRequest } from '../worker/protocol/backbone';
import { withFineTuneDepth } from './backboneEvents';
import type { StrategySlice } from './strategySlice';

/** A backbone load under way (from the catalogue, or dropped files). */
export interface PendingBackboneLoad {
  requestId: string;
  /** Catalogue id, or null for dropped files. */
  id: string | null;
  /** What the user asked for, for messages: the catalogue id or the dropped folder's name. */
  label: string;
  stage: 'cache' | 'download' | 'files' | null;
  /** In [0, 1]. */
  fraction: number;
  /** Set when the load reads a model kept in this browser (after a reload). */
  stored?: { hash: string; name: string };
}

/**
 * The backbone of the next experiment (a catalogue id, src/core/backbones/catalogue.ts) and what the worker reported
 * about it. `id` changes only when a load succeeds, so a failed load leaves the previous backbone selected.
 */
export interface BackboneSlice {
  backbone: {
    id: string;
    /** k: the last k blocks up to the cut are trainable when fine-tuning (0 = all frozen). */
    freezeDepth: number;
    loaded: LoadedBackboneInfo | null;
    pending: PendingBackboneLoad | null;
    /** The last failed load or describe; `file` names the offending file. Cleared by the next request. */
    error: { message: string; file?: string; label: string } | null;
    /**
     * The model the saved setup names is no longer stored in this browser: Run is blocked with the reason until
     * another backbone loads (never a silent switch to a different one).
     */
    missing: { name: string; message: string } | null;
    /** Blocks and costs of the loaded backbone at the current image size; null until described. */
    description: BackboneDescription | null;
    /** requestId of a describe under way. */
    describing: string | null;
    /** Catalogue ids the browser cache holds. */
    cachedIds: string[];
    /** Bytes each cached backbone's files take, by catalogue id. */
    cachedBytes: Record<string, number>;
    /** Measured ms per image by `${id}@${imageSize}` (this device, the backend named). */
    timings: Record<string, { msPerImage: number; backend: string }>;
    /** The latest rates for the cost estimate, with the backbone (backboneKey) and request they were measured for. */
    rates: { backbone: string; request: RatesRequest; rates: DeviceRates } | null;
    /** requestId of a rates measurement under way. */
    measuringRates: string | null;
  };
  /** Marks a load as requested (the worker answers with backbone events). */
  beginBackboneLoad(requestId: string, id: string | null, label: string, stored?: { hash: string; name: string }): void;
  beginBackboneDescribe(requestId: string): void;
  beginRatesMeasure(requestId: string): void;
  /** Sets k, and the fine-tune strategy's depth with it. */
  setFreezeDepth(k: number): void;
}

export const initialBackbone = (): BackboneSlice['backbone'] => ({
  id: 'digits-vgg',
  freezeDepth: 1,
  loaded: null,
  pending: null,
  error: null,
  missing: null,
  description: null,
  describing: null,
  cachedIds: [],
  cachedBytes: {},
  timings: {},
  rates: null,
  measuringRates: null,
});

export const createBackboneSlice: StateCreator<BackboneSlice & StrategySlice, [], [], BackboneSlice> = (set) => ({
  backbone: initialBackbone(),
  beginBackboneLoad: (requestId, id, label, stored) =>
    set((s) => ({
      backbone: {
        ...s.backbone,
        pending: { requestId, id, label, stage: null, fraction: 0, ...(stored ? { stored } : {}) },
        error: null,
      },
    })),
  beginBackboneDescribe: (requestId) => set((s) => ({ backbone: { ...s.backbone, describing: requestId } })),
  beginRatesMeasure: (requestId) => set((s) => ({ backbone: { ...s.backbone, measuringRates: requestId } })),
  setFreezeDepth: (k) =>
    set((s) => ({
      backbone: { ...s.backbone, freezeDepth: k },
      strategy: { ...s.strategy, strategies: withFineTuneDepth(s.strategy.strategies, k) },
    })),
});
