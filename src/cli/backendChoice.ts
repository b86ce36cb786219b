import * as tf from '@tensorflow/tfjs';
import os from 'node:os';
import type { ExperimentEnvironment } from '../core/experiment/types';
import { pickNodeBackend, useNodeBackend } from './nodeBackend';

export type BackendChoice = 'auto' | 'wasm' | 'cpu';

/**
 * Activates the tfjs backend for a run and returns the environment record for results.json:
 * 'wasm' or 'cpu' when forced (WASM falls back to CPU if it cannot start); 'auto' → pickNodeBackend measures both
 * on a small conv forward + training probe and keeps the faster one that can train (normally WASM).
 */
export async function chooseNodeBackend(choice: BackendChoice): Promise<ExperimentEnvironment> {
  silenceCpuBackendBanner();
  if (choice === 'auto') {
    const picked = await pickNodeBackend();
    return nodeEnvironment(
      picked.backend,
      picked.measurements
        .filter((m) => m.available)
        .map((m) => {
          const entry: NonNullable<ExperimentEnvironment['backendMeasurements']>[number] = {
            backend: m.backend,
            forwardImagesPerSecond: m.forwardImagesPerSecond,
          };
          if (m.trainStepsPerSecond !== undefined) entry.trainStepsPerSecond = m.trainStepsPerSecond;
          return entry;
        }),
    );
  }
  return nodeEnvironment(await useNodeBackend(choice));
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

/**
 * tfjs's CPU backend prints "Hi, looks like you are running TensorFlow.js in Node.js…" (a tfjs-node advert) on
 * its first tensor; measuring it or a CPU-side helper tensor would drop that into the CLI's output. Marks the
 * banner as shown. (tfjs-node is not an option here: the studio's engine must be the one the browser runs.)
 */
function silenceCpuBackendBanner(): void {
  const cpu = tf.findBackend('cpu') as { firstUse?: boolean } | null;
  if (cpu && 'firstUse' in cpu) cpu.firstUse = false;
}
