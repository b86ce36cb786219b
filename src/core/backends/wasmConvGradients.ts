import * as tf from '@tensorflow/tfjs';
import { conv2dBackpropFilterWasm } from './conv2dBackpropFilterWasm';
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

/** Names of the kernels `registerWasmConvGradients` provides for the 'wasm' backend. */
export const WASM_CONV_GRADIENT_KERNEL_NAMES: readonly string[] = WASM_CONV_GRADIENT_KERNELS.map((k) => k.kernelName);

/**
 * Registers the missing conv gradient kernels for backendName 'wasm'. Idempotent, and never replaces a kernel that
 * is already registered (ours from an earlier call, or a native one from a future tfjs-backend-wasm). Safe to call
 * before or after the WASM backend initialises: the kernels need no setup and look up the kernels they build on when
 * they run. Returns the names registered by this call (empty when there was nothing to do).
 */
export function registerWasmConvGradients(): string[] {
  const registered: string[] = [];
  for (const config of WASM_CONV_GRADIENT_KERNELS) {
    if (tf.getKernel(config.kernelName, config.backendName) != null) continue;
    tf.registerKernel(config);
    registered.push(config.kernelName);
  }
  return registered;
}
