import * as tf from '@tensorflow/tfjs';
import type { BackboneSpec } from '../backbones/types';
import { cutAt, rebuildAtInputSize } from '../backbones/truncate';
import { foldBatchNorm } from '../backbones/foldBatchNorm';
import type { Dataset, DecodedImage } from '../data/types';
import { duplicateGroupsOf } from '../data/duplicates';
import { samplePerClass, stratifiedSplit } from '../data/split';
import { imageBatches, type AugmentedViews } from '../data/inputBatches';
import { fitImages } from '../data/fitImages';
import { deriveSeed } from '../math/rng';
import { wilsonInterval, type Estimate } from '../math/intervals';
import { HEAD_FOR_FAMILY } from '../heads/denseHead';
import { summarizeStrategies } from '../metrics/compare';
import { throwIfCancelled, type CancelSignal } from '../train/cancel';
import { parseStrategy, type ParsedStrategy } from '../train/strategy';
import { prepareStrategy, type PreparedStrategy } from '../train/prepareStrategy';
import { defaultNow, trainTrial } from '../train/trainTrial';
import type { CurvePoint, ExperimentEvent, StrategyId, TrialEndOutcome } from '../train/types';
import {
  RESULT_SCHEMA_VERSION,
  type DuplicateCounts,
  type ExperimentConfig,
  type ExperimentEnvironment,
  type ExperimentResult,
  type TrialResult,
} from './types';
import { datasetSizes, splitOf, trialResult } from './resultParts';
import { runAdaptationExperiment } from './runAdaptation';
import { isAdaptationStrategy } from '../train/types';

export interface ExperimentDeps {
  /** The dataset trained and validated on (for adaptation strategies: the TARGET domain). */
  dataset: Dataset;
  /** Adaptation strategies only (experiment/runAdaptation.ts): the labelled SOURCE domain. */
  source?: Dataset;
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
  /**
   * Resume: trials an interrupted run of the SAME config and dataset finished (every epoch), as its trial.epoch and
   * trial.end events gave them. Each is kept (its events emitted again, in order, its metrics recomputed here)
   * instead of trained; every other trial trains with its own seed and the same split, so the result equals an
   * uninterrupted run's up to timings. A kept trial whose curve or confusion does not fit the config is trained.
   */
  finished?: readonly FinishedTrial[];
}

/** One finished trial of an interrupted run (its curve from epoch 0 to config.epochs, and how it ended). */
export interface FinishedTrial extends TrialEndOutcome {
  strategy: StrategyId;
  seed: number;
  repeat: number;
  curve: CurvePoint[];
}

/**
 * What a resumed run checks its dataset against: a hash of the class names and every example's id and label, so
 * any image added, removed or moved to another class since the run started (which would change its split) gives
 * another fingerprint. 16 hex digits.
 */
