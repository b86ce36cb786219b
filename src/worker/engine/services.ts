/**
 * What the engine's services (experiment, sweep, transferability, classifier) share: how they read a run's
 * dataset, and the environment record a browser run carries.
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../../core/data/types';
import type { ExperimentEnvironment } from '../../core/experiment/types';
import type { BackendMeasurement, DatasetSource } from '../protocol/engine';
import type { ImageFit } from '../workspace/datasetLoader';

/** Reads a dataset source; with `fit`, the images may come cropped and resized for the run. */
export type LoadDataset = (
  source: DatasetSource,
  signal: AbortSignal,
  onProgress: (loaded: number, total: number) => void,
  fit?: ImageFit,
) => Promise<Dataset>;

/** The environment of a run in this worker: the active backend, tfjs version, cores, and its measurements if any. */
export function browserEnvironment(measurements: BackendMeasurement[] = []): ExperimentEnvironment {
  const environment: ExperimentEnvironment = {
    backend: tf.getBackend(),
    tfjsVersion: tf.version.tfjs,
    cores: navigator.hardwareConcurrency ?? 1,
    platform: 'browser',
  };
  if (measurements.length > 0) environment.backendMeasurements = measurements;
  return environment;
}
