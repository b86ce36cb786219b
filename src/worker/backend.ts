/**
 * The worker's tfjs backends: WebGPU, WebGL (in @tensorflow/tfjs), WASM and CPU. The WASM binaries are bundled
 * by Vite (`?url`), so the app serves them itself (a missing file would otherwise come back as index.html from
 * the SPA fallback and fail to compile).
 *
 * WASM runs single-threaded (SIMD): the threaded build starts its pthread workers from the *source text* of its
 * factory function (`Function.prototype.toString`), which no longer runs once the bundler has minified it
 * ("ReferenceError: e is not defined" in every pthread worker). Cross-origin isolation is kept for the future.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { registerWasmConvGradients } from '../core/backends/wasmConvGradients';
import type { BackendMeasurement, BackendPreference } from './protocol';

let wasmConfigured = false;

/** Points tfjs-backend-wasm at the bundled binaries and adds the conv gradient kernels it lacks. Idempotent. */
function configureWasm(): void {
  if (wasmConfigured) return;
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
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
}

/** Tried in this order when nothing was measured: WASM trains small CNNs fastest on CPUs without a usable GPU. */
const FALLBACK_ORDER = ['wasm', 'webgl', 'cpu'] as const;

async function trySetBackend(name: string): Promise<boolean> {
  try {
    if (!(await tf.setBackend(name))) return false;
    await tf.ready();
    return tf.getBackend() === name;
  } catch {
    return false;
  }
}

/**
 * Activates `preference` (forced) or, for 'auto', the first backend of FALLBACK_ORDER that starts. Throws when a
 * forced backend cannot start, naming it.
 */
export async function activateBackend(preference: BackendPreference): Promise<ActiveBackend> {
  configureWasm();
  if (preference !== 'auto') {
    if (!(await trySetBackend(preference))) throw new Error(`the ${preference} backend is not available in this browser`);
    return { backend: preference, measurements: [], reason: `chosen by you (${preference})` };
  }
  for (const name of FALLBACK_ORDER) {
    if (await trySetBackend(name)) {
      return { backend: name, measurements: [], reason: `first available of ${FALLBACK_ORDER.join(', ')}` };
    }
  }
  throw new Error('no TensorFlow.js backend could start in this browser');
}
