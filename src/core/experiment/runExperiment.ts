import * as tf from '@tensorflow/tfjs';
import type { BackboneSpec } from '../backbones/types';
import { cutAt, rebuildAtInputSize } from '../backbones/truncate';
import { foldBatchNorm } from '../backbones/foldBatchNorm';
import type { Dataset } from '../data/types';
import { samplePerClass, stratifiedSplit } from '../data/split';
import { imageBatches, type AugmentedViews } from '../data/inputBatches';
import { deriveSeed } from '../math/rng';
import { HEAD_FOR_FAMILY } from '../heads/denseHead';
import { summarizeCurve } from '../metrics/learningCurve';
import { summarizeStrategies } from '../metrics/compare';
import { throwIfCancelled, type CancelSignal } from '../train/cancel';
import { parseStrategy, type ParsedStrategy } from '../train/strategy';
import { prepareStrategy, type PreparedStrategy } from '../train/prepareStrategy';
import { defaultNow, trainTrial } from '../train/trainTrial';
import type { ExperimentEvent, StrategyId } from '../train/types';
import type { ExperimentConfig, ExperimentEnvironment, ExperimentResult, TrialResult } from './types';

export interface ExperimentDeps {
  dataset: Dataset;
  /**
   * Loads (or hands over an already loaded) backbone. The caller owns it: it is not disposed here, and its weights
   * and trainable flags are as they were when the experiment ends, however it ends.
   */
  loadBackbone: () => Promise<tf.LayersModel>;
  spec: BackboneSpec;
  environment: ExperimentEnvironment;
  onEvent?: (event: ExperimentEvent) => void;
  /** An AbortSignal (browser or Node); an abort rejects with CancelledError within a batch. */
  signal?: CancelSignal;
  /** Clock in milliseconds (default performance.now or Date.now). */
  now?: () => number;
}

/** Augmented copies of the training set made once per experiment (see `trainViews`). */
export const AUGMENTED_VIEWS = 3;

/**
 * Runs every strategy of `config` over seeds 1..config.seeds on one split of `deps.dataset` and summarises the
 * learning curves (DESIGN.md). Order of work: load, split (the same for every strategy and seed), warm up, then
 * per strategy: cache once (feature extraction / fine-tune; images are preprocessed a batch at a time on their way
 * through the frozen part, so all of them are never held as pixels), train one trial per seed, free the cache.
 * Events carry only new data. Rejects with CancelledError on abort; on every path all tensors made here are freed
 * (tf.memory().numTensors returns to what it was, plus the caller's backbone if loadBackbone loaded it).
 */
export async function runExperiment(config: ExperimentConfig, deps: ExperimentDeps): Promise<ExperimentResult> {
  const now = deps.now ?? defaultNow;
  const startMs = now();
  const startedAt = new Date().toISOString();
  const emit = (event: ExperimentEvent) => deps.onEvent?.(event);
  const { dataset, spec, signal } = deps;
  const strategies = config.strategies.map((id) => ({ id, ...checkDepth(parseStrategy(id), id, spec) }));
  const numClasses = dataset.classNames.length;
  const { train, validation } = selectExamples(dataset, config);
  const trainLabels = train.map((i) => dataset.examples[i].label);
  const validationLabels = validation.map((i) => dataset.examples[i].label);
  const validationIds = validation.map((i) => dataset.examples[i].id);

  emit({ type: 'experiment.phase', phase: 'loading', detail: spec.id });
  const loaded = await deps.loadBackbone();
  const models: tf.LayersModel[] = [];
  let prepared: PreparedStrategy | null = null;
  try {
    throwIfCancelled(signal);
    const size = config.imageSize ?? spec.preprocessing.inputSize;
    // A copy at another input size has its own weights, so fine-tuning it leaves the caller's model untouched.
    const backbone = inputSide(loaded) === size ? loaded : await rebuildAtInputSize(loaded, size);
    if (backbone !== loaded) models.push(backbone);
    const cut = cutAt(backbone, spec.defaultCut);
    models.push(cut);
    // Blocks that exist in this model (a user's model may stop early); splitAtFreezeDepth needs all it is given.
    const names = new Set(backbone.layers.map((layer) => layer.name));
    const usableSpec = { ...spec, blockOutputs: spec.blockOutputs.filter((name) => names.has(name)) };
    // What runs the frozen parts: BatchNorm folded into the convolutions, every block output kept as a boundary.
    const frozenCut = await foldBatchNorm(cut, { keep: usableSpec.blockOutputs });
    models.push(frozenCut);

    emit({
      type: 'experiment.phase',
      phase: 'decoding',
      detail: `${train.length + validation.length} images at ${size}×${size}`,
    });
    // Preprocessed a batch at a time when cached (or materialised by strategies that train on raw inputs).
    const validationInputs = imageBatches(
      validation.map((i) => dataset.examples[i].image),
      spec.preprocessing,
      size,
    );
    const views = config.augment ? AUGMENTED_VIEWS : 1;
    const trainInputs = imageBatches(
      train.map((i) => dataset.examples[i].image),
      spec.preprocessing,
      size,
      config.augment ? augmentedViews(config.splitSeed, spec) : undefined,
    );
    throwIfCancelled(signal);

    // First kernels compile shaders (WebGL) or warm caches; keep that out of every strategy's timings.
    emit({ type: 'experiment.phase', phase: 'warmup' });
    const warm = tf.tidy(
      () => frozenCut.predict(validationInputs.take(0, Math.min(1, validationInputs.count))) as tf.Tensor,
    );
    await warm.data();
    warm.dispose();

    const trials: TrialResult[] = [];
    const trialCount = strategies.length * config.seeds;
    for (const strategy of strategies) {
      throwIfCancelled(signal);
      emit({ type: 'experiment.phase', phase: 'caching', detail: strategy.id });
      prepared = await prepareStrategy(strategy, {
        backbone,
        cut,
        frozenCut,
        cutLayer: spec.defaultCut,
        spec: usableSpec,
        trainInputs,
        validationInputs,
        numClasses,
        head: HEAD_FOR_FAMILY[spec.family],
        signal,
        now,
        onCacheProgress: (done, total) =>
          emit({ type: 'experiment.phase', phase: 'caching', detail: `${strategy.id}: ${done}/${total} images` }),
      });
      if (prepared.cachedExamples > 0) {
        emit({
          type: 'strategy.cached',
          strategy: strategy.id,
          seconds: prepared.cacheSeconds,
          examples: prepared.cachedExamples,
        });
      }
      emit({ type: 'experiment.phase', phase: 'training', detail: strategy.id });
      for (let seed = 1; seed <= config.seeds; seed++) {
        const trialIndex = trials.length;
        emit({ type: 'trial.start', trialIndex, trialCount, strategy: strategy.id, seed });
        const { parts, release } = await prepared.partsFor(seed);
        try {
          const outcome = await trainTrial(
            parts,
            {
              trainInputs: prepared.trainInputs,
              views,
              trainLabels,
              validationInputs: prepared.validationInputs,
              validationLabels,
              validationIds,
              numClasses,
            },
            {
              epochs: config.epochs,
              batchSize: config.batchSize,
              learningRate: config.learningRate,
              backboneLearningRateScale: config.backboneLearningRateScale,
              trainBatchNorm: config.trainBatchNorm,
              strategy: strategy.id,
              seed,
              cacheSeconds: prepared.cacheSeconds,
              signal,
              now,
              onEpoch: (point) =>
                emit({ type: 'trial.epoch', trialIndex, strategy: strategy.id, seed, point, epochs: config.epochs }),
            },
          );
          trials.push({
            strategy: strategy.id,
            seed,
            curve: outcome.curve,
            metrics: summarizeCurve(outcome.curve),
            cacheSeconds: prepared.cacheSeconds,
            confusion: outcome.confusion,
            misclassified: outcome.misclassified,
          });
        } finally {
          release();
        }
        emit({ type: 'trial.end', trialIndex, strategy: strategy.id, seed });
      }
      prepared.dispose();
      prepared = null;
    }
    emit({ type: 'experiment.phase', phase: 'done' });
    return {
      schemaVersion: 1,
      config,
      dataset: {
        name: dataset.name,
        classNames: [...dataset.classNames],
        trainCount: train.length,
        validationCount: validation.length,
      },
      environment: deps.environment,
      runs: trials,
      summary: summarizeStrategies(trials),
      startedAt,
      seconds: (now() - startMs) / 1000,
    };
  } finally {
    prepared?.dispose();
    // Views before the models they were cut from; disposing a view only drops its reference on shared weights.
    for (const model of models.reverse()) model.dispose();
  }
}

