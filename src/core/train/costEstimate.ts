/**
 * What a run will cost on this device, before it starts: seconds per strategy and in total, from the backbone's
 * multiply-adds per block (backbones/cost.ts) and the device's measured rates (measureRates.ts), following the order
 * of work of runExperiment and trainTrial:
 *
 * - caching (feature extraction, fine-tune): every training view and validation image once through the frozen part;
 * - per epoch: ⌈n / batch⌉ training steps over the trainable part (the head alone for feature extraction, the last k
 *   blocks for fine-tune:k, everything for scratch), then validation through the trainable part; scratch also
 *   re-estimates BatchNorm on the training images before each evaluation (batchNormCalibration.ts);
 * - epoch 0 (an evaluation before any step) once per trial.
 *
 * Pure numbers: the UI shows it as the user changes settings, the bench compares it with the run's own clock.
 */
import { parseStrategy } from './strategy';
import type { StrategyId } from './types';

/** Measured seconds of one trainable part: the last `depth` blocks up to the cut (measureRates.ts). */
export interface DepthRates {
  depth: number;
  /** Per image: a batched forward pass through the part (inference mode). */
  forwardSeconds: number;
  /** Per image: a training step through the part (forward, backward, update), its fixed cost per step left out. */
  trainSeconds: number;
}

/** The device's measured speeds for one backend and backbone at one image size (measureRates.ts). */
export interface DeviceRates {
  backend: string;
  /** Side of the images the rates were measured at; other sides scale the seconds by (side / imageSize)². */
  imageSize: number;
  /** Per image: a batched forward pass input → cut (inference mode). */
  forwardSeconds: number;
  /** Trainable parts measured (scratch trains all blocks); others are estimated from the nearest one. */
  depths: DepthRates[];
  /**
   * Seconds of one training step of the new head at the run's batch size: what feature extraction pays per step, and
   * the fixed cost of every step (kernel launches, optimizer, reading the loss).
   */
  stepSeconds: number;
  /**
   * Seconds of one validation batch (EVAL_BATCH examples) of the new head on cached features, inference mode: the
   * fixed cost of every evaluation batch (a forward pass only, far cheaper than a training step). Absent: stepSeconds.
   */
  evalStepSeconds?: number;
  /**
   * Per image: input → cut through the copy with BatchNorm folded into the convolutions (backbones/foldBatchNorm.ts),
   * which is what caching runs (runExperiment). Absent: forwardSeconds.
   */
  cacheForwardSeconds?: number;
  /** Per image: decoding the stored pixels into the model's input (resize, scale); per augmented view, its shift/flip. */
  preprocessSeconds: number;
  augmentSeconds: number;
}

/** What the run will do, in the units the estimate needs. */
export interface CostPlan {
  /** The run's image side. */
  imageSize: number;
  /** Multiply-adds per image of each block up to the cut, in order, at the run's image size. */
  blockMultiplyAdds: number[];
  /** Multiply-adds per image of the new head (dense layers on the cut's features). */
  headMultiplyAdds: number;
  strategies: StrategyId[];
  seeds: number;
  epochs: number;
  batchSize: number;
  trainImages: number;
  validationImages: number;
  /** Copies of each training image that go through the frozen part (3 with augmentation, else 1). */
  views: number;
  /** Repeats of the experiment (a new split each, its own caches); 1 when absent. */
  repeats?: number;
}

export interface StrategyCost {
  strategy: StrategyId;
  /** Once per run: preprocessing, and the frozen part over every training view and validation image (not scratch). */
  cacheSeconds: number;
  /** One epoch of one seed: training steps and validation. */
  epochSeconds: number;
  /** The strategy's share of the run: repeats × (cache + seeds × (epochs + the epoch-0 evaluation)). */
  seconds: number;
}

export interface RunCost {
  strategies: StrategyCost[];
  seconds: number;
}

/** Validation batch of trainTrial's evaluation. */
export const EVAL_BATCH = 64;

/** Blocks strategy `id` trains: the last `trainable` of `blocks` (all for scratch, none for feature extraction). */
export function trainableBlocks(id: StrategyId, blocks: number): number {
  const parsed = parseStrategy(id);
  if (parsed.kind === 'scratch') return blocks;
  return parsed.kind === 'fine-tune' ? Math.min(parsed.depth, blocks) : 0;
}

/**
 * Forward and training seconds per image of the last `depth` blocks at the plan's size: measured when `rates` has
 * that depth; otherwise the forward share by multiply-adds, trained at the training / forward ratio of the nearest
 * measured depth (a high-resolution early block costs more per multiply-add than a late one, so the nearest is used).
 */
