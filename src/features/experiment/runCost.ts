/**
 * The cost estimate before Run, read from the store: the run the selections describe (setupFacts.ts) as core's cost
 * plan, the loaded backbone's blocks (its description, scaled to the chosen image size) and the device rates the
 * engine measured on it (core/train/measureRates.ts). Pure, so the run bar, the overview and tests read the same.
 */
import { findBackbone } from '../../core/backbones/catalogue';
import { HEAD_FOR_FAMILY } from '../../core/heads/denseHead';
import {
  classSizedBudget,
  costPlanOf,
  estimateRunCost,
  trainableBlocks,
  WARN_SECONDS,
  type ClassSizedBudget,
  type CostPlan,
  type RunCost,
} from '../../core/train/costEstimate';
import type { StudioState } from '../../store';
import { backboneKey } from '../../store/backboneEvents';
import type { RatesRequest } from '../../worker/protocol/backbone';
import type { SetupFacts } from './setupFacts';

/** Side of a typical stored image when the dataset's are not known: imports and captures are kept at ≤ 512 px. */
const STORED_IMAGE_SIDE = 320;
/** The sample digits' side. */
const SAMPLE_IMAGE_SIDE = 28;

export interface RunCostView {
  /** The estimate, or null until the backbone is described and timed. */
  cost: RunCost | null;
  /** Backend the rates were measured on. */
  backend: string | null;
  /** True while newer rates are being measured (the estimate shown may be on older ones). */
  updating: boolean;
  /** Above WARN_SECONDS: the one-click class-sized budget, and what it trades away. */
  warning: ClassSizedBudget | null;
  /** What the engine should time for this setup; null when nothing is loaded yet. */
  request: RatesRequest | null;
  /** Whether the stored rates were measured for exactly `request` on this backbone and backend. */
  current: boolean;
}

type CostState = Pick<StudioState, 'backbone' | 'settings'>;

/** The plan of the next run; null when the backbone is not described yet or the settings are not valid numbers. */
export function planOf(facts: SetupFacts, state: CostState): CostPlan | null {
  const d = state.backbone.description;
  if (!d || d.id !== facts.backbone.id || d.blocks.length === 0) return null;
  if (![facts.seeds, facts.epochs, facts.batchSize].every((n) => Number.isInteger(n) && n >= 1)) return null;
  const scale = (facts.imageSize / d.imageSize) ** 2;
  const spec = findBackbone(facts.backbone.id);
  const head = HEAD_FOR_FAMILY[spec?.family ?? 'mobilenet-v1'];
  const classes = facts.dataset.classes;
  return costPlanOf(
    {
      strategies: facts.strategies,
      seeds: facts.seeds,
      epochs: facts.epochs,
      batchSize: facts.batchSize,
      augment: facts.augment,
      imageSize: facts.imageSize,
    },
    d.blocks.map((b) => ({ multiplyAdds: b.multiplyAdds * scale, outputShape: b.outputShape })),
    head,
    {
      train: classes.reduce((n, c) => n + c.train, 0),
      validation: classes.reduce((n, c) => n + c.validation, 0),
      classes: classes.length,
    },
  );
}

/** The smallest side the class-sized budget goes down to: half the digits' 28 px, MobileNet's 96 px. */
export function minImageSizeOf(backboneId: string): number {
  return findBackbone(backboneId)?.family === 'digits-vgg' ? 16 : 96;
}

export function runCostOf(facts: SetupFacts, state: CostState): RunCostView {
  const loaded = state.backbone.loaded;
  const backend = state.settings.backend?.backend ?? null;
  const plan = planOf(facts, state);
  const request: RatesRequest | null =
    loaded && plan
      ? {
          imageSize: facts.imageSize,
          batchSize: facts.batchSize,
          depths: [...new Set(facts.strategies.map((s) => trainableBlocks(s, plan.blockMultiplyAdds.length)))].sort(
            (a, b) => a - b,
          ),
          classes: Math.max(2, facts.dataset.classes.length),
          sourceSide: facts.dataset.kind === 'sample' ? SAMPLE_IMAGE_SIDE : STORED_IMAGE_SIDE,
        }
      : null;
  const stored = state.backbone.rates;
  const usable = stored !== null && loaded !== null && stored.backbone === backboneKey(loaded) ? stored : null;
  const current =
    usable !== null &&
    request !== null &&
    usable.rates.backend === backend &&
    JSON.stringify(usable.request) === JSON.stringify(request);
  if (!plan || !usable) {
    return {
      cost: null,
      backend: null,
      updating: state.backbone.measuringRates !== null,
      warning: null,
      request,
      current,
    };
  }
  const cost = estimateRunCost(plan, usable.rates);
  const warning =
    cost.seconds > WARN_SECONDS
      ? classSizedBudget(plan, usable.rates, Math.min(facts.imageSize, minImageSizeOf(facts.backbone.id)))
      : null;
  return { cost, backend: usable.rates.backend, updating: !current, warning, request, current };
}