export function datasetFingerprint(dataset: Pick<Dataset, 'classNames' | 'examples'>): string {
  let a = deriveSeed(1, dataset.classNames.length, ...dataset.classNames);
  let b = deriveSeed(2, dataset.examples.length);
  for (const { id, label } of dataset.examples) {
    a = deriveSeed(a, id, label);
    b = deriveSeed(b, label, id);
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/** Augmented copies of the training set made once per experiment (see `trainViews`). */
export const AUGMENTED_VIEWS = 3;

/**
 * Runs every strategy of `config` over seeds 1..config.seeds and repeats 0..config.repeats − 1 and summarises the
 * learning curves (DESIGN.md, metrics/compare.ts). Order of work: split every repeat (selectExamples), load, then
 * crop and resize every image used once (fitImages: 8-bit pixels of the input size), then per repeat (runRepeat):
 * warm up (first repeat only), and train in rounds — every strategy's seed 1 before any seed 2 (trialOrder) —
 * caching each strategy once per repeat on first use (feature extraction / fine-tune; images are scaled a batch at
 * a time on their way through the frozen part, so all of them are never held as float32) and freeing the caches
 * when the repeat ends.
 * Events carry only new data. Rejects with CancelledError on abort; on every path all tensors made here are freed
 * (tf.memory().numTensors returns to what it was, plus the caller's backbone if loadBackbone loaded it).
 */
export async function runExperiment(config: ExperimentConfig, deps: ExperimentDeps): Promise<ExperimentResult> {
  // Domain adaptation trains on embeddings of two datasets: its own path, the same trials, events and summary.
  if (config.strategies.some(isAdaptationStrategy)) return runAdaptationExperiment(config, deps);
  const now = deps.now ?? defaultNow;
  const startMs = now();
  const startedAt = new Date().toISOString();
  const emit = (event: ExperimentEvent) => deps.onEvent?.(event);
  const { dataset, spec, signal } = deps;
  const strategies = config.strategies.map((id) => ({ id, ...checkDepth(parseStrategy(id), id, spec) }));
  const repeats = config.repeats ?? 1;
  const splits = Array.from({ length: repeats }, (_, repeat) => selectExamples(dataset, config, repeat));

  emit({ type: 'experiment.phase', phase: 'loading', detail: spec.id });
  const loaded = await deps.loadBackbone();
  const models: tf.LayersModel[] = [];
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

    // Every image any repeat uses, cropped and resized once (8-bit) for all repeats and strategies.
    emit({ type: 'experiment.phase', phase: 'decoding', detail: `images at ${size}×${size}` });
    const used = [...new Set(splits.flatMap((split) => [...split.train, ...split.validation]))];
    const decoded = used.map((i) => dataset.examples[i].image);
    const fitted = await fitImages(decoded, spec.preprocessing, size, { signal });
    const imageOf = new Map(used.map((index, k) => [index, fitted[k]]));

    const trials: TrialResult[] = [];
    const context: RepeatContext = {
      config,
      dataset,
      images: (indices) => indices.map((i) => imageOf.get(i)!),
      spec,
      usableSpec,
      backbone,
      finished: deps.finished ?? [],
      cut,
      frozenCut,
      size,
      strategies,
      trialCount: repeats * strategies.length * config.seeds,
      emit,
      signal,
      now,
    };
    for (let repeat = 0; repeat < repeats; repeat++) {
      await runRepeat(context, repeat, splits[repeat], trials);
    }
    emit({ type: 'experiment.phase', phase: 'done' });
    const validationCount = splits[0].validation.length;
    return {
      schemaVersion: RESULT_SCHEMA_VERSION,
      config,
      dataset: {
        ...datasetSizes(dataset, splits),
        duplicates: duplicateCounts(dataset),
        ...unvalidated(dataset, splits),
      },
      split: splitOf(dataset, splits),
      environment: deps.environment,
      runs: trials,
      summary: summarizeStrategies(
        trials,
        { validationCount, numClasses: dataset.classNames.length },
        config.strategies,
      ),
      startedAt,
      seconds: (now() - startMs) / 1000,
    };
  } finally {
    // Views before the models they were cut from; disposing a view only drops its reference on shared weights.
    for (const model of models.reverse()) model.dispose();
  }
}

/** What every repeat of one experiment shares (borrowed: runExperiment owns the models). */
interface RepeatContext {
  config: ExperimentConfig;
  dataset: Dataset;
  /** The images of these dataset indices, cropped and resized once (fitImages). */
  images: (indices: readonly number[]) => DecodedImage[];
  spec: BackboneSpec;
  usableSpec: BackboneSpec;
  backbone: tf.LayersModel;
  cut: tf.LayersModel;
  /** The cut with BatchNorm folded (backbones/foldBatchNorm.ts): what runs the frozen parts. */
  frozenCut: tf.LayersModel;
  size: number;
  strategies: (ParsedStrategy & { id: StrategyId })[];
  trialCount: number;
  finished: readonly FinishedTrial[];
  emit: (event: ExperimentEvent) => void;
  signal?: CancelSignal;
  now: () => number;
}

/**
 * The order of one repeat's trials, as #18's lesson needs it: rounds by seed, and within a round the transfer
 * strategies (in config order) before scratch, so the first curves to appear are one of each strategy and the
 * baseline closes each round.
 */
export function trialOrder(strategies: readonly StrategyId[], seeds: number): { strategy: StrategyId; seed: number }[] {
  const ordered = [...strategies.filter((s) => s !== 'scratch'), ...strategies.filter((s) => s === 'scratch')];
  const order: { strategy: StrategyId; seed: number }[] = [];
  for (let seed = 1; seed <= seeds; seed++) for (const strategy of ordered) order.push({ strategy, seed });
  return order;
}

/**
 * One repeat: its images, then every (seed, strategy) in trialOrder, each strategy cached on first use and every
 * cache freed when the repeat ends (however it ends). Appends to `trials`.
 */
async function runRepeat(
  ctx: RepeatContext,
  repeat: number,
  split: { train: number[]; validation: number[] },
  trials: TrialResult[],
): Promise<void> {
  const { config, dataset, spec, cut, frozenCut, size, emit, signal, now } = ctx;
  const { train, validation } = split;
  const numClasses = dataset.classNames.length;
  const trainLabels = train.map((i) => dataset.examples[i].label);
  const validationLabels = validation.map((i) => dataset.examples[i].label);
  const validationIds = validation.map((i) => dataset.examples[i].id);

  emit({
    type: 'experiment.phase',
    phase: 'decoding',
    detail: `${train.length + validation.length} images at ${size}×${size}`,
  });
  // Scaled a batch at a time when cached (or materialised by strategies that train on raw inputs).
  const validationInputs = imageBatches(ctx.images(validation), spec.preprocessing, size);
  const views = config.augment ? AUGMENTED_VIEWS : 1;
  const trainInputs = imageBatches(
    ctx.images(train),
    spec.preprocessing,
    size,
    config.augment ? augmentedViews(trialSeed(config.splitSeed, repeat), spec) : undefined,
  );
  throwIfCancelled(signal);

  if (repeat === 0) {
    // First kernels compile shaders (WebGL) or warm caches; keep that out of every strategy's timings.
    emit({ type: 'experiment.phase', phase: 'warmup' });
    const warm = tf.tidy(
      () => frozenCut.predict(validationInputs.take(0, Math.min(1, validationInputs.count))) as tf.Tensor,
    );
    await warm.data();
    warm.dispose();
  }

  const prepared = new Map<StrategyId, PreparedStrategy>();
  const prepare = async (strategy: ParsedStrategy & { id: StrategyId }): Promise<PreparedStrategy> => {
    const ready = prepared.get(strategy.id);
    if (ready) return ready;
    throwIfCancelled(signal);
    emit({ type: 'experiment.phase', phase: 'caching', detail: strategy.id });
    const made = await prepareStrategy(strategy, {
      backbone: ctx.backbone,
      cut,
      frozenCut,
      cutLayer: spec.defaultCut,
      spec: ctx.usableSpec,
      trainInputs,
      validationInputs,
      numClasses,
      head: HEAD_FOR_FAMILY[spec.family],
      signal,
      now,
      onCacheProgress: (done, total) =>
        emit({ type: 'experiment.phase', phase: 'caching', detail: `${strategy.id}: ${done}/${total} images` }),
    });
    prepared.set(strategy.id, made);
    if (made.cachedExamples > 0) {
      emit({
        type: 'strategy.cached',
        strategy: strategy.id,
        seconds: made.cacheSeconds,
        examples: made.cachedExamples,
      });
    }
    return made;
  };

  try {
    for (const { strategy: id, seed } of trialOrder(
      ctx.strategies.map((s) => s.id),
      config.seeds,
    )) {
      const kept = keptTrial(ctx, id, seed, repeat, numClasses, validation.length);
      if (kept) {
        // Resumed: replay the finished trial's events and keep it; nothing is prepared or trained for it.
        const trialIndex = trials.length;
        emit({ type: 'trial.start', trialIndex, trialCount: ctx.trialCount, strategy: id, seed, repeat, kept: true });
        for (const point of kept.curve)
          emit({ type: 'trial.epoch', trialIndex, strategy: id, seed, repeat, point, epochs: config.epochs });
        trials.push(
          trialResult({ strategy: id, repeat, seed, cacheSeconds: kept.cacheSeconds }, kept, validation.length),
        );
        const correct = kept.confusion.reduce((sum, row, i) => sum + (row[i] ?? 0), 0);
        const outcome = {
          confusion: kept.confusion,
          misclassified: kept.misclassified,
          cacheSeconds: kept.cacheSeconds,
        };
        emit({
          type: 'trial.end',
          trialIndex,
          strategy: id,
          seed,
          repeat,
          accuracy: wilsonInterval(correct, validation.length),
          outcome,
        });
        continue;
      }
      const strategy = ctx.strategies.find((s) => s.id === id) as ParsedStrategy & { id: StrategyId };
      const ready = await prepare(strategy);
      emit({ type: 'experiment.phase', phase: 'training', detail: id });
      const trialIndex = trials.length;
      emit({ type: 'trial.start', trialIndex, trialCount: ctx.trialCount, strategy: id, seed, repeat });
      const { parts, release } = await ready.partsFor(seed);
      let accuracy: Estimate | undefined;
      let outcomeOfTrial: TrialEndOutcome | undefined;
      try {
        const outcome = await trainTrial(
          parts,
          {
            trainInputs: ready.trainInputs,
            views,
            trainLabels,
            validationInputs: ready.validationInputs,
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
            strategy: id,
            seed: trialSeed(seed, repeat),
            cacheSeconds: ready.cacheSeconds,
            signal,
            now,
            onEpoch: (point) =>
              emit({ type: 'trial.epoch', trialIndex, strategy: id, seed, repeat, point, epochs: config.epochs }),
          },
        );
        trials.push(
          trialResult({ strategy: id, repeat, seed, cacheSeconds: ready.cacheSeconds }, outcome, validation.length),
        );
        const correct = outcome.confusion.reduce((sum, row, i) => sum + (row[i] ?? 0), 0);
        accuracy = wilsonInterval(correct, validation.length);
        outcomeOfTrial = {
          confusion: outcome.confusion,
          misclassified: outcome.misclassified,
          cacheSeconds: ready.cacheSeconds,
        };
      } finally {
        release();
      }
      emit({ type: 'trial.end', trialIndex, strategy: id, seed, repeat, accuracy, outcome: outcomeOfTrial });
    }
  } finally {
    for (const ready of prepared.values()) ready.dispose();
  }
}

/**
 * The finished trial a resumed run keeps for (strategy, seed, repeat): one whose curve runs from epoch 0 to
 * config.epochs and whose confusion matrix has the dataset's classes and sums to the validation set; else null.
 */
function keptTrial(
  ctx: RepeatContext,
  strategy: StrategyId,
  seed: number,
  repeat: number,
  numClasses: number,
  validationCount: number,
): FinishedTrial | null {
  const epochs = ctx.config.epochs;
  const trial = ctx.finished.find((t) => t.strategy === strategy && t.seed === seed && t.repeat === repeat);
  if (!trial) return null;
  const complete =
    trial.curve.length === epochs + 1 &&
    trial.curve.every((p, i) => p.epoch === i) &&
    trial.confusion.length === numClasses &&
    trial.confusion.every((row) => row.length === numClasses) &&
    trial.confusion.flat().reduce((a, b) => a + b, 0) === validationCount;
  return complete ? trial : null;
}

/**
 * The seed a trial's initialisation and shuffling use: the seed itself in repeat 0 (what a single-repeat
 * experiment always used), an independent stream per repeat after that.
 */
export function trialSeed(seed: number, repeat: number): number {
  return repeat === 0 ? seed : deriveSeed(seed, 'repeat', repeat);
}

/**
 * Classes some repeat's validation set holds no image of (a class of one image, or one whose images are all copies
 * of one picture, kept on one side): validation accuracy then does not score them, so the result says which.
 * Absent when every class is validated (issue 13, item 9).
 */
export function unvalidated(
  dataset: Dataset,
  splits: readonly { validation: readonly number[] }[],
): { unvalidatedClasses?: string[] } {
  const missing = dataset.classNames.filter((_, c) =>
    splits.some((split) => !split.validation.some((i) => dataset.examples[i].label === c)),
  );
  return missing.length > 0 ? { unvalidatedClasses: missing } : {};
}

/** The counts of data/duplicates.ts for a dataset (its groups are computed once and remembered). */
export function duplicateCounts(dataset: Dataset): DuplicateCounts {
  const { exactCopies, nearCopies, burstFrames, groupCount, mixedLabelGroups } = duplicateGroupsOf(dataset);
  return { exactCopies, nearCopies, burstFrames, groupCount, mixedLabelGroups };
}

/**
 * One repeat's examples (ExperimentConfig.perClass, repeats): first a stratified validation split of every class
 * (validationFraction, splitSeed, the repeat's held-out window — data/split.ts; duplicates, near duplicates and
 * webcam bursts kept on one side — data/duplicates.ts), then up to perClass TRAINING
 * examples per class drawn from the rest (all of them when perClass is undefined), a new draw per repeat. So the
 * validation set does not depend on perClass, and every strategy and seed of a repeat sees the same examples.
 * Returns dataset indices, ascending.
 */
export function selectExamples(
  dataset: Dataset,
  config: Pick<ExperimentConfig, 'perClass' | 'validationFraction' | 'splitSeed'>,
  repeat = 0,
): { train: number[]; validation: number[] } {
  const labels = dataset.examples.map((example) => example.label);
  const { train: pool, validation } = stratifiedSplit(
    labels,
    config.validationFraction,
    config.splitSeed,
    dataset.classNames,
    repeat,
    duplicateGroupsOf(dataset).groups,
  );
  if (config.perClass === undefined) return { train: pool, validation };
  const chosen = samplePerClass(
    pool.map((i) => labels[i]),
    config.perClass,
    repeat === 0 ? deriveSeed(config.splitSeed, 'per-class') : deriveSeed(config.splitSeed, 'per-class', repeat),
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
