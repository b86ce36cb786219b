import * as tf from '@tensorflow/tfjs';
import { asWasmBackend, disposeAll, runWasmKernel, withShape } from './wasmKernelCalls';

/**
 * `Conv2DBackpropInput` for the WASM backend that takes a matmul path for pointwise convolutions and hands every
 * other case to `original`, tfjs-backend-wasm's own kernel, unchanged (same args, same result).
 *
 * Inputs `{dy, filter}` and attrs `{strides, pad, dataFormat, dimRoundingMode, inputShape}` as tfjs-core's
 * `conv2DBackpropInput` op passes them (dilations are always 1 in this kernel). Returns dx of `inputShape`; the caller
 * owns it.
 *
 * Why: the original is a direct loop over every output pixel, filter tap and channel pair, with no blocking or SIMD;
 * for MobileNet's pointwise layers it was about a third of a fine-tuning step (56 of ~170 ms for the last block,
 * batch 32). A 1×1, stride-1, unpadded NHWC conv whose filter's input channels are x's (no groups) is a matrix
 * product per pixel: dx [N·H·W, inC] = dy [N·H·W, outC] · Wᵀ [outC, inC]. It runs as one WASM BatchMatMul, which
 * tfjs sends to XNNPACK's fully-connected operator only when neither operand is transposed, so Wᵀ is materialised
 * first (inC·outC floats, small beside the product). That transposed copy is ours alone and freed before returning:
 * the matmul caches XNNPACK's packed right operand under that tensor's id, keyed without the shape, so the right
 * operand must never be a tensor anyone else multiplies with (such as the filter variable itself).
 */
export function createConv2dBackpropInputWasm(original: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { inputs, backend, attrs } = args;
    const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
    const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs as unknown as tf.Conv2DBackpropInputAttrs;
    const format = tf.backend_util.convertConv2DDataFormat(dataFormat ?? 'NHWC');
    const convInfo = tf.backend_util.computeConv2DInfo(
      inputShape,
      filter.shape as [number, number, number, number],
      strides,
      1,
      pad,
      dimRoundingMode,
      false,
      format,
    );
    if (!isPointwise(convInfo, filter)) return original(args);

    const wasm = asWasmBackend(backend);
    const { batchSize, inHeight, inWidth, inChannels, outChannels, outShape } = convInfo;
    if (dy.shape.join() !== outShape.join()) {
      throw new Error(`Conv2DBackpropInput (wasm): dy has shape [${dy.shape}], expected [${outShape}]`);
    }
    const rows = batchSize * inHeight * inWidth;
    const owned: tf.TensorInfo[] = [];
    try {
      const filterT = runWasmKernel(
        'Transpose',
        wasm,
        { x: withShape(filter, [inChannels, outChannels]) },
        { perm: [1, 0] },
      );
      owned.push(filterT);
      const product = runWasmKernel(
        'BatchMatMul',
        wasm,
        { a: withShape(dy, [1, rows, outChannels]), b: withShape(filterT, [1, outChannels, inChannels]) },
        { transposeA: false, transposeB: false },
      );
      return withShape(product, convInfo.inShape);
    } finally {
      disposeAll(wasm, owned);
    }
  };
}

/** 1×1 kernel, stride 1, no padding, NHWC, and the filter's input channels equal to x's (so no grouping). */
function isPointwise(convInfo: tf.backend_util.Conv2DInfo, filter: tf.TensorInfo): boolean {
  const { padInfo } = convInfo;
  return (
    convInfo.dataFormat === 'channelsLast' &&
    convInfo.filterHeight === 1 &&
    convInfo.filterWidth === 1 &&
    convInfo.strideHeight === 1 &&
    convInfo.strideWidth === 1 &&
    convInfo.dilationHeight === 1 &&
    convInfo.dilationWidth === 1 &&
    padInfo.top === 0 &&
    padInfo.bottom === 0 &&
    padInfo.left === 0 &&
    padInfo.right === 0 &&
    convInfo.outHeight === convInfo.inHeight &&
    convInfo.outWidth === convInfo.inWidth &&
    filter.shape[2] === convInfo.inChannels
  );
}