export function depthSeconds(
  plan: Pick<CostPlan, 'imageSize' | 'blockMultiplyAdds'>,
  rates: DeviceRates,
  depth: number,
): { forward: number; train: number } {
  const scale = (plan.imageSize / rates.imageSize) ** 2;
  if (depth <= 0) return { forward: 0, train: 0 };
  const exact = rates.depths.find((d) => d.depth === depth);
  if (exact) return { forward: exact.forwardSeconds * scale, train: exact.trainSeconds * scale };
  const macs = plan.blockMultiplyAdds;
  const total = macs.reduce((a, b) => a + b, 0) || 1;
  const forward = (rates.forwardSeconds * scale * macs.slice(macs.length - depth).reduce((a, b) => a + b, 0)) / total;
  const nearest = [...rates.depths]
    .filter((d) => d.depth > 0 && d.forwardSeconds > 0)
    .sort((a, b) => Math.abs(a.depth - depth) - Math.abs(b.depth - depth))[0];
  const ratio = nearest ? nearest.trainSeconds / nearest.forwardSeconds : 3;
  return { forward, train: forward * ratio };
}

/**
 * Seconds per strategy and in total for `plan` at `rates`.
 * @throws RangeError when a rate is not positive or a count is negative
 */
export function estimateRunCost(plan: CostPlan, rates: DeviceRates): RunCost {
  if (!(rates.imageSize > 0) || !(rates.forwardSeconds >= 0) || !(rates.stepSeconds >= 0)) {
    throw new RangeError('device rates must be positive');
  }
  const counts = [plan.seeds, plan.epochs, plan.trainImages, plan.validationImages, plan.views];
  if (counts.some((n) => !(n >= 0)) || !(plan.batchSize >= 1)) throw new RangeError('counts must be non-negative');
  const scale = (plan.imageSize / rates.imageSize) ** 2;
  const forwardTotal = rates.forwardSeconds * scale;
  // Caching runs the folded copy: its seconds per image, shared among the frozen blocks like the plain forward's.
  const cacheTotal = (rates.cacheForwardSeconds ?? rates.forwardSeconds) * scale;
  const evalStep = rates.evalStepSeconds ?? rates.stepSeconds;
  const macsTotal = plan.blockMultiplyAdds.reduce((a, b) => a + b, 0);
  // The head's forward runs at the backbone's average speed per multiply-add; its training is in stepSeconds.
  const head = macsTotal > 0 ? (plan.headMultiplyAdds * forwardTotal) / macsTotal : 0;
  const blocks = plan.blockMultiplyAdds.length;
  const n = plan.trainImages;
  const v = plan.validationImages;
  const strategies = plan.strategies.map((strategy): StrategyCost => {
    const k = trainableBlocks(strategy, blocks);
    const part = depthSeconds(plan, rates, k);
    const forward = part.forward + head;
    // Every strategy's inputs are preprocessed once (a cached strategy on their way through its frozen part).
    const preprocess =
      (n * plan.views + v) * rates.preprocessSeconds + (plan.views > 1 ? n * plan.views * rates.augmentSeconds : 0);
    const frozenShare = forwardTotal > 0 ? Math.max(0, forwardTotal - part.forward) / forwardTotal : 0;
    const cacheSeconds = preprocess + (k < blocks ? (n * plan.views + v) * cacheTotal * frozenShare : 0);
    const training = Math.ceil(n / plan.batchSize) * rates.stepSeconds + n * part.train;
    // Scratch re-estimates BatchNorm on the training images (a forward pass) before each evaluation.
    const recalibration = k === blocks ? n * forward : 0;
    const check = v * forward + Math.ceil(v / EVAL_BATCH) * evalStep + recalibration;
    const epochSeconds = training + check;
    const seconds = (plan.repeats ?? 1) * (cacheSeconds + plan.seeds * (plan.epochs * epochSeconds + check));
    return { strategy, cacheSeconds, epochSeconds, seconds };
  });
  return { strategies, seconds: strategies.reduce((sum, s) => sum + s.seconds, 0) };
}

/** Above this many seconds the studio warns before Run (a few minutes: longer than a class waits). */
export const WARN_SECONDS = 3 * 60;
/** What the one-click "class-sized" budget aims at. */
export const CLASS_SIZED_SECONDS = 2 * 60;

/** What the class-sized budget changed, and so what it trades away. */
export type BudgetTrade = 'imageSize' | 'seeds' | 'epochs';

export interface ClassSizedBudget {
  imageSize: number;
  seeds: number;
  epochs: number;
  cost: RunCost;
  /** What changed, in the order it was given up. */
  trades: BudgetTrade[];
  /** False when even the smallest budget tried stays above the target. */
  fits: boolean;
}

