import * as tf from '@tensorflow/tfjs';

/**
 * The parts of tfjs-backend-wasm's `BackendWasm` that the gradient kernels use, typed structurally so core does not
 * import the WASM package at run time. All tensor data of that backend lives in one WebAssembly heap.
 */
export interface WasmBackendLike {
  /** Allocates an uninitialised tensor on the heap; may grow the heap, which detaches earlier heap views. */
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  /** A view of the tensor's bytes on the heap (valid until the next allocation). */
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
  /** Drops one reference to the data; frees it when none is left. */
  disposeData(dataId: tf.DataId): boolean;
  /** Adds one reference to the data (an output that shares its input's data, as WASM's Reshape returns). */
  incRef(dataId: tf.DataId): void;
}

/** Narrows the `backend` a kernel receives; the kernels here are registered for 'wasm' only. */
export function asWasmBackend(backend: unknown): WasmBackendLike {
  const candidate = backend as Partial<WasmBackendLike> | null;
  if (
    candidate == null ||
    typeof candidate.makeOutput !== 'function' ||
    typeof candidate.typedArrayFromHeap !== 'function' ||
    typeof candidate.disposeData !== 'function' ||
    typeof candidate.incRef !== 'function'
  ) {
    throw new Error('wasm conv gradients: the backend passed to the kernel is not the tfjs WASM backend');
  }
  return candidate as WasmBackendLike;
}

/**
 * Runs another kernel the WASM backend has registered (never a high-level op: inside a kernel the engine must not
 * see new tensors). The caller owns the returned TensorInfo and frees it with `backend.disposeData`.
 */
export function runWasmKernel(
  kernelName: string,
  backend: WasmBackendLike,
  inputs: tf.NamedTensorInfoMap,
  attrs: tf.NamedAttrMap = {},
): tf.TensorInfo {
  const config = tf.getKernel(kernelName, 'wasm');
  if (config == null) throw new Error(`wasm conv gradients: the WASM backend has no '${kernelName}' kernel`);
  const out = config.kernelFunc({ inputs, backend, attrs });
  if (Array.isArray(out)) throw new Error(`wasm conv gradients: '${kernelName}' returned several outputs`);
  return out;
}

/** A float32 view of a tensor's data on the WASM heap. Re-take it after any allocation (heap growth detaches it). */
export function heapFloats(backend: WasmBackendLike, info: tf.TensorInfo): Float32Array {
  if (info.dtype !== 'float32') {
    throw new Error(`wasm conv gradients: expected float32 data, got ${info.dtype}`);
  }
  return backend.typedArrayFromHeap(info) as Float32Array;
}

/** The same data seen with another shape of the same size (no copy, no new reference: do not dispose it twice). */
export function withShape(info: tf.TensorInfo, shape: number[]): tf.TensorInfo {
  return { dataId: info.dataId, shape, dtype: info.dtype };
}

/** Frees kernel-internal intermediates. */
export function disposeAll(backend: WasmBackendLike, infos: readonly tf.TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

/** A float32 tensor on the heap holding `values` (the caller disposes it). */
export function constant(wasm: WasmBackendLike, shape: number[], values: ArrayLike<number>): tf.TensorInfo {
  const info = wasm.makeOutput(shape, 'float32');
  heapFloats(wasm, info).set(values);
  return info;
}

/**
 * scale[c]·v + offset[c] per channel of a [P, H, W, C] view, as WASM's FusedDepthwiseConv2D with a 1×1 filter (one
 * vectorised pass, XNNPACK). The caller owns the result (the view's shape).
 */
export function channelAffine(
  wasm: WasmBackendLike,
  view: tf.TensorInfo,
  scale: ArrayLike<number>,
  offset: ArrayLike<number>,
): tf.TensorInfo {
  const channels = view.shape[3];
  const filter = constant(wasm, [1, 1, channels, 1], scale);
  const bias = constant(wasm, [channels], offset);
  const out = runWasmKernel(tf.FusedDepthwiseConv2D, wasm, { x: view, filter, bias }, {
    strides: [1, 1],
    pad: 'valid',
    dilations: [1, 1],
    dataFormat: 'NHWC',
    activation: 'linear',
  } as unknown as tf.NamedAttrMap);
  disposeAll(wasm, [filter, bias]); // also frees the XNNPACK operator cached for this filter
  return out;
}
