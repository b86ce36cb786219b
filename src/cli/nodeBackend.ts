import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** Directory holding tfjs-backend-wasm's .wasm files, resolved from the installed package (works from any cwd). */
export function wasmDirectory(): string {
  return path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep;
}

let wasmPathsSet = false;

/**
 * Activates a tfjs backend in Node. 'wasm' (SIMD, no threads) is ~8x the pure-JS 'cpu' backend for inference.
 * Returns the backend actually active (falls back to 'cpu' if WASM cannot initialise).
 */
export async function useNodeBackend(name: 'wasm' | 'cpu'): Promise<string> {
  if (name === 'wasm' && !wasmPathsSet) {
    setWasmPaths(wasmDirectory());
    wasmPathsSet = true;
  }
  const ok = await tf.setBackend(name);
  if (!ok && name !== 'cpu') await tf.setBackend('cpu');
  await tf.ready();
  return tf.getBackend();
}
