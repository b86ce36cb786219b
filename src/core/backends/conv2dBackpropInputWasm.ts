import * as tf from '@tensorflow/tfjs';
import { depthwiseTaps } from './depthwiseTaps';
import { asWasmBackend, disposeAll, heapFloats, runWasmKernel, withShape } from './wasmKernelCalls';
import type { WasmBackendLike } from './wasmKernelCalls';

/**
 * Largest column matrix (dy · Wᵀ, [N·outH·outW, kh·kw·inC]) the col2im path builds, in float32 elements (64 MB);
 * bigger cases go to the original kernel.
 */
export const MAX_COL2IM_ELEMENTS = 1 << 24;

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
 *
 * Any other NHWC convolution without groups (k×k, strided, padded) takes the same matmul over the flattened filter,
 * columns [N·outH·outW, kh·kw·inC] = dy · Wᵀ, then a plain-JS col2im: each column block is added to the input pixel
 * its tap reads. For MobileNet's first convolution (3×3, stride 2, 3 → 8 channels at 224 px, batch 32), whose input
 * gradient tfjs's fused conv computes although nothing uses it, the direct loop took ~100–150 ms of a from-scratch
 * step: 110 → 80 ms of CPU alone (Node, load ~9); digits-VGG's 3×3 layers (16–64 channels, batch 32) 2–5× faster
 * (e.g. 16×16×16 → 32: 25 → 7 ms). Column matrices above MAX_COL2IM_ELEMENTS, and NCHW, go to the original.
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
    if (!isPointwise(convInfo, filter)) {
      return canCol2im(convInfo, filter)
        ? col2imInputGradient(asWasmBackend(backend), dy, filter, convInfo)
        : original(args);
    }

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

/** NHWC, no dilation, no groups, and a column matrix no bigger than MAX_COL2IM_ELEMENTS. */
function canCol2im(convInfo: tf.backend_util.Conv2DInfo, filter: tf.TensorInfo): boolean {
  const { batchSize, outHeight, outWidth, filterHeight, filterWidth, inChannels } = convInfo;
  return (
    convInfo.dataFormat === 'channelsLast' &&
    convInfo.dilationHeight === 1 &&
    convInfo.dilationWidth === 1 &&
    filter.shape[2] === inChannels &&
    batchSize * outHeight * outWidth * filterHeight * filterWidth * inChannels <= MAX_COL2IM_ELEMENTS
  );
}

/** dx = col2im(dy · Wᵀ) (see the file comment); the caller owns the result. */
function col2imInputGradient(
  backend: WasmBackendLike,
  dy: tf.TensorInfo,
  filter: tf.TensorInfo,
  convInfo: tf.backend_util.Conv2DInfo,
): tf.TensorInfo {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, outShape } = convInfo;
  const { filterHeight, filterWidth } = convInfo;
  if (dy.shape.join() !== outShape.join()) {
    throw new Error(`Conv2DBackpropInput (wasm): dy has shape [${dy.shape}], expected [${outShape}]`);
  }
  const rows = batchSize * outHeight * outWidth;
  const width = filterHeight * filterWidth * inChannels;
  const owned: tf.TensorInfo[] = [];
  try {
    // Our own transposed copy as the right operand (see createConv2dBackpropInputWasm on XNNPACK's packing cache).
    const filterT = runWasmKernel(
      'Transpose',
      backend,
      { x: withShape(filter, [width, outChannels]) },
      { perm: [1, 0] },
    );
    owned.push(filterT);
    const columns = runWasmKernel(
      'BatchMatMul',
      backend,
      { a: withShape(dy, [1, rows, outChannels]), b: withShape(filterT, [1, outChannels, width]) },
      { transposeA: false, transposeB: false },
    );
    owned.push(columns);
    const out = backend.makeOutput([...convInfo.inShape], 'float32');
    const dx = heapFloats(backend, out);
    const cols = heapFloats(backend, columns);
    dx.fill(0);
    const taps = depthwiseTaps(convInfo); // the same (output, tap, input) triples as any conv of this geometry
    for (let b = 0; b < batchSize; b++) {
      for (let r = 0; r < taps.rows.length; r += 3) {
        const oy = taps.rows[r];
        const kh = taps.rows[r + 1];
        const iy = taps.rows[r + 2];
        for (let q = 0; q < taps.cols.length; q += 3) {
          const ox = taps.cols[q];
          const kw = taps.cols[q + 1];
          const ix = taps.cols[q + 2];
          const from = ((b * outHeight + oy) * outWidth + ox) * width + (kh * filterWidth + kw) * inChannels;
          const to = ((b * inHeight + iy) * inWidth + ix) * inChannels;
          for (let c = 0; c < inChannels; c++) dx[to + c] += cols[from + c];
        }
      }
    }
    return out;
  } finally {
    disposeAll(backend, owned);
  }
}
