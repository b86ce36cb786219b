import type { Estimate } from '../math/intervals';
import type { ExperimentEnvironment } from '../experiment/types';
import type { CurvePoint } from '../train/types';
import type { CurveMetrics, SummaryMetrics, TransferGain, Verdict } from '../metrics/types';

/**
 * A sweep: many trainings laid side by side along an axis (freeze depth, examples per class), as one job.
 * Versioned and persisted (CLI `sweep.json`, studio run history), validated by `parseSweepConfig` (config.ts).
 */

/**
 * How the trainable top blocks of a transferred network start:
 * - 'pretrained': with the source's weights, trained at learningRate × backboneLearningRateScale (fine-tuning);
 * - 'reinitialised': with fresh random weights, trained like scratch, the frozen blocks below kept — Yosinski et
 *   al. 2014's AnB / BnB ("the first n layers copied and frozen, the rest randomly initialised and trained").
 */
export type UpperBlocks = 'pretrained' | 'reinitialised';

/**
 * One curve of the depth axis: a source of pretrained weights (same architecture as `backbone`) and how its top
 * blocks start. Selffer: AnB (the built-in model, trained on A) and BnB (the B network, trained on the target
 * task itself), both 'reinitialised'.
 */
export interface SweepSeries {
  /** Short label shown on charts and in files, e.g. "transfer", "AnB", "BnB". Unique within a sweep. */
  id: string;
  /** model.json of the source weights; undefined = the sweep's own (`modelUrl`, else the catalogue's). */
  modelUrl?: string;
  upper: UpperBlocks;
}

/**
 * Multi-task learning (Caruana 1997) against sequential transfer: one network of the backbone's architecture,
 * randomly initialised, trained on the target task and an auxiliary task at once, a head for each, the shared
 * blocks receiving both tasks' gradients. Each step takes one target batch and one auxiliary batch.
 */
export interface MultitaskArm {
  /** Auxiliary training examples per class (drawn from the auxiliary dataset; the same for every size). */
  auxiliaryPerClass: number;
  /** Weight of the auxiliary loss (target loss weight 1). */
  auxiliaryWeight: number;
}

export interface SweepConfig {
  schemaVersion: 1;
  /** Backbone registry id (architecture and preprocessing of every series). */
  backbone: string;
  modelUrl?: string;
  /** Trainable top blocks of each transferred network, each a point of the depth axis: 0 = feature extraction. */
  depths: number[];
  /** Train the same architecture from random weights at every size (the floor every gain is paired against). */
  scratch: boolean;
  /**
   * Training examples per class, ascending. Nested: the training set of a size is the first examples of the same
   * per-class draw as every larger size; the validation set is split off first and is the same for all of them.
   */
  perClass: number[];
  seeds: number;
  /** Repeats: a new stratified split and training draw each (repeat 1 uses splitSeed itself). */
  repeats: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  backboneLearningRateScale: number;
  validationFraction: number;
  splitSeed: number;
  imageSize?: number;
  trainBatchNorm: boolean;
  /** The transferred curves; default one series, "transfer", of the sweep's own weights, fine-tuned. */
  series: SweepSeries[];
  /** Adds a multi-task arm (needs an auxiliary dataset); absent = none. */
  multitask?: MultitaskArm;
}

/** What a cell trains: the scratch floor, a transferred series at a depth, or the multi-task arm. */
export type SweepArm =
  { kind: 'scratch' } | { kind: 'transfer'; series: string; depth: number; upper: UpperBlocks } | { kind: 'multitask' };

/**
 * The identity of a cell (arm × examples per class). `strategy`: 'scratch', 'feature-extraction', 'fine-tune:k'
 * (pretrained top k blocks), 'retrain:k' (re-initialised top k blocks) or 'multitask'. `depth` is the number of
 * trainable blocks of a transferred network (0 = feature extraction) and absent for scratch and multi-task.
 */
export interface SweepCellKey {
  strategy: string;
  series?: string;
  depth?: number;
  perClass: number;
}

/** One training of a sweep: a cell at one repeat (0-based, as runExperiment's) and seed. */
export interface SweepTrial {
  repeat: number;
  seed: number;
  curve: CurvePoint[];
  /** Per-trial metrics (metrics/learningCurve.ts summarizeCurve). */
  metrics: CurveMetrics;
}

/**
 * A cell's metrics over repeats × seeds: metrics/compare.ts summarizeStrategies, the same numbers `run` reports
 * (mean and 95 % interval each; t over per-repeat means with ≥ 2 repeats, else over seeds).
 */
export type CellMetrics = SummaryMetrics;

