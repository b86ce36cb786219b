import type { DomainScatter } from '../adapt/domainScatter';
import type { StrategyId, CurvePoint } from '../train/types';
import type { CurveMetrics, StrategySummary } from '../metrics/types';
import type { MeasuredSpeed } from '../backends/chooseBackend';

/**
 * What one experiment compares. Persisted and shared by the CLI (`--config FILE.json`) and the studio, so it is
 * versioned; `parseExperimentConfig` (experiment/config.ts) validates it at the boundary with a message per bad field.
 */
export interface ExperimentConfig {
  schemaVersion: 1;
  /** Backbone registry id (backbones/catalogue.ts), e.g. "digits-vgg" or "mobilenet_v1_0.25". */
  backbone: string;
  /**
   * Overrides the catalogue's model URL (or, in Node, a path to model.json). In a studio result, `files:<name>`
   * records that the model came from files the user dropped (`name` = their model.json); not loadable as a URL.
   */
  modelUrl?: string;
  strategies: StrategyId[];
  /** Seeds 1..n are used; each seed sets weight init, shuffling and augmentation. */
  seeds: number;
  /**
   * Repeats 0..n−1 of the whole comparison, each on its own stratified split and training sample (data/split.ts
   * `stratifiedSplit(…, repeat)`: held-out windows of one shuffle, so n repeats together validate every image once
   * n ≥ 1 / validationFraction). Intervals over two or more repeats cover the split and sample; one repeat's
   * intervals cover the seeds only. Absent (configs saved before repeats existed, hand-made configs): 1.
   */
  repeats?: number;
  epochs: number;
  batchSize: number;
  /** Head learning rate; the fine-tuned backbone blocks use learningRate * backboneLearningRateScale. */
  learningRate: number;
  backboneLearningRateScale: number;
  /**
   * TRAINING examples per class. The validation set is split off first (validationFraction of each class,
   * stratified, splitSeed), then perClass training examples per class are drawn from the rest (all when undefined),
   * so "--per-class 10" means 10 training images per class and a validation set that does not change with it.
   */
  perClass?: number;
  /** Fraction of each class held out for validation (stratified). */
  validationFraction: number;
  /** Seed of the train/validation split and per-class sampling; the same split for every strategy and seed of a repeat. */
  splitSeed: number;
  /** Input side in pixels; undefined = the backbone's own. */
  imageSize?: number;
  augment: boolean;
  /** Let BatchNorm update its moving statistics while fine-tuning (off by default, as in the Keras guide). */
  trainBatchNorm: boolean;
}

/** One trial: a strategy trained from one seed on one repeat's split (train/trainTrial.ts), with its curve and errors. */
export interface TrialResult {
  strategy: StrategyId;
  /** The repeat (split and training sample), 0..config.repeats − 1. */
  repeat: number;
  seed: number;
  curve: CurvePoint[];
  metrics: CurveMetrics;
  /** One-off caching time in seconds (included in curve[1].seconds too). */
  cacheSeconds: number;
  /** Confusion matrix on the validation set after the last epoch: rows = true class, columns = predicted. */
  confusion: number[][];
  /** Validation example ids predicted wrongly after the last epoch, with the predicted class. */
  misclassified: { id: string; label: number; predicted: number }[];
}

export interface ExperimentEnvironment {
  backend: string;
  tfjsVersion: string;
  cores: number;
  platform: 'node' | 'browser';
  /**
   * What ran it: the studio, the command line, or an exported PyTorch project (`export-pytorch`, then `summarize`).
   * Absent in older results: read `platform` ('node' = the CLI).
   */
  runner?: 'studio' | 'cli' | 'pytorch';
  /** The machine in words ("Linux x64, Intel Xeon …"), never a host name; absent when unknown. */
  machine?: string;
  /** Processes of a distributed run (torchrun's world size); absent = 1. */
  worldSize?: number;
  /** PyTorch's version for runner 'pytorch' (then `tfjsVersion` is that of the core that summarised it). */
  torchVersion?: string;
  /** Backend measurements that led to the choice, images/s; empty when the backend was forced. */
  backendMeasurements?: MeasuredSpeed[];
}

/**
 * Which images each repeat trained and validated on, as digests anyone can recompute from the dataset's example ids
 * (experiment/splitDigest.ts: FNV-1a 64 over the ids, in dataset order, one per line). `digest` covers every repeat:
 * two runs with the same digest used exactly the same images the same way (the studio's demo and the CLI's
 * digits-ab preset compare this).
 */
export interface SplitRecord {
  digest: string;
  repeats: { repeat: number; train: string; validation: string; trainCount: number; validationCount: number }[];
}

/** Schema of results.json and of stored studio runs. 1: before repeats and intervals (read by migrateResult). */
export const RESULT_SCHEMA_VERSION = 2;

export interface ExperimentResult {
  schemaVersion: typeof RESULT_SCHEMA_VERSION;
  config: ExperimentConfig;
  /** Training and validation images per repeat (every repeat holds the same number). */
  dataset: {
    name: string;
    classNames: string[];
    trainCount: number;
    validationCount: number;
    /** Duplicates found and kept on one side of every split (data/duplicates.ts); absent in older results. */
    duplicates?: DuplicateCounts;
    /**
     * Classes with no image in some repeat's validation set (one image, or a single group of copies): validation
     * accuracy does not score them. Absent when every class is validated, and in older results.
     */
    unvalidatedClasses?: string[];
    /** Command line only: every file left out with --skip-bad-images, and why (absent when none). */
    skipped?: { file: string; reason: string }[];
  };
  /** Domain adaptation only (experiment/runAdaptation.ts): the labelled source; `dataset` is then the target. */
  source?: { name: string; count: number };
  /**
   * Domain adaptation only: source and target embeddings (the backbone's default cut, every image of both domains)
   * on their first two principal components, before and after CORAL alignment (adapt/domainScatter.ts).
   */
  adaptation?: { scatter: DomainScatter };
  /** Null in results migrated from schema 1 (which recorded no split). */
  split: SplitRecord | null;
  environment: ExperimentEnvironment;
  /**
   * One result per trial (strategy × seed × repeat), in the order they ran. The field keeps its first name, `runs`, because
   * results.json, stored studio runs and workspace archives all hold it (schema 1 and 2).
   */
  runs: TrialResult[];
  summary: StrategySummary[];
  startedAt: string;
  seconds: number;
}

/** What data/duplicates.ts found in a dataset (DuplicateGroups without the per-example groups). */
export interface DuplicateCounts {
  /** Examples whose pixels equal an earlier example's. */
  exactCopies: number;
  /** Examples that look like another (re-saved, resized) without equal pixels. */
  nearCopies: number;
  /** Examples in webcam bursts of two frames or more. */
  burstFrames: number;
  /** Groups of two or more examples, each kept on one side of every split. */
  groupCount: number;
  /** Groups holding examples of different classes (the same picture labelled twice). */
  mixedLabelGroups: number;
}