/**
 * The experiment's examples (ExperimentConfig.perClass): first a stratified validation split of every class
 * (validationFraction, splitSeed), then up to perClass TRAINING examples per class drawn from the rest (all of
 * them when perClass is undefined). So the validation set does not depend on perClass, and every strategy and
 * seed sees the same examples. Returns dataset indices, ascending.
 */
export function selectExamples(
  dataset: Dataset,
  config: Pick<ExperimentConfig, 'perClass' | 'validationFraction' | 'splitSeed'>,
): { train: number[]; validation: number[] } {
  const labels = dataset.examples.map((example) => example.label);
  const { train: pool, validation } = stratifiedSplit(
    labels,
    config.validationFraction,
    config.splitSeed,
    dataset.classNames,
  );
  if (config.perClass === undefined) return { train: pool, validation };
  const chosen = samplePerClass(
    pool.map((i) => labels[i]),
    config.perClass,
    deriveSeed(config.splitSeed, 'per-class'),
  );
  return { train: chosen.map((j) => pool[j]), validation };
}

/**
 * AUGMENTED_VIEWS augmented copies of the training inputs, view-major ([views × n, ...]). Drawn once per
 * experiment from the split seed, not per trial: every strategy then caches them through its frozen part once,
 * like the plain inputs, and each trial's seed only picks which view an example shows in an epoch — the same
 * mechanism for every strategy, so the comparison stays fair. Flips are off for digits (a mirrored digit is
 * another glyph).
 */
function augmentedViews(splitSeed: number, spec: BackboneSpec): AugmentedViews {
  return {
    views: AUGMENTED_VIEWS,
    seedOfView: (view) => deriveSeed(splitSeed, 'augment', view),
    options: { flip: spec.family !== 'digits-vgg' },
  };
}

/**
 * Rejects a fine-tune depth beyond the blocks up to the cut (RangeError) before any work is done; the CLI checks
 * a config with it before loading anything.
 */
export function checkDepth(strategy: ParsedStrategy, id: StrategyId, spec: BackboneSpec): ParsedStrategy {
  const cutIndex = spec.blockOutputs.indexOf(spec.defaultCut);
  const blocks = cutIndex >= 0 ? cutIndex + 1 : spec.blockOutputs.length;
  if (strategy.kind === 'fine-tune' && strategy.depth > blocks) {
    throw new RangeError(
      `strategy "${id}": ${spec.id} has ${blocks} blocks up to its cut "${spec.defaultCut}", so k must be 1..${blocks}`,
    );
  }
  return strategy;
}

function inputSide(model: tf.LayersModel): number | null {
  return model.inputs[0].shape[1] ?? null;
}
