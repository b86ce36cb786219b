/**
 * The bench page's API, `window.bench`, called by scripts/bench.mjs through Playwright. Each call activates the
 * backend it is given with the studio's own backend module (src/worker/backend.ts: the same WASM binaries, conv
 * gradient kernels and WASM build policy as the app), then runs engine code on the page's main thread.
 *
 * `?wasmThreads=off|cores|<n>` overrides the WASM build for this page (the wasm-threads section): `off` = the
 * single-threaded SIMD build, `<n>` = the threaded build on n threads, `cores` = on navigator.hardwareConcurrency
 * (src/worker/backend.ts overrideWasmThreads).
 * WASM initialises once per page, so each variant is its own page; absent, the page runs as the app does.
 */
import * as tf from '@tensorflow/tfjs';
import { activateBackend, overrideWasmThreads } from '../../src/worker/engine/backend';
import type { BackendPreference } from '../../src/worker/protocol/engine';
import { runMemoryLoop, type MemoryLoopOptions } from './memory';
import { runOurs, type OursOptions } from './ours';
import { measureThroughput, type ThroughputOptions } from './throughput';
import { measureTrainingEpochs, type TrainingOptions } from './training';

/**
 * Applies `?wasmThreads=…` before any backend is activated; returns what was asked for (null: the app's policy).
 * tfjs-backend-wasm caps the threads at navigator.hardwareConcurrency / 2, read when the WASM module instantiates
 * (its backend.cc: init_with_threads_count), so setThreadsCount alone cannot go above 1 thread on 2 cores: for n
 * threads the page reports 2n cores until WASM has started (restoreHardwareConcurrency), then the true count.
 */
function applyWasmThreadsParameter(): {
  parameter: string;
  threadsRequested: number | null;
  hardwareConcurrency: number;
} | null {
  const parameter = new URLSearchParams(location.search).get('wasmThreads');
  if (parameter === null) return null;
  const hardwareConcurrency = navigator.hardwareConcurrency;
  if (parameter === 'off') {
    overrideWasmThreads('single-threaded');
    return { parameter, threadsRequested: null, hardwareConcurrency };
  }
  const threads = parameter === 'cores' ? hardwareConcurrency : Number(parameter);
  if (!Number.isInteger(threads) || threads < 1)
    throw new Error(`?wasmThreads=${parameter}: expected off, cores or a positive integer`);
  overrideWasmThreads(threads);
  Object.defineProperty(navigator, 'hardwareConcurrency', {
    configurable: true,
    get: () => Math.max(hardwareConcurrency, 2 * threads),
  });
  return { parameter, threadsRequested: threads, hardwareConcurrency };
}

/** Removes the page's own hardwareConcurrency (the prototype's true getter answers again). */
const restoreHardwareConcurrency = () => delete (navigator as { hardwareConcurrency?: number }).hardwareConcurrency;

const wasmThreadsOverride = applyWasmThreadsParameter();

/** What this browser offers, and why a backend would not start (read before any backend is activated). */
async function probeEnvironment() {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  let webgpu: { api: boolean; adapter: boolean; adapterInfo?: unknown; problem?: string };
  if (!gpu) {
    webgpu = {
      api: false,
      adapter: false,
      problem: 'navigator.gpu is undefined (WebGPU is off: needs --enable-unsafe-webgpu on Linux)',
    };
  } else {
    try {
      const adapter = (await gpu.requestAdapter()) as { info?: Record<string, string> } | null;
      webgpu = adapter
        ? {
            api: true,
            adapter: true,
            adapterInfo: adapter.info
              ? {
                  ...Object.fromEntries(
                    ['vendor', 'architecture', 'device', 'description'].map((k) => [k, adapter.info?.[k]]),
                  ),
                }
              : undefined,
          }
        : {
            api: true,
            adapter: false,
            problem: 'requestAdapter() returned null (no GPU; SwiftShader needs --enable-unsafe-swiftshader)',
          };
    } catch (error) {
      webgpu = { api: true, adapter: false, problem: `requestAdapter() threw: ${(error as Error).message}` };
    }
  }
  let webgl: { version: number; renderer: string | null; maxTextureSize?: number } = { version: 0, renderer: null };
  for (const [kind, version] of [
    ['webgl2', 2],
    ['webgl', 1],
  ] as const) {
    const gl = document.createElement('canvas').getContext(kind) as WebGLRenderingContext | null;
    if (!gl) continue;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    webgl = {
      version,
      renderer: String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER)),
      maxTextureSize: gl.getParameter(gl.MAX_TEXTURE_SIZE) as number,
    };
    break;
  }
  // The smallest module using a v128 instruction: validates only where WASM SIMD is supported.
  const simd = WebAssembly.validate(
    new Uint8Array([
      0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
    ]),
  );
  return {
    userAgent: navigator.userAgent,
    hardwareConcurrency: navigator.hardwareConcurrency,
    deviceMemoryGB: (navigator as Navigator & { deviceMemory?: number }).deviceMemory ?? null,
    crossOriginIsolated: self.crossOriginIsolated === true,
    sharedArrayBuffer: typeof SharedArrayBuffer === 'function',
    webgpu,
    webgl,
    wasm: { simd, threadsPossible: self.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function' },
    tfjs: tf.version.tfjs,
  };
}

/** Activates `backend` as the studio does when the user forces it; resolves with the reason it cannot, if so. */
async function useBackend(
  backend: BackendPreference,
): Promise<{ ok: boolean; backend: string | null; wasmThreads?: number | null; problem?: string }> {
  try {
    const active = await activateBackend(backend);
    return { ok: true, backend: active.backend, wasmThreads: active.wasmThreads };
  } catch (error) {
    return { ok: false, backend: null, problem: (error as Error).message };
  }
}

/** Runs `fn` on `backend`; `{available: false, problem}` when the backend does not start. */
async function onBackend<T>(backend: BackendPreference, fn: () => Promise<T>) {
  const used = await useBackend(backend);
  if (backend === 'wasm') restoreHardwareConcurrency();
  if (!used.ok) return { available: false as const, backend, problem: used.problem };
  const wasmFlags =
    backend === 'wasm'
      ? {
          WASM_HAS_SIMD_SUPPORT: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'),
          WASM_HAS_MULTITHREAD_SUPPORT: await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'),
          /** tfjs-backend-wasm's getThreadsCount(): the threads XNNPACK computes on. */
          threads: used.wasmThreads ?? null,
          override: wasmThreadsOverride,
        }
      : undefined;
  return { available: true as const, backend: tf.getBackend(), wasmFlags, result: await fn() };
}

const bench = {
  probeEnvironment,
  throughput: (backend: BackendPreference, options: ThroughputOptions) =>
    onBackend(backend, () => measureThroughput(options)),
  training: (backend: BackendPreference, options: TrainingOptions) =>
    onBackend(backend, () => measureTrainingEpochs(options)),
  ours: (backend: BackendPreference, options: OursOptions) => onBackend(backend, () => runOurs(options)),
  memory: (backend: BackendPreference, options: MemoryLoopOptions) => onBackend(backend, () => runMemoryLoop(options)),
};

declare global {
  interface Window {
    bench?: typeof bench;
  }
}

window.bench = bench;
document.body.dataset.ready = 'true';
