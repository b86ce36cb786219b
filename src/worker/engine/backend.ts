/**
 * The worker's tfjs backends: WebGPU, WebGL (in @tensorflow/tfjs), WASM and CPU. The WASM binaries are bundled
 * by Vite (`?url`), so the app serves them itself (a missing file would otherwise come back as index.html from
 * the SPA fallback and fail to compile).
 *
 * WASM can run on threads (SIMD + threads build) when the page is cross-origin isolated (vite.config.ts sends
 * COOP/COEP) and the device has the cores for it (wasmUsesThreads): tfjs starts its threads from the source text
 * of its factory function, which the bundler's minification breaks, so vite.config.ts (wasmThreadsSurviveMinify)
 * hands it the untouched file instead.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { openDB } from 'idb';
import {
  backendCacheKey,
  measuredSpeeds,
  parseChoice,
  type BackendChoiceCache,
} from '../../core/backends/chooseBackend';
import { registerWasmConvGradients } from '../../core/backends/wasmConvGradients';
import { connectWorker } from '../connect';
import type { BackendMeasurement, BackendPreference } from '../protocol/engine';
import type { ProbeCommand, ProbeEvent } from '../protocol/probe';

let wasmConfigured = false;

/**
 * Fewest logical cores for the threaded WASM build. Measured side by side on 2 cores (bench/README.md,
 * wasm-threads): tfjs-backend-wasm computes on hardwareConcurrency / 2 threads (setThreadsCount can lower that,
 * not raise it), so below 4 cores its threaded build runs ONE thread — and there it embeds as fast as the
 * single-threaded build (MobileNet v1 0.25, batch 8: 95.2 vs 94.0 images/s) but trains 1.28× slower (9.4 vs 12.0
 * steps of 32 per s on MobileNet's last block: its Tile kernel, which batch-norm gradients use, takes twice as
 * long). Made to use both cores, it embedded 1.07× and trained 1.02× as fast as on one: still slower than the
 * single-threaded build. From 4 cores up: the threaded build on tfjs's default threads, not measured here.
 */
export const WASM_THREADS_MIN_CORES = 4;

/** 'policy' (WASM_THREADS_MIN_CORES), the 'single-threaded' build, or the threaded build on n threads. */
export type WasmThreadsChoice = 'policy' | 'single-threaded' | number;
let wasmThreadsChoice: WasmThreadsChoice = 'policy';

/** For measurements (the bench page): the WASM build to use instead of the policy. Before the first activation. */
export function overrideWasmThreads(choice: WasmThreadsChoice): void {
  if (wasmConfigured)
    throw new Error('overrideWasmThreads: WASM is configured already (call it before activateBackend)');
  wasmThreadsChoice = choice;
}

/** Whether WASM gets its threaded build, by the policy above or the override. */
function wasmUsesThreads(): boolean {
  if (wasmThreadsChoice === 'policy') return (navigator.hardwareConcurrency ?? 1) >= WASM_THREADS_MIN_CORES;
  return wasmThreadsChoice !== 'single-threaded';
}

/**
 * Points tfjs-backend-wasm at the bundled binaries, chooses its build (wasmUsesThreads) and adds the conv gradient
 * kernels it lacks. Idempotent; WASM reads the build once, when it first initialises.
 */
export function configureWasm(): void {
  if (wasmConfigured) return;
  if (!wasmUsesThreads()) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  else if (typeof wasmThreadsChoice === 'number') setThreadsCount(wasmThreadsChoice);
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmUrl,
    'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
  });
  registerWasmConvGradients();
  wasmConfigured = true;
}

export interface ActiveBackend {
  backend: string;
  measurements: BackendMeasurement[];
  reason: string;
  /** Threads WASM computes on, when WASM is the active backend. */
  wasmThreads: number | null;
  /**
   * True on a first visit: the engine started on WASM at once and the backends are being measured in the probe
   * worker (measureInBackground); the engine switches to the winner between runs.
   */
  measuring: boolean;
}

const wasmThreadsNow = () => (tf.getBackend() === 'wasm' ? getThreadsCount() : null);

/** Measured for 'auto', fastest first in a typical browser; each is skipped with a reason if it cannot start. */
export const CANDIDATE_BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'];

/**
 * What a first visit starts on while the candidates are measured: WASM trains every backbone here and is the
 * fastest without a GPU (bench/README.md), the CPU backend if WASM cannot start.
 */
const FIRST_VISIT_BACKENDS = ['wasm', 'cpu'];

const TRAINING = { training: true };
const deviceKey = () => `${navigator.userAgent}|${navigator.hardwareConcurrency ?? 1}`;

async function trySetBackend(name: string): Promise<boolean> {
  try {
    if (!(await tf.setBackend(name))) return false;
    await tf.ready();
    return tf.getBackend() === name;
  } catch {
    return false;
  }
}

