/**
 * The experiment runner's domain-adaptation path (runExperiment hands over when the strategies are adaptation
 * strategies, train/types.ts ADAPTATION_STRATEGIES): the same seeds, repeats, trial order, events, learning curves
 * and summary with paired 95 % intervals as every other strategy, with 'source-only' as the baseline the gains are
 * paired against (instead of scratch).
 *
 * Data: `deps.source` is a labelled SOURCE dataset (its class names must include every target class; other source
 * classes are left out), `deps.dataset` the TARGET. Each repeat splits the target as runExperiment does
 * (selectExamples: validation first, then up to perClass training images per class): the target training split is
 * unlabelled for coral / deep-coral / dan / dann, labelled for the oracle, and TRADABOOST_LABELLED_PER_CLASS of its
 * images per class are labelled for tradaboost. Every strategy is validated on the labelled target validation split.
 *
 * Embed once: every source and target image goes through the frozen backbone up to spec.defaultCut once per
 * experiment (transferability/embedForScores.ts, pooled as the family's head pools), reported as the one-off cache
 * of every strategy; training is then on embeddings (adapt/adaptationTrial.ts, adapt/trAdaBoost.ts). Epochs are
 * passes over the SOURCE (the oracle cycles its rows for the same number of steps); for tradaboost an epoch is a
 * boosting round. Frees every tensor it made on every path; rejects with CancelledError on abort.
 */
import * as tf from '@tensorflow/tfjs';
import { DatasetError, type Dataset } from '../data/types';
import { samplePerClass } from '../data/split';
import { selectRows, type Matrix } from '../math/linalg';
import { deriveSeed } from '../math/rng';
import { summarizeStrategies } from '../metrics/compare';
import { coralAlign } from '../adapt/coralAlign';
import { domainScatter } from '../adapt/domainScatter';
import { trainAdaptationTrial } from '../adapt/adaptationTrial';
import { trainTrAdaBoost } from '../adapt/trAdaBoost';
import { embedForScores } from '../transferability/embedForScores';
import { throwIfCancelled } from '../train/cancel';
import { defaultNow, type TrainTrialOutcome } from '../train/trainTrial';
import { isAdaptationStrategy, type AdaptationStrategyId } from '../train/types';
import { RESULT_SCHEMA_VERSION, type ExperimentConfig, type ExperimentResult, type TrialResult } from './types';
import { datasetSizes, splitOf, trialResult } from './resultParts';
import { selectExamples, trialOrder, trialSeed, type ExperimentDeps } from './runExperiment';

/** The baseline adaptation gains are paired against. */
export const ADAPTATION_BASELINE: AdaptationStrategyId = 'source-only';

/** Labelled target images per class TrAdaBoost gets (Dai et al. 2007: "a few"), drawn from the training split. */
export const TRADABOOST_LABELLED_PER_CLASS = 3;

/** Embedded rows of both domains, as float32 tensors the trials borrow (the runner owns and frees them). */
interface Embedded {
  source: Matrix;
  sourceLabels: number[];
  target: Matrix;
  seconds: number;
}

