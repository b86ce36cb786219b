import * as tf from '@tensorflow/tfjs';
import { conv2dBackpropFilterWasm } from './conv2dBackpropFilterWasm';
import { createConv2dBackpropInputWasm } from './conv2dBackpropInputWasm';
import { createSliceWasm } from './sliceWasm';
import { registerBatchNormGradient } from './batchNormGradient';
import { registerBatchNormTraining } from './batchNormTraining';
import { registerRelu6Activation } from './relu6Activation';
import { registerConv2DLayer } from './conv2dLayer';
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

/**
 * tfjs-backend-wasm's kernels that are wrapped with a faster path for common cases (each hands every other case to
 * the original): Conv2DBackpropInput (conv2dBackpropInputWasm.ts) and Slice (sliceWasm.ts).
 */
const WRAPPED_WASM_KERNELS: readonly [string, (original: tf.KernelFunc) => tf.KernelFunc][] = [
  [tf.Conv2DBackpropInput, createConv2dBackpropInputWasm],
  [tf.Slice, createSliceWasm],
];

/** Kernel functions of ours that wrap tfjs-backend-wasm's (to recognise them: idempotence). */
const ourWrappers = new WeakSet<tf.KernelFunc>();

/**
 * Registers the missing conv gradient kernels for backendName 'wasm', and wraps tfjs-backend-wasm's own
 * `Conv2DBackpropInput` with a matmul path for pointwise convolutions (conv2dBackpropInputWasm.ts) and its `Slice`
 * with a copy-free path for contiguous slices (sliceWasm.ts). Idempotent.
 *
 * - The missing kernels never replace a registered one (ours from an earlier call, or a native one from a future
 *   tfjs-backend-wasm).
 * - `Conv2DBackpropInput` and `Slice` are the existing kernels replaced. That is acceptable because each replacement
 *   computes the same function: 1×1 / stride 1 / unpadded NHWC convolutions go through WASM's matmul, equal to the
 *   CPU backend to float tolerance; contiguous slices are the same bytes, copied once or shared; every other case is
 *   handed to the captured original config's kernel, untouched. Both are property-tested against the CPU backend
 *   (conv2dBackpropInputWasm.test.ts, sliceWasm.test.ts). The original's setupFunc and disposeFunc are kept, so the
 *   wrapper works whether the backend initialises before or after this call.
 *   It needs tfjs-backend-wasm imported first (its kernels register on import); without it nothing is wrapped.
 *
 * - Also registers, for every backend (tfjs's gradient and activation registries are global), the broadcasting
 *   FusedBatchNorm gradient (batchNormGradient.ts: no Tile) and the 'relu6' activation as the Relu6 kernel with its
 *   four-kernel gradient (relu6Activation.ts), and BatchNormalization's training mode as one WASM kernel with its
 *   gradient (batchNormTraining.ts), and Conv2D layers whose bias-free linear convolutions use tf.conv2d's lazy
 *   gradient on WASM (conv2dLayer.ts); call this before models are built so their layers pick them up.
 *
 * Safe to call before or after the WASM backend initialises. Returns the names of the WASM kernels registered or
 * wrapped by this call (empty when there was nothing to do).
 */
export function registerWasmConvGradients(): string[] {
  registerBatchNormGradient();
  registerBatchNormTraining();
  registerRelu6Activation();
  registerConv2DLayer();
  const registered: string[] = [];
  for (const config of WASM_CONV_GRADIENT_KERNELS) {
    if (tf.getKernel(config.kernelName, config.backendName) != null) continue;
    tf.registerKernel(config);
    registered.push(config.kernelName);
  }
  for (const [kernelName, create] of WRAPPED_WASM_KERNELS) {
    if (wrapWasmKernel(kernelName, create)) registered.push(kernelName);
  }
  return registered;
}

/** True when the kernel was wrapped now; false when it was ours already or WASM has none to wrap. */
function wrapWasmKernel(kernelName: string, create: (original: tf.KernelFunc) => tf.KernelFunc): boolean {
  const original = tf.getKernel(kernelName, 'wasm');
  if (original == null || ourWrappers.has(original.kernelFunc)) return false;
  const kernelFunc = create(original.kernelFunc);
  ourWrappers.add(kernelFunc);
  // Unregister first: registerKernel over an existing entry logs a warning (and would replace it all the same).
  tf.unregisterKernel(kernelName, 'wasm');
  tf.registerKernel({ ...original, kernelFunc });
  return true;
}
