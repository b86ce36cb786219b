import * as tf from '@tensorflow/tfjs';
import { cutAt, rebuildAtInputSize, splitAtFreezeDepth } from '../backbones/truncate';
import { freshCopy } from '../backbones/randomInit';
import { foldBatchNorm } from '../backbones/foldBatchNorm';
import type { BackboneSpec } from '../backbones/types';
import { fitImages } from '../data/fitImages';
import { imageBatches } from '../data/inputBatches';
import type { Dataset } from '../data/types';
import type { ExperimentEnvironment } from '../experiment/types';
import { buildHead, HEAD_FOR_FAMILY } from '../heads/denseHead';
import { throwIfCancelled, type CancelSignal } from '../train/cancel';
import { defaultNow, trainTrial, type TrainParts } from '../train/trainTrial';
import { advanceBoundary, blocksUpToCut, type Boundary } from './depthChain';
import { planSweep, sweepExamples, usedIndices, type CacheGroup, type RepeatExamples, type SweepPlan } from './plan';
import { cellMetrics, depthAxes, sizeAxes, summarizeCells, sweepTrial } from './summarize';
import { samplePerClass } from '../data/split';
import { accuracyResolution } from '../math/intervals';
import { deriveSeed } from '../math/rng';
import { materialiseInputs } from '../train/boundaryCache';
import type { CurvePoint } from '../train/types';
import { trainMultitaskTrial } from './multitask';
import type { MultitaskArm, SweepConfig, SweepEvent, SweepResult, SweepTrial } from './types';

export interface SweepDeps {
  dataset: Dataset;
  spec: BackboneSpec;
  /**
   * Loads (or hands over) the weights of a source: '' = the sweep's own (config.modelUrl or the catalogue's), else
   * a series' modelUrl. Borrowed: never disposed here; weights and trainable flags are as they were afterwards.
   */
  loadBackbone: (source: string) => Promise<tf.LayersModel>;
  /** The auxiliary task of a multi-task arm (config.multitask), e.g. digits 0–4 for the digits A→B sweep. */
  auxiliary?: Dataset;
  environment: ExperimentEnvironment;
  onEvent?: (event: SweepEvent) => void;
  signal?: CancelSignal;
  now?: () => number;
}

/** A loaded source at the sweep's input size, with the models made from it. */
interface LoadedSource {
  key: string;
  backbone: tf.LayersModel;
  cut: tf.LayersModel;
  /** A frozen copy of `cut` with BatchNorm folded (backbones/foldBatchNorm.ts), every block output kept: what
   *  computes the boundaries. Training uses the unfolded `backbone`. */
  frozen: tf.LayersModel;
  spec: BackboneSpec;
  /** Models made here (a resized copy, the cut view), disposed when the source is dropped. */
  owned: tf.LayersModel[];
  /** The boundary of the last depth computed (the next depth's starting point). */
  boundary: Boundary | null;
}

/**
 * Runs every cell of `config` (arm × examples per class) over repeats × seeds and summarises them (summarize.ts).
 * Caches: every image used by any repeat is preprocessed a batch at a time and pushed, per source, through each
 * frozen block once (depthChain.ts); each trial gathers its rows from the boundary of its depth. Held at a time:
 * one boundary (two while the next is computed), the raw inputs only for cells that train every block, and one
 * trial's models — so memory is bounded by the largest cell, not the grid. Events stream every epoch and every
 * finished cell. An abort rejects with CancelledError within a batch; on every path every tensor made here is
 * freed and the sources' weights are restored.
 */
