import { describe, expect, it } from 'vitest';
import {
  classSizedBudget,
  costPlanOf,
  depthSeconds,
  estimateRunCost,
  headMultiplyAdds,
  trainableBlocks,
  type CostPlan,
  type DeviceRates,
} from './costEstimate';

// Three blocks; the rates were measured at the plan's size for scratch (3 blocks) and fine-tune:1.
const rates: DeviceRates = {
  backend: 'wasm',
  imageSize: 28,
  forwardSeconds: 0.003,
  depths: [
    { depth: 3, forwardSeconds: 0.003, trainSeconds: 0.012 },
    { depth: 1, forwardSeconds: 0.0005, trainSeconds: 0.001 },
  ],
  stepSeconds: 0.004,
  preprocessSeconds: 0.0002,
  augmentSeconds: 0.0001,
};
const plan: CostPlan = costPlanOf(
  {
    strategies: ['scratch', 'feature-extraction', 'fine-tune:1'],
    seeds: 3,
    epochs: 20,
    batchSize: 16,
    augment: false,
    imageSize: 28,
  },
  [
    { multiplyAdds: 1e6, outputShape: [14, 14, 16] },
    { multiplyAdds: 2e6, outputShape: [7, 7, 32] },
    { multiplyAdds: 1e6, outputShape: [3, 3, 64] },
  ],
  { pooling: 'flatten', hiddenUnits: 64 },
  { train: 50, validation: 300, classes: 5 },
);

describe('estimateRunCost', () => {
  it('adds up the parts of each strategy as runExperiment runs them', () => {
    const cost = estimateRunCost(plan, rates);
    expect(cost.strategies.map((s) => s.strategy)).toEqual(plan.strategies);
    expect(cost.seconds).toBeCloseTo(
      cost.strategies.reduce((n, s) => n + s.seconds, 0),
      10,
    );
    const [scratch, features, fineTune] = cost.strategies;
    // Scratch caches nothing beyond preprocessing; the transfer strategies run their frozen part once.
    expect(scratch.cacheSeconds).toBeCloseTo(350 * rates.preprocessSeconds, 10);
    expect(features.cacheSeconds).toBeGreaterThan(scratch.cacheSeconds);
    // Training everything costs most per epoch; only a head costs least.
    expect(scratch.epochSeconds).toBeGreaterThan(fineTune.epochSeconds);
    expect(fineTune.epochSeconds).toBeGreaterThan(features.epochSeconds);
    // Feature extraction's epoch: 4 steps of the head and the validation images through the head.
    expect(features.epochSeconds).toBeGreaterThanOrEqual(4 * rates.stepSeconds);
  });

  it('caches at the folded copy’s speed and evaluates at a forward batch’s cost', () => {
    const base = estimateRunCost(plan, rates);
    const measured = estimateRunCost(plan, { ...rates, cacheForwardSeconds: 0.0015, evalStepSeconds: 0.001 });
    const [, features, fineTune] = measured.strategies;
    // 350 images through the whole folded cut; fine-tune:1's frozen part holds 5/6 of the plain forward's seconds.
    expect(features.cacheSeconds).toBeCloseTo(350 * (0.0002 + 0.0015), 10);
    expect(fineTune.cacheSeconds).toBeCloseTo(350 * (0.0002 + (0.0015 * 0.0025) / 0.003), 10);
    // ⌈300 / 64⌉ = 5 validation batches an epoch, each a forward pass instead of a training step.
    expect(base.strategies[1].epochSeconds - features.epochSeconds).toBeCloseTo(5 * (0.004 - 0.001), 10);
  });

  it('grows linearly with seeds and epochs, and with the image area', () => {
    const base = estimateRunCost(plan, rates);
    const twice = estimateRunCost({ ...plan, seeds: 6 }, rates);
    for (let i = 0; i < base.strategies.length; i++) {
      const s = base.strategies[i];
      expect(twice.strategies[i].seconds - s.cacheSeconds).toBeCloseTo(2 * (s.seconds - s.cacheSeconds), 8);
    }
    const bigger = depthSeconds({ ...plan, imageSize: 56 }, rates, 3);
    expect(bigger.train).toBeCloseTo(4 * rates.depths[0].trainSeconds, 10);
  });

  it('estimates an unmeasured depth from the nearest measured one', () => {
    const two = depthSeconds(plan, { ...rates, depths: [rates.depths[1]] }, 2);
    // Blocks 2–3 hold 3/4 of the multiply-adds; trained at fine-tune:1's training / forward ratio (2).
    expect(two.forward).toBeCloseTo(0.003 * 0.75, 10);
    expect(two.train).toBeCloseTo(two.forward * 2, 10);
    expect(trainableBlocks('fine-tune:9', 3)).toBe(3);
    expect(trainableBlocks('feature-extraction', 3)).toBe(0);
  });

  it('rejects rates that are not positive', () => {
    expect(() => estimateRunCost(plan, { ...rates, imageSize: 0 })).toThrow(RangeError);
    expect(() => estimateRunCost({ ...plan, batchSize: 0 }, rates)).toThrow(RangeError);
  });
});

describe('headMultiplyAdds', () => {
  it('counts the pooled or flattened features through the dense layers', () => {
    expect(headMultiplyAdds([7, 7, 256], { pooling: 'gap' }, 5)).toBe(256 * 5);
    expect(headMultiplyAdds([3, 3, 64], { pooling: 'flatten', hiddenUnits: 64 }, 5)).toBe(576 * 64 + 64 * 5);
  });
});

describe('classSizedBudget', () => {
  // A MobileNet-like run at 224 px: an hour at these rates.
  const big: CostPlan = { ...plan, imageSize: 224, trainImages: 150, validationImages: 50, epochs: 20 };
  const slow: DeviceRates = {
    ...rates,
    imageSize: 224,
    forwardSeconds: 0.02,
    depths: [
      { depth: 3, forwardSeconds: 0.02, trainSeconds: 0.08 },
      { depth: 1, forwardSeconds: 0.002, trainSeconds: 0.004 },
    ],
  };

  it('trades image size first, then seeds (not below 2), then epochs, and says what it traded', () => {
    const before = estimateRunCost(big, slow).seconds;
    expect(before).toBeGreaterThan(300);
    const budget = classSizedBudget(big, slow, 96, 120);
    expect(budget.fits).toBe(true);
    expect(budget.cost.seconds).toBeLessThanOrEqual(120);
    expect(budget.trades[0]).toBe('imageSize');
    expect(budget.imageSize).toBeLessThan(224);
    expect(budget.imageSize).toBeGreaterThanOrEqual(96);
    if (budget.trades.includes('epochs')) expect(budget.seeds).toBeLessThanOrEqual(2);
  });

  it('changes nothing when the run already fits', () => {
    const budget = classSizedBudget(plan, rates, 16, 1e6);
    expect(budget).toMatchObject({ imageSize: 28, seeds: 3, epochs: 20, trades: [], fits: true });
  });
});
