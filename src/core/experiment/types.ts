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
  /** Seed of the train/validation split and per-class sampling; the same split for every strategy and seed. */
  splitSeed: number;
  /** Input side in pixels; undefined = the backbone's own. */
  imageSize?: number;
  augment: boolean;
  /** Let BatchNorm update its moving statistics while fine-tuning (off by default, as in the Keras guide). */
  trainBatchNorm: boolean;
}

/** One trial: a strategy trained from one seed (train/trainTrial.ts), with its learning curve and final errors. */
export interface TrialResult {
  strategy: StrategyId;
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
  /** Backend measurements that led to the choice, images/s; empty when the backend was forced. */
  backendMeasurements?: MeasuredSpeed[];
}

export interface ExperimentResult {
  schemaVersion: 1;
  config: ExperimentConfig;
  dataset: { name: string; classNames: string[]; trainCount: number; validationCount: number };
  environment: ExperimentEnvironment;
  /**
   * One result per trial (strategy × seed), in the order they ran. The field keeps its first name, `runs`, because
   * results.json, stored studio runs and workspace archives all hold it (schemaVersion 1).
   */
  runs: TrialResult[];
  summary: StrategySummary[];
  startedAt: string;
  seconds: number;
}