export async function runSweep(config: SweepConfig, deps: SweepDeps): Promise<SweepResult> {
  const now = deps.now ?? defaultNow;
  const startMs = now();
  const startedAt = new Date().toISOString();
  const emit = (event: SweepEvent) => deps.onEvent?.(event);
  const { dataset, spec, signal } = deps;
  const plan = planSweep(config);
  const examples = sweepExamples(dataset, config);
  const used = usedIndices(examples);
  const rowOf = new Map(used.map((index, row) => [index, row]));
  const labels = dataset.examples.map((e) => e.label);
  const numClasses = dataset.classNames.length;
  const size = config.imageSize ?? spec.preprocessing.inputSize;
  const context = { validationCount: examples[0]?.validation.length ?? 0, numClasses };
  emit({
    type: 'sweep.planned',
    cells: plan.cells.map((c) => c.key),
    trialCount: plan.trialCount,
    epochs: config.epochs,
  });

  // Every image the sweep uses, cropped and resized once (8-bit) for every source, cell and repeat.
  const fitted = await fitImages(
    used.map((i) => dataset.examples[i].image),
    spec.preprocessing,
    size,
    { signal },
  );
  const inputs = imageBatches(fitted, spec.preprocessing, size);
  const trialsByCell: SweepTrial[][] = plan.cells.map(() => []);
  const stats = { blockPasses: 0, naiveBlockPasses: 0, cacheSeconds: 0 };
  let source: LoadedSource | null = null;
  let raw: tf.Tensor | null = null;
  let auxiliaryRows: tf.Tensor | null = null;
  let auxiliaryCount = 0;
  let trialIndex = 0;

  const dropSource = () => {
    if (!source) return;
    if (source.boundary?.rows instanceof tf.Tensor) source.boundary.rows.dispose();
    for (const model of source.owned.reverse()) model.dispose();
    source = null;
  };
  const useSource = async (key: string): Promise<LoadedSource> => {
    if (source?.key === key) return source;
    dropSource();
    emit({ type: 'sweep.phase', phase: 'loading', detail: key || spec.id });
    const loaded = await deps.loadBackbone(key);
    throwIfCancelled(signal);
    const owned: tf.LayersModel[] = [];
    const backbone = loaded.inputs[0].shape[1] === size ? loaded : await rebuildAtInputSize(loaded, size);
    if (backbone !== loaded) owned.push(backbone);
    const cut = cutAt(backbone, spec.defaultCut);
    owned.push(cut);
    const names = new Set(backbone.layers.map((layer) => layer.name));
    const usable = { ...spec, blockOutputs: spec.blockOutputs.filter((name) => names.has(name)) };
    const frozen = await foldBatchNorm(cut, { keep: usable.blockOutputs });
    owned.push(frozen);
    source = { key, backbone, cut, frozen, spec: usable, owned, boundary: null };
    return source;
  };

  /** Trains every trial of `group`'s cells, one after another, with `runTrial`. */
  const trainGroup = async (group: CacheGroup, runTrial: TrialRunner) => {
    emit({ type: 'sweep.phase', phase: 'training', detail: plan.cells[group.cells[0]].key.strategy });
    for (const cellIndex of group.cells) {
      const cell = plan.cells[cellIndex];
      for (const repeat of examples) {
        const train = repeat.train.get(cell.key.perClass) ?? [];
        for (let seed = 1; seed <= config.seeds; seed++) {
          throwIfCancelled(signal);
          const index = trialIndex++;
          emit({
            type: 'trial.start',
            cell: cellIndex,
            trialIndex: index,
            trialCount: plan.trialCount,
            repeat: repeat.repeat,
            seed,
          });
          const trial = await runTrial(repeat, train, seed, (point) =>
            emit({ type: 'trial.epoch', cell: cellIndex, trialIndex: index, point, epochs: config.epochs }),
          );
          trialsByCell[cellIndex].push(trial);
          emit({ type: 'trial.end', cell: cellIndex, trialIndex: index, trial });
        }
      }
      emit({ type: 'cell.end', cell: cellIndex, metrics: cellMetrics(trialsByCell[cellIndex], context) });
    }
  };

  const gather = (rows: tf.Tensor, indices: number[]) =>
    tf.tidy(() =>
      tf.gather(
        rows,
        tf.tensor1d(
          indices.map((i) => rowOf.get(i)!),
          'int32',
        ),
      ),
    );

  /** The usual trial (trainTrial) of the parts `partsFor(seed)` makes, on rows gathered from `rows`. */
  const standardTrial =
    (rows: tf.Tensor, partsFor: PartsFactory): TrialRunner =>
    async (repeat, train, seed, onEpoch) => {
      const trainInputs = gather(rows, train);
      const validationInputs = gather(rows, repeat.validation);
      const { parts, release, fromScratch } = await partsFor(seed);
      try {
        const outcome = await trainTrial(
          parts,
          {
            trainInputs,
            views: 1,
            trainLabels: train.map((i) => labels[i]),
            validationInputs,
            validationLabels: repeat.validation.map((i) => labels[i]),
            validationIds: repeat.validation.map((i) => dataset.examples[i].id),
            numClasses,
          },
          {
            // A trainable part that starts from random weights trains as scratch does (full learning rate, BatchNorm
            // in training mode and re-estimated before each evaluation).
            strategy: fromScratch ? 'scratch' : 'fine-tune:1',
            seed,
            epochs: config.epochs,
            batchSize: config.batchSize,
            learningRate: config.learningRate,
            backboneLearningRateScale: config.backboneLearningRateScale,
            trainBatchNorm: config.trainBatchNorm,
            signal,
            now,
            onEpoch,
          },
        );
        return sweepTrial(repeat.repeat, seed, outcome.curve, context.validationCount);
      } finally {
        release();
        tf.dispose([trainInputs, validationInputs]);
      }
    };

  const newHead = (featureShape: number[], seed: number) =>
    buildHead(featureShape, numClasses, seed, HEAD_FOR_FAMILY[spec.family]);

  const runTransferGroup = async (group: CacheGroup & { source: string; depth: number }) => {
    const s = await useSource(group.source);
    const blocks = blocksUpToCut(s.spec, spec.defaultCut);
    if (group.depth > blocks)
      throw new RangeError(`depth ${group.depth}: ${spec.id} has ${blocks} blocks up to its cut`);
    emit({ type: 'sweep.phase', phase: 'caching', detail: `${group.source || spec.id} at depth ${group.depth}` });
    const from: Boundary = s.boundary ?? { depth: blocks, rows: inputs };
    const cacheStart = now();
    const next = await advanceBoundary(
      { backbone: s.frozen, spec: s.spec, cutLayer: spec.defaultCut, signal },
      from,
      group.depth,
    );
    if (s.boundary?.rows instanceof tf.Tensor) s.boundary.rows.dispose();
    s.boundary = { depth: group.depth, rows: next.rows };
    const seconds = (now() - cacheStart) / 1000;
    stats.blockPasses += next.blockPasses;
    stats.cacheSeconds += seconds;
    const trialsHere = group.cells.length * config.repeats * config.seeds;
    stats.naiveBlockPasses += (blocks - group.depth) * trialsHere * averageImages(examples, plan, group);
    emit({ type: 'sweep.cached', series: group.source || spec.id, depth: group.depth, seconds, examples: used.length });

    const flags = s.backbone.layers.map((layer) => layer.trainable);
    const split = group.depth > 0 ? splitAtFreezeDepth(s.backbone, s.spec, spec.defaultCut, group.depth) : null;
    split?.frozen?.dispose();
    const trainable = split?.trainable ?? null;
    const snapshot = trainable ? trainable.weights.map((w) => w.read().clone()) : [];
    const restore = () => trainable?.weights.forEach((w, i) => w.write(snapshot[i]));
    const featureShape = s.cut.outputs[0].shape.slice(1) as number[];
    try {
      // Cells of one group share the source and depth but may differ in how the top blocks start (series).
      const byUpper = new Map<string, number[]>();
      for (const c of group.cells) {
        const arm = plan.cells[c].arm;
        const upper = arm.kind === 'transfer' ? arm.upper : 'pretrained';
        byUpper.set(upper, [...(byUpper.get(upper) ?? []), c]);
      }
      for (const [upper, cells] of byUpper) {
        await trainGroup(
          { ...group, cells },
          standardTrial(next.rows, async (seed) => {
            const head = newHead(featureShape, seed);
            if (!trainable)
              return { parts: { backbone: null, head }, release: () => head.dispose(), fromScratch: false };
            if (upper === 'reinitialised') {
              const fresh = await freshCopy(trainable, seed);
              return {
                parts: { backbone: fresh, head },
                release: () => (head.dispose(), fresh.dispose()),
                fromScratch: true,
              };
            }
            return {
              parts: { backbone: trainable, head },
              release: () => (restore(), head.dispose()),
              fromScratch: false,
            };
          }),
        );
      }
    } finally {
      restore();
      tf.dispose(snapshot);
      trainable?.dispose();
      s.backbone.layers.forEach((layer, i) => (layer.trainable = flags[i]));
    }
  };

  /** The preprocessed inputs of every used image, made once for the arms that train every block. */
  const rawInputs = async (s: LoadedSource): Promise<tf.Tensor> => {
    if (!raw) {
      emit({ type: 'sweep.phase', phase: 'caching', detail: 'inputs' });
      const blocks = blocksUpToCut(s.spec, spec.defaultCut);
      const ctx = { backbone: s.frozen, spec: s.spec, cutLayer: spec.defaultCut, signal };
      raw = (await advanceBoundary(ctx, { depth: blocks, rows: inputs }, blocks)).rows;
    }
    return raw;
  };

  const runScratchGroup = async (group: CacheGroup) => {
    const s = await useSource(source?.key ?? '');
    const rows = await rawInputs(s);
    const featureShape = s.cut.outputs[0].shape.slice(1) as number[];
    await trainGroup(
      group,
      standardTrial(rows, async (seed) => {
        const backbone = await freshCopy(s.cut, seed);
        const head = newHead(featureShape, seed);
        return { parts: { backbone, head }, release: () => (head.dispose(), backbone.dispose()), fromScratch: true };
      }),
    );
  };

  const runMultitaskGroup = async (group: CacheGroup, arm: MultitaskArm) => {
    const auxiliary = deps.auxiliary;
    if (!auxiliary) throw new RangeError('a multi-task sweep needs an auxiliary dataset');
    const s = await useSource(source?.key ?? '');
    const rows = await rawInputs(s);
    const featureShape = s.cut.outputs[0].shape.slice(1) as number[];
    const auxLabels = auxiliary.examples.map((e) => e.label);
    const chosen = samplePerClass(auxLabels, arm.auxiliaryPerClass, deriveSeed(config.splitSeed, 'auxiliary'));
    emit({ type: 'sweep.phase', phase: 'caching', detail: `${chosen.length} auxiliary images` });
    auxiliaryRows = await materialiseInputs(
      imageBatches(
        chosen.map((i) => auxiliary.examples[i].image),
        spec.preprocessing,
        size,
      ),
      { signal },
    );
    const auxiliaryInputs = auxiliaryRows;
    auxiliaryCount = chosen.length;
    await trainGroup(group, async (repeat, train, seed, onEpoch) => {
      const trainInputs = gather(rows, train);
      const validationInputs = gather(rows, repeat.validation);
      const trunk = await freshCopy(s.cut, seed);
      const head = newHead(featureShape, seed);
      const auxClasses = auxiliary.classNames.length;
      const auxHead = buildHead(featureShape, auxClasses, deriveSeed(seed, 'auxiliary'), HEAD_FOR_FAMILY[spec.family]);
      try {
        const curve = await trainMultitaskTrial(
          { backbone: trunk, head },
          auxHead,
          {
            trainInputs,
            trainLabels: train.map((i) => labels[i]),
            auxiliaryInputs,
            auxiliaryLabels: chosen.map((i) => auxLabels[i]),
            validationInputs,
            validationLabels: repeat.validation.map((i) => labels[i]),
            numClasses,
            auxiliaryClasses: auxClasses,
          },
          {
            seed,
            epochs: config.epochs,
            batchSize: config.batchSize,
            learningRate: config.learningRate,
            auxiliaryWeight: arm.auxiliaryWeight,
            signal,
            now,
            onEpoch,
          },
        );
        return sweepTrial(repeat.repeat, seed, curve, context.validationCount);
      } finally {
        tf.dispose([trainInputs, validationInputs]);
        trunk.dispose();
        head.dispose();
        auxHead.dispose();
      }
    });
  };

  try {
    for (const group of plan.groups) {
      throwIfCancelled(signal);
      const arm = plan.cells[group.cells[0]].arm;
      if (group.source !== null && group.depth !== null) {
        await runTransferGroup({ ...group, source: group.source, depth: group.depth });
      } else if (arm.kind === 'multitask' && config.multitask) {
        await runMultitaskGroup(group, config.multitask);
      } else {
        await runScratchGroup(group);
      }
    }
    emit({ type: 'sweep.phase', phase: 'done' });
    const cells = summarizeCells(plan.cells, trialsByCell, context);
    const trainCounts = Object.fromEntries(
      config.perClass.map((p) => [p, examples[0]?.train.get(p)?.length ?? 0]),
    ) as Record<number, number>;
    return {
      schemaVersion: 1,
      kind: 'sweep',
      config,
      dataset: {
        name: dataset.name,
        classNames: [...dataset.classNames],
        validationCount: examples[0]?.validation.length ?? 0,
        trainCounts,
        ...(deps.auxiliary && config.multitask
          ? {
              auxiliary: {
                name: deps.auxiliary.name,
                classNames: [...deps.auxiliary.classNames],
                trainCount: auxiliaryCount,
              },
            }
          : {}),
      },
      environment: deps.environment,
      cells,
      axes: {
        depth: depthAxes(config, cells, accuracyResolution(context.validationCount)),
        perClass: sizeAxes(config, cells, accuracyResolution(context.validationCount)),
      },
      cache: {
        trials: plan.trialCount,
        naiveBlockPasses: Math.round(stats.naiveBlockPasses),
        blockPasses: stats.blockPasses,
        reuseRatio: stats.blockPasses > 0 ? stats.naiveBlockPasses / stats.blockPasses : 1,
        cacheSeconds: stats.cacheSeconds,
      },
      startedAt,
      seconds: (now() - startMs) / 1000,
    };
  } finally {
    (raw as tf.Tensor | null)?.dispose();
    (auxiliaryRows as tf.Tensor | null)?.dispose();
    dropSource();
  }
}

type PartsFactory = (seed: number) => Promise<{ parts: TrainParts; release: () => void; fromScratch: boolean }>;
type TrialRunner = (
  repeat: RepeatExamples,
  train: number[],
  seed: number,
  onEpoch: (point: CurvePoint) => void,
) => Promise<SweepTrial>;

/** Mean images (train + validation) a trial of `group` uses, over its cells and repeats. */
function averageImages(examples: readonly RepeatExamples[], plan: SweepPlan, group: CacheGroup): number {
  let sum = 0;
  let count = 0;
  for (const c of group.cells) {
    for (const r of examples) {
      sum += (r.train.get(plan.cells[c].key.perClass)?.length ?? 0) + r.validation.length;
      count++;
    }
  }
  return count > 0 ? sum / count : 0;
}