export async function runAdaptationExperiment(
  config: ExperimentConfig,
  deps: ExperimentDeps,
): Promise<ExperimentResult> {
  const now = deps.now ?? defaultNow;
  const startMs = now();
  const startedAt = new Date().toISOString();
  const emit = deps.onEvent ?? (() => undefined);
  const { dataset, spec, signal } = deps;
  const strategies = config.strategies.filter(isAdaptationStrategy);
  if (strategies.length !== config.strategies.length) {
    throw new RangeError('adaptation strategies cannot be mixed with scratch or fine-tuning in one experiment');
  }
  if (!deps.source) {
    throw new DatasetError(`strategies ${strategies.join(', ')} need a labelled source dataset besides the target`);
  }
  const source = alignClasses(deps.source, dataset.classNames);
  const repeats = config.repeats ?? 1;
  const splits = Array.from({ length: repeats }, (_, repeat) => selectExamples(dataset, config, repeat));
  const numClasses = dataset.classNames.length;

  emit({ type: 'experiment.phase', phase: 'loading', detail: spec.id });
  const model = await deps.loadBackbone();
  throwIfCancelled(signal);
  const embedded = await embedBoth(model, source, config, deps, emit);

  const trials: TrialResult[] = [];
  const trialCount = repeats * strategies.length * config.seeds;
  for (let repeat = 0; repeat < repeats; repeat++) {
    const { train, validation } = splits[repeat];
    const labelOf = (i: number) => dataset.examples[i].label;
    const trainLabels = train.map(labelOf);
    const validationLabels = validation.map(labelOf);
    const validationIds = validation.map((i) => dataset.examples[i].id);
    const few = samplePerClass(trainLabels, TRADABOOST_LABELLED_PER_CLASS, deriveSeed(config.splitSeed, 'few', repeat));
    const targetTrain = selectRows(embedded.target, train);
    const owned: tf.Tensor[] = [];
    const tensor = (m: Matrix): tf.Tensor2D => {
      const t = tf.tensor2d(Float32Array.from(m.data), [m.rows, m.cols]);
      owned.push(t);
      return t;
    };
    try {
      const s = tensor(embedded.source);
      const t = tensor(targetTrain);
      const v = tensor(selectRows(embedded.target, validation));
      const aligned = strategies.includes('coral') ? tensor(coralAlign(embedded.source, targetTrain)) : s;
      const labelledFew = tensor(selectRows(targetTrain, few));
      for (const { strategy, seed } of trialOrder(strategies, config.seeds)) {
        const id = strategy as AdaptationStrategyId;
        const trialIndex = trials.length;
        emit({ type: 'experiment.phase', phase: 'training', detail: id });
        emit({ type: 'trial.start', trialIndex, trialCount, strategy: id, seed, repeat });
        const common = {
          seed: trialSeed(seed, repeat),
          learningRate: config.learningRate,
          cacheSeconds: embedded.seconds,
          signal,
          now,
          onEpoch: (point: TrialResult['curve'][number]) =>
            emit({ type: 'trial.epoch', trialIndex, strategy: id, seed, repeat, point, epochs: config.epochs }),
        };
        const validationData = { validation: v, validationLabels, validationIds, numClasses };
        const outcome: TrainTrialOutcome =
          id === 'tradaboost'
            ? await trainTrAdaBoost(
                {
                  source: s,
                  sourceLabels: embedded.sourceLabels,
                  target: labelledFew,
                  targetLabels: few.map((k) => trainLabels[k]),
                  ...validationData,
                },
                { ...common, rounds: config.epochs },
              )
            : await trainAdaptationTrial(
                {
                  train: id === 'oracle' ? t : id === 'coral' ? aligned : s,
                  trainLabels: id === 'oracle' ? trainLabels : embedded.sourceLabels,
                  target: t,
                  ...validationData,
                },
                {
                  ...common,
                  method: id,
                  epochs: config.epochs,
                  batchSize: config.batchSize,
                  stepsPerEpoch: Math.ceil(embedded.sourceLabels.length / config.batchSize),
                },
              );
        trials.push(
          trialResult({ strategy: id, repeat, seed, cacheSeconds: embedded.seconds }, outcome, validation.length),
        );
        emit({ type: 'trial.end', trialIndex, strategy: id, seed, repeat });
      }
    } finally {
      tf.dispose(owned);
    }
  }
  const scatter = domainScatter(
    embedded.source,
    embedded.sourceLabels,
    embedded.target,
    dataset.examples.map((e) => e.label),
  );
  emit({ type: 'experiment.phase', phase: 'done' });
  const validationCount = splits[0].validation.length;
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    config,
    dataset: datasetSizes(dataset, splits),
    source: { name: source.name, count: source.examples.length },
    adaptation: { scatter },
    split: splitOf(dataset, splits),
    environment: deps.environment,
    runs: trials,
    summary: summarizeStrategies(trials, { validationCount, numClasses }, config.strategies, ADAPTATION_BASELINE),
    startedAt,
    seconds: (now() - startMs) / 1000,
  };
}

/**
 * The source relabelled to the target's class indices by class name; source classes the target lacks are left out.
 * Throws DatasetError when a target class has no source images (source-only could never predict it).
 */
export function alignClasses(source: Dataset, targetClasses: readonly string[]): Dataset {
  const indexOf = new Map(targetClasses.map((name, i) => [name, i]));
  const examples = source.examples.flatMap((example) => {
    const label = indexOf.get(source.classNames[example.label]);
    return label === undefined ? [] : [{ ...example, label }];
  });
  const missing = targetClasses.filter((_, c) => !examples.some((e) => e.label === c));
  if (missing.length > 0) {
    throw new DatasetError(
      `the source has no images of target class(es) ${missing.map((n) => `"${n}"`).join(', ')} ` +
        `(source classes: ${source.classNames.join(', ')})`,
    );
  }
  return { ...source, classNames: [...targetClasses], examples };
}

/** Every source image and every target image through the frozen backbone once (plain numbers, no tensors kept). */
async function embedBoth(
  model: tf.LayersModel,
  source: Dataset,
  config: ExperimentConfig,
  deps: ExperimentDeps,
  emit: NonNullable<ExperimentDeps['onEvent']>,
): Promise<Embedded> {
  const now = deps.now ?? defaultNow;
  const start = now();
  const cut = deps.spec.defaultCut;
  const options = { imageSize: config.imageSize, signal: deps.signal };
  emit({ type: 'experiment.phase', phase: 'caching', detail: `source: ${source.examples.length} images` });
  const sourceRows = await embedForScores(
    model,
    deps.spec,
    [cut],
    source.examples.map((e) => e.image),
    options,
  );
  emit({ type: 'experiment.phase', phase: 'caching', detail: `target: ${deps.dataset.examples.length} images` });
  const targetRows = await embedForScores(
    model,
    deps.spec,
    [cut],
    deps.dataset.examples.map((e) => e.image),
    options,
  );
  const seconds = (now() - start) / 1000;
  const examples = source.examples.length + deps.dataset.examples.length;
  for (const strategy of config.strategies) emit({ type: 'strategy.cached', strategy, seconds, examples });
  return {
    source: sourceRows.cuts[0].features,
    sourceLabels: source.examples.map((e) => e.label),
    target: targetRows.cuts[0].features,
    seconds,
  };
}
