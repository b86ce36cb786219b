import * as tf from '@tensorflow/tfjs';
import os from 'node:os';
import type { ExperimentEnvironment } from '../core/experiment/types';
import * as nodeBackend from './nodeBackend';

/**
 * Activates the tfjs backend for a run: 'wasm' or 'cpu' when forced (WASM falls back to CPU if it cannot start),
 * 'auto' → measured by pickNodeBackend when available, else WASM. Returns the environment record.
 */
export async function chooseNodeBackend(choice: 'auto' | 'wasm' | 'cpu'): Promise<ExperimentEnvironment> {
  const pick = (nodeBackend as Record<string, unknown>).pickNodeBackend as
    | (() => Promise<{ backend: string; measurements?: ExperimentEnvironment['backendMeasurements'] }>)
    | undefined;
  if (choice === 'auto' && pick) {
    const picked = await pick();
    return nodeEnvironment(picked.backend, picked.measurements);
  }
  const backend = await nodeBackend.useNodeBackend(choice === 'cpu' ? 'cpu' : 'wasm');
  return nodeEnvironment(backend);
}

/** The environment record for results.json: backend, tfjs version, cores, platform 'node'. */
export function nodeEnvironment(backend: string, measurements?: ExperimentEnvironment['backendMeasurements']): ExperimentEnvironment {
  const env: ExperimentEnvironment = {
    backend,
    tfjsVersion: tf.version.tfjs,
    cores: typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length,
    platform: 'node',
  };
  if (measurements && measurements.length > 0) env.backendMeasurements = measurements;
  return env;
}
