import * as tf from '@tensorflow/tfjs';
import { asWasmBackend } from './wasmKernelCalls';

/**
 * `Slice` for the WASM backend without tfjs-backend-wasm's copy of the whole input: its kernel first reads `x` out
 * of the WebAssembly heap into a new JS array (`readSync`), then copies the slice back in. LayersModel.predict
 * slices its input into batches even when there is one batch, so embedding 32 MobileNet images at 224 px copied
 * 19 MB twice — a third of a folded MobileNet v1 0.25's embedding time. Here:
 * - the whole tensor (begin 0, size = shape): the output shares the input's data (one more reference, as WASM's
 *   Reshape does; tensors are immutable, so sharing is safe);
 * - any other contiguous slice of a numeric tensor: one copy from heap to heap;
 * - everything else (strided slices, strings): `original`, tfjs-backend-wasm's own kernel, with the same arguments.
 * Inputs `{x}`, attrs `{begin, size}` as tfjs-core's slice op passes them; the caller owns the returned output.
 */
export function createSliceWasm(original: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { inputs, backend, attrs } = args;
    const { x } = inputs as { x: tf.TensorInfo };
    if (x.dtype === 'string') return original(args);
    const { begin, size } = attrs as unknown as tf.SliceAttrs;
    const [begin_, size_] = tf.slice_util.parseSliceParams(x as tf.Tensor, begin, size);
    if (!tf.slice_util.isSliceContinous(x.shape, begin_, size_)) return original(args);
    const wasm = asWasmBackend(backend);
    if (size_.every((s, i) => s === x.shape[i])) {
      wasm.incRef(x.dataId);
      return { dataId: x.dataId, shape: size_, dtype: x.dtype };
    }
    const offset = tf.slice_util.computeFlatOffset(begin_, tf.util.computeStrides(x.shape));
    const length = tf.util.sizeFromShape(size_);
    const out = wasm.makeOutput(size_, x.dtype);
    // Views taken after makeOutput, which may grow the heap (and detach earlier views).
    wasm.typedArrayFromHeap(out).set(wasm.typedArrayFromHeap(x).subarray(offset, offset + length));
    return out;
  };
}