export interface SweepCell extends SweepCellKey {
  trials: SweepTrial[];
  metrics: CellMetrics;
  /**
   * Paired gains over scratch (this cell − scratch on the same size, repeat and seed), with 95 % intervals; null for
   * scratch itself or a sweep without scratch. Same definitions as an experiment's transferGain.
   */
  gain: TransferGain | null;
  /** The verdict against scratch (overall from the AUC gain, negative transfer from the asymptote or plateau). */
  verdict: Verdict | null;
  /** The asymptote (plateau where unidentified) gain's interval lies below zero: negative transfer at this cell. */
  negativeTransfer: boolean;
}

/** One point of a chart: x and the estimate it shows. */
export interface AxisPoint {
  x: number;
  /** Index into SweepResult.cells, to open that cell's curves. */
  cell: number;
  plateau: Estimate;
  auc: Estimate;
  gain: Estimate | null;
}

/** A depth-axis point with its paired contrasts (same size, repeat and seed; null where a side is missing). */
export interface DepthPoint extends AxisPoint {
  /** This depth minus the same series' depth 0 (feature extraction): a dip or a rise as blocks are retrained. */
  versusDepth0: Estimate | null;
  /** This series minus the first series at the same depth (selffer: BnB − AnB, AnB+ − AnB). */
  versusFirstSeries: Estimate | null;
}

/** Accuracy against freeze depth at one size: one line per series, scratch as a band. */
export interface DepthAxis {
  perClass: number;
  series: { id: string; upper: UpperBlocks; points: DepthPoint[] }[];
  scratch: { plateau: Estimate; auc: Estimate; cell: number } | null;
  /** Per series: depth with the best mean plateau. */
  best: { series: string; depth: number }[];
}

/**
 * Accuracy against examples per class for one transferred curve (series at a depth) and scratch; `gap` per size
 * is the paired plateau gain. `crossover`: the first pair of adjacent sizes between which the gap's mean changes
 * sign (null when it never does); `clear` when the gap's interval excludes zero on both sides of it.
 */
export interface SizeAxis {
  series: string;
  depth: number;
  transfer: AxisPoint[];
  scratch: AxisPoint[];
  /** The multi-task arm at each size (empty without one), on the same chart. */
  multitask: AxisPoint[];
  /** Per transfer point: the paired plateau difference multi-task − transfer (same size, repeat, seed), or null. */
  multitaskOverTransfer: (Estimate | null)[];
  crossover: { between: [number, number]; clear: boolean } | null;
  /** The gap at the smallest size minus the gap at the largest (positive = the gap shrinks as data grows). */
  gapShrink: number | null;
  /**
   * The same change with its 95 % interval: gain at the smallest size minus gain at the largest, paired on repeat and
   * seed (summarize.ts pairedGainChange); null without scratch or a second size. Absent in sweeps stored before it.
   */
  gapShrinkPaired?: Estimate | null;
}

/** Cache reuse (DESIGN "Embed once"), in image × block forward passes through frozen blocks. */
export interface SweepCacheStats {
  trials: number;
  /** Passes a trial-by-trial run would make: every trial caches its own train + validation images. */
  naiveBlockPasses: number;
  /** Passes this sweep made: every image once through every frozen block, per source. */
  blockPasses: number;
  /** naiveBlockPasses / blockPasses (≥ 1). */
  reuseRatio: number;
  cacheSeconds: number;
}

export interface SweepResult {
  schemaVersion: 1;
  kind: 'sweep';
  config: SweepConfig;
  dataset: {
    name: string;
    classNames: string[];
    validationCount: number;
    /** Training examples per size (classes × perClass, fewer when a class is short). */
    trainCounts: Record<number, number>;
    auxiliary?: { name: string; classNames: string[]; trainCount: number };
  };
  environment: ExperimentEnvironment;
  cells: SweepCell[];
  axes: { depth: DepthAxis[]; perClass: SizeAxis[] };
  cache: SweepCacheStats;
  startedAt: string;
  seconds: number;
}

/**
 * Events of a running sweep (plain data, `subject.event`). `sweep.planned` comes first with every cell's key; a
 * trial is identified by its cell and its index in the run order (0..trialCount−1).
 */
export type SweepEvent =
  | { type: 'sweep.planned'; cells: SweepCellKey[]; trialCount: number; epochs: number }
  | { type: 'sweep.phase'; phase: 'loading' | 'caching' | 'training' | 'done'; detail?: string }
  | { type: 'sweep.cached'; series: string; depth: number; seconds: number; examples: number }
  | { type: 'trial.start'; cell: number; trialIndex: number; trialCount: number; repeat: number; seed: number }
  | { type: 'trial.epoch'; cell: number; trialIndex: number; point: CurvePoint; epochs: number }
  | { type: 'trial.end'; cell: number; trialIndex: number; trial: SweepTrial }
  /** A cell finished all its repeats × seeds; gains come with the result (they need scratch's cells). */
  | { type: 'cell.end'; cell: number; metrics: CellMetrics };
