/**
 * How backbone events from the worker change the store's backbone (and, for the freeze depth, strategy) data: a
 * pure reducer, folded per batch by the store, testable without a worker.
 */
import { findBackbone } from '../core/backbones/catalogue';
import type { StrategyId } from '../core/train/types';
import type { BackboneEvent } from '../worker/protocol/backbone';
import type { BackboneSlice } from './backboneSlice';
import type { StrategySlice } from './strategySlice';

type Backbone = BackboneSlice['backbone'];
type Strategy = StrategySlice['strategy'];

/** Blocks up to the cut of catalogue backbone `id` (the freeze-depth slider's maximum); 0 when unknown. */
export function blockCountOf(id: string): number {
  const spec = findBackbone(id);
  if (!spec) return 0;
  const cut = spec.blockOutputs.indexOf(spec.defaultCut);
  return cut >= 0 ? cut + 1 : spec.blockOutputs.length;
}

/** `strategies` with its fine-tune entry (if any) at depth k; order kept. */
export function withFineTuneDepth(strategies: readonly StrategyId[], k: number): StrategyId[] {
  return strategies.map((s) => (s.startsWith('fine-tune:') ? (`fine-tune:${k}` as StrategyId) : s));
}

export { backboneKey } from '../worker/protocol/backbone';

/** Key of a timing in `backbone.timings`. */
export const timingKey = (id: string, imageSize: number) => `${id}@${imageSize}`;

export function reduceBackboneEvent(
  state: { backbone: Backbone; strategy: Strategy },
  event: BackboneEvent,
): { backbone: Backbone; strategy: Strategy } {
  const { backbone, strategy } = state;
  switch (event.type) {
    case 'backbone.progress': {
      if (backbone.pending?.requestId !== event.requestId) return state;
      return {
        strategy,
        backbone: { ...backbone, pending: { ...backbone.pending, stage: event.stage, fraction: event.fraction } },
      };
    }
    case 'backbone.loaded': {
      const isPending = backbone.pending?.requestId === event.requestId;
      // Loads started by a run (requestId "run:<id>") also change what is loaded.
      if (!isPending && !event.requestId.startsWith('run:')) return state;
      const info = event.backbone;
      const changed =
        info.id !== backbone.id ||
        info.origin !== backbone.loaded?.origin ||
        info.location !== backbone.loaded?.location;
      const blocks = blockCountOf(info.id);
      const freezeDepth = blocks > 0 ? Math.min(backbone.freezeDepth, blocks) : backbone.freezeDepth;
      return {
        strategy:
          freezeDepth === backbone.freezeDepth
            ? strategy
            : { ...strategy, strategies: withFineTuneDepth(strategy.strategies, freezeDepth) },
        backbone: {
          ...backbone,
          id: info.id,
          freezeDepth,
          loaded: info,
          pending: isPending ? null : backbone.pending,
          error: isPending ? null : backbone.error,
          missing: isPending ? null : backbone.missing,
          description: changed ? null : backbone.description,
        },
      };
    }
    case 'backbone.described': {
      const d = event.description;
      if (d.id !== backbone.id) return state;
      const timings =
        d.msPerImage === null
          ? backbone.timings
          : { ...backbone.timings, [timingKey(d.id, d.imageSize)]: { msPerImage: d.msPerImage, backend: d.backend } };
      return {
        strategy,
        backbone: {
          ...backbone,
          description: d,
          timings,
          describing: backbone.describing === event.requestId ? null : backbone.describing,
        },
      };
    }
    case 'backbone.rates': {
      const { backbone: key, request, rates } = event;
      return {
        strategy,
        backbone: {
          ...backbone,
          rates: { backbone: key, request, rates },
          measuringRates: backbone.measuringRates === event.requestId ? null : backbone.measuringRates,
        },
      };
    }
    case 'backbone.error': {
      if (backbone.measuringRates === event.requestId) {
        // The estimate stays on its last rates (or none); the Backbone panel shows load and describe errors.
        return { strategy, backbone: { ...backbone, measuringRates: null } };
      }
      if (backbone.pending?.requestId === event.requestId && event.missing) {
        const missing = { name: backbone.pending.label, message: event.message };
        return { strategy, backbone: { ...backbone, pending: null, loaded: null, description: null, missing } };
      }
      if (backbone.pending?.requestId === event.requestId) {
        const error = {
          message: event.message,
          label: backbone.pending.label,
          ...(event.file ? { file: event.file } : {}),
        };
        return { strategy, backbone: { ...backbone, pending: null, error } };
      }
      if (backbone.describing === event.requestId) {
        const error = { message: event.message, label: backbone.id, ...(event.file ? { file: event.file } : {}) };
        return { strategy, backbone: { ...backbone, describing: null, error } };
      }
      return state;
    }
    case 'modelCache.listed':
      return {
        strategy,
        backbone: {
          ...backbone,
          cachedIds: [...event.cachedIds].sort(),
          cachedBytes: Object.fromEntries(event.cached.map((c) => [c.id, c.bytes])),
        },
      };
    default:
      return assertNever(event);
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled backbone event ${JSON.stringify(value)}`);
}