const DB_NAME = 'transfer-studio-backend';
const STORE = 'choices';

/**
 * The measured choice per device in IndexedDB, so later visits start at once. Any storage failure (private mode,
 * quota) only means measuring again.
 */
export const choiceCache: BackendChoiceCache = {
  async get(key) {
    try {
      const db = await openDB(DB_NAME, 1, { upgrade: (d) => d.createObjectStore(STORE) });
      return await db.get(STORE, key);
    } catch {
      return undefined;
    }
  },
  async set(key, value) {
    try {
      const db = await openDB(DB_NAME, 1, { upgrade: (d) => d.createObjectStore(STORE) });
      await db.put(STORE, value, key);
    } catch {
      // Not cached: the next visit measures again.
    }
  },
};

/**
 * Activates `preference` (forced; throws naming it when it cannot start) or, for 'auto', the backend measured
 * fastest at training on an earlier visit (core/backends/chooseBackend.ts, remembered per device). Without one (a
 * first visit) it starts on WASM at once, `measuring: true`: the caller runs measureInBackground and switches to
 * its pick (activateMeasured) between runs, so the first click never waits for the measurement.
 */
export async function activateBackend(preference: BackendPreference): Promise<ActiveBackend> {
  configureWasm();
  if (preference !== 'auto') {
    if (!(await trySetBackend(preference)))
      throw new Error(`the ${preference} backend is not available in this browser`);
    return {
      backend: preference,
      measurements: [],
      reason: `chosen by you (${preference})`,
      wasmThreads: wasmThreadsNow(),
      measuring: false,
    };
  }
  const key = backendCacheKey(deviceKey(), CANDIDATE_BACKENDS, TRAINING);
  const cached = parseChoice(await choiceCache.get(key), key, CANDIDATE_BACKENDS);
  if (cached && (await trySetBackend(cached.backend))) {
    return {
      backend: cached.backend,
      measurements: measuredSpeeds(cached.measurements),
      reason: `${cached.reason} (measured on an earlier visit)`,
      wasmThreads: wasmThreadsNow(),
      measuring: false,
    };
  }
  for (const start of FIRST_VISIT_BACKENDS) {
    if (await trySetBackend(start)) {
      return {
        backend: start,
        measurements: [],
        reason: `started on ${start} at once while every backend is measured; the fastest takes over between runs`,
        wasmThreads: wasmThreadsNow(),
        measuring: true,
      };
    }
  }
  throw new Error('neither the WASM nor the CPU backend could start in this browser');
}

/** The probe worker's pick: the backend to switch to, why, and every measured speed. */
export type MeasuredChoice = Extract<ProbeEvent, { type: 'backends.measured' }>;

/** Why a measurement's `choice` rejects when `stop()` ended it (not a failure: it is measured again later). */
export class MeasurementStopped extends Error {
  constructor() {
    super('the backend measurement was stopped');
    this.name = 'MeasurementStopped';
  }
}

/** A measurement in the probe worker: its pick, and a way to end it early. */
export interface BackgroundMeasurement {
  choice: Promise<MeasuredChoice>;
  /** Ends the probe worker now; `choice` rejects with MeasurementStopped unless it has settled. */
  stop(): void;
}

/**
 * Measures every candidate in the backend probe worker (probe/probe.worker.ts), which also stores the choice for the
 * next visit; `choice` resolves with its pick, rejects with its error. The probe worker ends either way.
 */
export function measureInBackground(): BackgroundMeasurement {
  const worker = new Worker(new URL('../probe/probe.worker.ts', import.meta.url), {
    type: 'module',
    name: 'transfer-studio-probe',
  });
  const client = connectWorker<ProbeCommand, ProbeEvent>(worker, {
    label: 'backend probe worker',
    failure: (message) => ({ type: 'probe.error', message }),
  });
  let stopped: (() => void) | null = null;
  const choice = new Promise<MeasuredChoice>((resolve, reject) => {
    stopped = () => reject(new MeasurementStopped());
    client.subscribe((event) => {
      if (event.type === 'backends.measured') resolve(event);
      else reject(new Error(event.message));
    });
    void client
      .send({ type: 'backends.measure', candidates: CANDIDATE_BACKENDS, deviceKey: deviceKey() })
      .finally(() => client.terminate());
  });
  return {
    choice,
    stop() {
      client.terminate();
      stopped?.();
    },
  };
}

/** Activates the probe worker's pick (throws when it cannot start in this worker). */
export async function activateMeasured(choice: MeasuredChoice): Promise<ActiveBackend> {
  if (!(await trySetBackend(choice.backend))) throw new Error(`the ${choice.backend} backend did not start`);
  return {
    backend: choice.backend,
    measurements: choice.measurements,
    reason: choice.reason,
    wasmThreads: wasmThreadsNow(),
    measuring: false,
  };
}
