import * as tf from '@tensorflow/tfjs';
import { conv2dBackpropFilterWasm } from './conv2dBackpropFilterWasm';
import { createConv2dBackpropInputWasm } from './conv2dBackpropInputWasm';
import { depthwiseBackpropFilterWasm } from './depthwiseBackpropFilterWasm';
import { depthwiseBackpropInputWasm } from './depthwiseBackpropInputWasm';

/**
 * The gradient kernels tfjs-backend-wasm 4.22 lacks, which make `tf.grads` through conv2d (filter) and
 * depthwiseConv2d (input and filter) throw on that backend. Built from kernels WASM already has (Transpose,
 * BatchMatMul, DepthwiseConv2dNative, Sum) plus plain-JS loops over the WASM heap.
 */
const WASM_CONV_GRADIENT_KERNELS: readonly tf.KernelConfig[] = [
  { kernelName: tf.Conv2DBackpropFilter, backendName: 'wasm', kernelFunc: conv2dBackpropFilterWasm },
  { kernelName: tf.DepthwiseConv2dNativeBackpropFilter, backendName: 'wasm', kernelFunc: depthwiseBackpropFilterWasm },
  { kernelName: tf.DepthwiseConv2dNativeBackpropInput, backendName: 'wasm', kernelFunc: depthwiseBackpropInputWasm },
];

/** Names of the kernels `registerWasmConvGradients` adds for the 'wasm' backend (the missing ones). */
export const WASM_CONV_GRADIENT_KERNEL_NAMES: readonly string[] = WASM_CONV_GRADIENT_KERNELS.map((k) => k.kernelName);

/** Kernel functions of ours that wrap tfjs-backend-wasm's Conv2DBackpropInput (to recognise them: idempotence). */
const ourBackpropInputs = new WeakSet<tf.KernelFunc>();

/**
 * Registers the missing conv gradient kernels for backendName 'wasm', and wraps tfjs-backend-wasm's own
 * `Conv2DBackpropInput` with a matmul path for pointwise convolutions (conv2dBackpropInputWasm.ts). Idempotent.
 *
 * - The missing kernels never replace a registered one (ours from an earlier call, or a native one from a future
 *   tfjs-backend-wasm).
 * - `Conv2DBackpropInput` is the one existing kernel replaced. That is acceptable because the replacement computes
 *   the same function: 1×1 / stride 1 / unpadded NHWC convolutions go through WASM's matmul, equal to the CPU backend
 *   to float tolerance, and every other case is handed to the captured original config's kernel, untouched; both are
 *   property-tested against the CPU backend (conv2dBackpropInputWasm.test.ts). The original's setupFunc and
 *   disposeFunc are kept, so the wrapper works whether the backend initialises before or after this call.
 *   It needs tfjs-backend-wasm imported first (its kernels register on import); without it nothing is wrapped.
 *
 * Safe to call before or after the WASM backend initialises. Returns the names registered or wrapped by this call
 * (empty when there was nothing to do).
 */
export function registerWasmConvGradients(): string[] {
  const registered: string[] = [];
  for (const config of WASM_CONV_GRADIENT_KERNELS) {
    if (tf.getKernel(config.kernelName, config.backendName) != null) continue;
    tf.registerKernel(config);
    registered.push(config.kernelName);
  }
  if (wrapConv2dBackpropInput()) registered.push(tf.Conv2DBackpropInput);
  return registered;
}

/** True when Conv2DBackpropInput was wrapped now; false when it was ours already or WASM has none to wrap. */
function wrapConv2dBackpropInput(): boolean {
  const original = tf.getKernel(tf.Conv2DBackpropInput, 'wasm');
  if (original == null || ourBackpropInputs.has(original.kernelFunc)) return false;
  const kernelFunc = createConv2dBackpropInputWasm(original.kernelFunc);
  ourBackpropInputs.add(kernelFunc);
  // Unregister first: registerKernel over an existing entry logs a warning (and would replace it all the same).
  tf.unregisterKernel(tf.Conv2DBackpropInput, 'wasm');
  tf.registerKernel({ ...original, kernelFunc });
  return true;
}
