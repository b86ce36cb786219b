/**
 * Leaks across runs in the browser: `runs` consecutive core runExperiment calls on the ACTIVE backend with the
 * built-in digits sample and digits-vgg (loaded once and kept, as the worker keeps its backbones), recording after
 * each run tf.memory() and, after a forced GC (Chromium started with --js-flags=--expose-gc), the JS heap
 * (performance.memory with --enable-precise-memory-info). A leak shows as growth after the first run.
 */
import * as tf from '@tensorflow/tfjs';
import { getBackbone } from '../../src/core/backbones/catalogue';
import { loadBackbone } from '../../src/core/backbones/load';
import { parseExperimentConfig } from '../../src/core/experiment/config';
import { runExperiment } from '../../src/core/experiment/runExperiment';
import { loadSampleDataset } from '../../src/worker/datasets/samples';

export interface MemoryLoopOptions {
  runs: number;
  /** Partial ExperimentConfig (backbone digits-vgg). */
  config: Record<string, unknown>;
  perClass: number;
}

export interface MemorySample {
  run: number;
  seconds: number;
  numTensors: number;
  numBytes: number;
  numBytesInGPU?: number;
  jsHeapUsedBytes: number | null;
}

function heapUsed(): number | null {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
  return memory ? memory.usedJSHeapSize : null;
}

function sample(run: number, seconds: number): MemorySample {
  const m = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number };
  return {
    run,
    seconds,
    numTensors: m.numTensors,
    numBytes: m.numBytes,
    numBytesInGPU: m.numBytesInGPU,
    jsHeapUsedBytes: heapUsed(),
  };
}

export async function runMemoryLoop(options: MemoryLoopOptions) {
  const spec = getBackbone('digits-vgg');
  // App-relative URLs are relative to the site root here (this page lives in /bench/browser/).
  const root = new URL('/', location.href).href;
  const backbone = await loadBackbone(spec, new URL(spec.modelUrl, root).href);
  const dataset = await loadSampleDataset(root, 'digits', options.perClass);
  const config = parseExperimentConfig({ backbone: 'digits-vgg', ...options.config });
  const samples: MemorySample[] = [sample(0, 0)];
  try {
    for (let run = 1; run <= options.runs; run++) {
      const t0 = performance.now();
      await runExperiment(config, {
        dataset,
        spec,
        loadBackbone: async () => backbone,
        environment: {
          backend: tf.getBackend(),
          tfjsVersion: tf.version.tfjs,
          cores: navigator.hardwareConcurrency,
          platform: 'browser',
        },
      });
      samples.push(sample(run, (performance.now() - t0) / 1000));
    }
  } finally {
    backbone.dispose();
  }
  return {
    backend: tf.getBackend(),
    config,
    samples,
    gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function',
  };
}