/** Image sides the budget steps down through (a fully convolutional backbone takes any of them). */
const SIZE_STEPS = [224, 192, 160, 128, 112, 96, 64, 48, 32, 28, 16];
const MIN_EPOCHS = 10;

/**
 * The largest budget near `target` seconds, trading in this order: smaller images (down to `minImageSize`: the
 * image is what every strategy pays for per example, and transfer keeps most of its accuracy at half the side), then
 * seeds down to 2 (two still show a spread), then epochs down to 10, then a single seed.
 * Other sizes scale the plan's multiply-adds and the measured seconds by area.
 */
export function classSizedBudget(
  plan: CostPlan,
  rates: DeviceRates,
  minImageSize: number,
  target = CLASS_SIZED_SECONDS,
): ClassSizedBudget {
  const imageSize = plan.imageSize;
  const at = (size: number, seeds: number, epochs: number) => {
    const scale = (size / imageSize) ** 2;
    return estimateRunCost(
      {
        ...plan,
        imageSize: size,
        seeds,
        epochs,
        blockMultiplyAdds: plan.blockMultiplyAdds.map((m) => m * scale),
      },
      rates,
    );
  };
  let size = imageSize;
  let seeds = plan.seeds;
  let epochs = plan.epochs;
  let cost = at(size, seeds, epochs);
  const trades = new Set<BudgetTrade>();
  for (const next of SIZE_STEPS.filter((s) => s < imageSize && s >= minImageSize)) {
    if (cost.seconds <= target) break;
    size = next;
    trades.add('imageSize');
    cost = at(size, seeds, epochs);
  }
  while (cost.seconds > target && seeds > 2) {
    seeds = Math.max(2, Math.min(seeds - 1, Math.floor((seeds * target) / cost.seconds)));
    trades.add('seeds');
    cost = at(size, seeds, epochs);
  }
  if (cost.seconds > target && epochs > MIN_EPOCHS) {
    epochs = Math.max(MIN_EPOCHS, Math.floor((epochs * target) / cost.seconds));
    trades.add('epochs');
    cost = at(size, seeds, epochs);
  }
  if (cost.seconds > target && seeds > 1) {
    seeds = 1;
    trades.add('seeds');
    cost = at(size, seeds, epochs);
  }
  const order: BudgetTrade[] = ['imageSize', 'seeds', 'epochs'];
  return {
    imageSize: size,
    seeds,
    epochs,
    cost,
    trades: order.filter((t) => trades.has(t)),
    fits: cost.seconds <= target,
  };
}

/** The head's shape as costEstimate needs it (heads/denseHead.ts HeadOptions, without importing tfjs). */
export interface HeadShape {
  pooling: 'gap' | 'flatten';
  hiddenUnits?: number;
}

/** Multiply-adds per image of a dense head on features of `featureShape` ([h, w, c] or [c]) for `classes` classes. */
export function headMultiplyAdds(featureShape: readonly number[], head: HeadShape, classes: number): number {
  const inputs =
    featureShape.length <= 1 || head.pooling === 'gap'
      ? (featureShape[featureShape.length - 1] ?? 0)
      : featureShape.reduce((p, d) => p * d, 1);
  const hidden = head.hiddenUnits ?? 0;
  return hidden > 0 ? inputs * hidden + hidden * classes : inputs * classes;
}

/** One block of the backbone up to the cut at the run's image size (BackboneDescription's blocks have this shape). */
export interface BlockShape {
  multiplyAdds: number;
  outputShape: number[];
}

/** Augmented copies per training image (experiment/runExperiment.ts AUGMENTED_VIEWS, without importing tfjs). */
const AUGMENTED_VIEWS = 3;

/**
 * The plan of a run from its settings, the backbone's blocks up to the cut at the run's image size, the head it gets
 * and how many images train and validate.
 */
export function costPlanOf(
  settings: {
    strategies: StrategyId[];
    seeds: number;
    epochs: number;
    batchSize: number;
    augment: boolean;
    imageSize: number;
    repeats?: number;
  },
  blocks: readonly BlockShape[],
  head: HeadShape,
  images: { train: number; validation: number; classes: number },
): CostPlan {
  const last = blocks[blocks.length - 1];
  return {
    imageSize: settings.imageSize,
    blockMultiplyAdds: blocks.map((b) => b.multiplyAdds),
    headMultiplyAdds: last ? headMultiplyAdds(last.outputShape, head, Math.max(2, images.classes)) : 0,
    strategies: [...settings.strategies],
    seeds: settings.seeds,
    epochs: settings.epochs,
    batchSize: settings.batchSize,
    trainImages: images.train,
    validationImages: images.validation,
    views: settings.augment ? AUGMENTED_VIEWS : 1,
    repeats: settings.repeats ?? 1,
  };
}
