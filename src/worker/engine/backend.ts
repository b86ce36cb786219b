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
import { createConvProbe } from '../../core/backends/convProbe';
import { chooseBackend, measuredSpeeds, type BackendChoiceCache } from '../../core/backends/chooseBackend';
import { registerWasmConvGradients } from '../../core/backends/wasmConvGradients';
import type { BackendMeasurement, BackendPreference } from '../protocol/engine';

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
function configureWasm(): void {
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
}

const wasmThreadsNow = () => (tf.getBackend() === 'wasm' ? getThreadsCount() : null);

/** Measured for 'auto', fastest first in a typical browser; each is skipped with a reason if it cannot start. */
export const CANDIDATE_BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'];

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
const choiceCache: BackendChoiceCache = {
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
 * Activates `preference` (forced; throws naming it when it cannot start) or, for 'auto', the backend that trains
 * a small conv net fastest here (core/backends/chooseBackend.ts: a capability check plus a short timed probe on
 * each candidate), remembered per device.
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
    };
  }
  const choice = await chooseBackend({
    candidates: CANDIDATE_BACKENDS,
    probe: createConvProbe(),
    needs: { training: true },
    cache: choiceCache,
    deviceKey: `${navigator.userAgent}|${navigator.hardwareConcurrency ?? 1}`,
  });
  await tf.ready();
  return {
    backend: choice.backend,
    measurements: measuredSpeeds(choice.measurements),
    reason: choice.fromCache ? `${choice.reason} (measured on an earlier visit)` : choice.reason,
    wasmThreads: wasmThreadsNow(),
  };
}
