import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createConvProbe, type ConvProbeOptions } from '../core/backends/convProbe';
import {
  selectBackend,
  type BackendMeasurement,
  type BackendNeeds,
  type BackendSelectionCache,
} from '../core/backends/selectBackend';
import { registerWasmConvGradients } from '../core/backends/wasmConvGradients';

const require = createRequire(import.meta.url);

/** Directory holding tfjs-backend-wasm's .wasm files, resolved from the installed package (works from any cwd). */
export function wasmDirectory(): string {
  return path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep;
}

let wasmPathsSet = false;

/** Points tfjs-backend-wasm at its .wasm files and registers the conv gradient kernels it lacks (both idempotent). */
function prepareNodeWasm(): void {
  if (!wasmPathsSet) {
    setWasmPaths(wasmDirectory());
    wasmPathsSet = true;
  }
  registerWasmConvGradients();
}

/**
 * Activates a tfjs backend in Node. 'wasm' (SIMD, no threads) is ~8x the pure-JS 'cpu' backend for inference, and
 * trains convolutions too: its missing conv gradient kernels are registered here (registerWasmConvGradients).
 * Returns the backend actually active (falls back to 'cpu' if WASM cannot initialise).
 */
export async function useNodeBackend(name: 'wasm' | 'cpu'): Promise<string> {
  if (name === 'wasm') prepareNodeWasm();
  const ok = await tf.setBackend(name);
  if (!ok && name !== 'cpu') await tf.setBackend('cpu');
  await tf.ready();
  return tf.getBackend();
}

export interface NodeBackendPick {
  backend: 'wasm' | 'cpu';
  measurements: BackendMeasurement[];
  reason: string;
}

export interface PickNodeBackendOptions {
  /** Default: training (the CLI fine-tunes and trains from scratch). */
  needs?: BackendNeeds;
  /** Optional store of the choice (e.g. a JSON file) so later runs skip measuring. */
  cache?: BackendSelectionCache;
  probe?: ConvProbeOptions;
}

/**
 * Measures 'wasm' against 'cpu' with a small conv forward + training probe (createConvProbe: about a second in
 * all) and ACTIVATES the faster one that can do what is needed. WASM can train only with the conv gradient kernels,
 * which are registered first and verified by the measurement's capability check.
 */
export async function pickNodeBackend(options: PickNodeBackendOptions = {}): Promise<NodeBackendPick> {
  prepareNodeWasm();
  const selection = await selectBackend({
    candidates: ['wasm', 'cpu'],
    probe: createConvProbe(options.probe),
    needs: options.needs ?? { training: true },
    cache: options.cache,
    deviceKey: `node-${process.version}-${os.cpus()[0]?.model ?? 'unknown cpu'}-${os.cpus().length}`,
  });
  await tf.ready();
  return {
    backend: selection.backend as 'wasm' | 'cpu',
    measurements: selection.measurements,
    reason: selection.fromCache ? `${selection.reason} (cached)` : selection.reason,
  };
}
