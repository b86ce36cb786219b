import * as tf from '@tensorflow/tfjs';
import { asWasmBackend, disposeAll, heapFloats, runWasmKernel, withShape } from './wasmKernelCalls';
import type { WasmBackendLike } from './wasmKernelCalls';

/**
 * Largest im2col matrix built at once, in float32 elements (64 MB). Bigger batches are processed in chunks of whole
 * images and their partial filter gradients summed, which bounds memory.
 */
export const MAX_COLUMN_ELEMENTS = 1 << 24;

/**
 * `Conv2DBackpropFilter` for the WASM backend, with the inputs and attrs tfjs-core's `conv2DBackpropFilter` op
 * passes: inputs `{x, dy}`, attrs `{strides, pad, dataFormat, dimRoundingMode, filterShape}` (dilations are always 1
 * in this kernel, as on the CPU backend). Returns dW of `filterShape` [kh, kw, inC, outC]; the caller owns it.
 *
 * dW = im2col(x)ᵀ · dy as one WASM matmul [kh·kw·inC, N·outH·outW] × [N·outH·outW, outC], whose result already has
 * the filter's layout. Measured choices: the transposed column matrix is built in plain JS straight onto the heap
 * from a channel-major copy of x (contiguous row copies), because the WASM matmul is slow with transposed operands
 * and packs its right operand anew for every new tensor (so that operand is dy, the small one); one im2col matmul
 * beat k² matmuls over shifted views (same copies, k² smaller products). A 1×1 stride-1 unpadded conv needs no
 * columns: the channel-major x is the matrix.
 */
export const conv2dBackpropFilterWasm: tf.KernelFunc = createConv2dBackpropFilterWasm(MAX_COLUMN_ELEMENTS);

/** The kernel with another bound on the im2col matrix (float32 elements); tests use a small one to cover chunking. */
export function createConv2dBackpropFilterWasm(maxColumnElements: number): tf.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const wasm = asWasmBackend(backend);
    const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
    const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
    const convInfo = tf.backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number],
      filterShape,
      strides,
      1,
      pad,
      dimRoundingMode,
      false,
      tf.backend_util.convertConv2DDataFormat(dataFormat ?? 'NHWC'),
    );
    const { batchSize, outHeight, outWidth, outChannels } = convInfo;
    const channelsLast = convInfo.dataFormat === 'channelsLast';
    const expectedDy = channelsLast
      ? [batchSize, outHeight, outWidth, outChannels]
      : [batchSize, outChannels, outHeight, outWidth];
    if (dy.shape.join() !== expectedDy.join()) {
      throw new Error(`Conv2DBackpropFilter (wasm): dy has shape [${dy.shape}], expected [${expectedDy}]`);
    }
    // x as [inC, N, H, W] and dy as [N, outH, outW, outC].
    const owned: tf.TensorInfo[] = [];
    try {
      const toChannelMajor = channelsLast ? [3, 0, 1, 2] : [1, 0, 2, 3];
      const xChannelMajor = runWasmKernel('Transpose', wasm, { x }, { perm: toChannelMajor });
      owned.push(xChannelMajor);
      let dyNhwc = dy;
      if (!channelsLast) {
        dyNhwc = runWasmKernel('Transpose', wasm, { x: dy }, { perm: [0, 2, 3, 1] });
        owned.push(dyNhwc);
      }
      return filterGradient(wasm, xChannelMajor, dyNhwc, convInfo, maxColumnElements);
    } finally {
      disposeAll(wasm, owned);
    }
  };
}

/** dW for channel-major `xT` [inC, N, H, W] and NHWC `dy` [N, outH, outW, outC]. */
function filterGradient(
  backend: WasmBackendLike,
  xT: tf.TensorInfo,
  dy: tf.TensorInfo,
  convInfo: tf.backend_util.Conv2DInfo,
  maxColumnElements: number,
): tf.TensorInfo {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = convInfo;
  const { filterHeight, filterWidth, strideHeight, strideWidth, filterShape } = convInfo;
  const columns = filterHeight * filterWidth * inChannels;
  const pointwise =
    filterHeight === 1 &&
    filterWidth === 1 &&
    strideHeight === 1 &&
    strideWidth === 1 &&
    convInfo.padInfo.top === 0 &&
    convInfo.padInfo.left === 0 &&
    outHeight === inHeight &&
    outWidth === inWidth;
  const rowsPerImage = outHeight * outWidth;
  const imagesPerChunk = pointwise
    ? batchSize
    : Math.max(1, Math.min(batchSize, Math.floor(maxColumnElements / (rowsPerImage * columns))));
  if (imagesPerChunk === batchSize) {
    const product = chunkProduct(backend, xT, dy, convInfo, pointwise, 0, batchSize);
    return withShape(product, filterShape);
  }
  const sum = new Float64Array(columns * outChannels);
  for (let first = 0; first < batchSize; first += imagesPerChunk) {
    const images = Math.min(imagesPerChunk, batchSize - first);
    const product = chunkProduct(backend, xT, dy, convInfo, pointwise, first, images);
    const partial = heapFloats(backend, product);
    for (let i = 0; i < partial.length; i++) sum[i] += partial[i];
    backend.disposeData(product.dataId);
  }
  const out = backend.makeOutput(filterShape, 'float32');
  heapFloats(backend, out).set(sum);
  return out;
}

/** im2col(x)ᵀ · dy over images [first, first + images), shape [1, kh·kw·inC, outC]; the caller owns it. */
function chunkProduct(
  backend: WasmBackendLike,
  xT: tf.TensorInfo,
  dy: tf.TensorInfo,
  convInfo: tf.backend_util.Conv2DInfo,
  pointwise: boolean,
  first: number,
  images: number,
): tf.TensorInfo {
  const { outHeight, outWidth, outChannels, filterHeight, filterWidth, inChannels } = convInfo;
  const rows = images * outHeight * outWidth;
  const owned: tf.TensorInfo[] = [];
  try {
    // Always a copy, even of the whole dy: the WASM matmul caches its packed right operand under that tensor's id
    // (until the tensor is freed) and keys the cache without the shape, so it must be a tensor only we use.
    const dyRows = backend.makeOutput([rows, outChannels], 'float32');
    owned.push(dyRows);
    const start = first * outHeight * outWidth * outChannels;
    heapFloats(backend, dyRows).set(heapFloats(backend, dy).subarray(start, start + rows * outChannels));
    let colsT = withShape(xT, [inChannels, rows]);
    if (!pointwise) {
      colsT = backend.makeOutput([filterHeight * filterWidth * inChannels, rows], 'float32');
      owned.push(colsT);
      buildTransposedColumns(heapFloats(backend, xT), heapFloats(backend, colsT), convInfo, first, images);
    }
    return runWasmKernel('BatchMatMul', backend, { a: colsT, b: dyRows }, { transposeA: false, transposeB: false });
  } finally {
    disposeAll(backend, owned);
  }
}

/**
 * Transposed im2col for images [first, first + images) from channel-major x: row ((kh·kw_count + kw)·inC + c),
 * column ((b − first)·outH + oy)·outW + ox, holds x[b, oy·sh + kh − padTop, ox·sw + kw − padLeft, c], or 0 in the
 * padding.
 */
function buildTransposedColumns(
  xT: Float32Array,
  colsT: Float32Array,
  convInfo: tf.backend_util.Conv2DInfo,
  first: number,
  images: number,
): void {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, filterHeight, filterWidth } = convInfo;
  const { strideHeight, strideWidth } = convInfo;
  const { top, left } = convInfo.padInfo;
  let o = 0;
  for (let kh = 0; kh < filterHeight; kh++) {
    for (let kw = 0; kw < filterWidth; kw++) {
      // Output columns ox whose input column ix = ox·sw + kw − left lies inside [0, inWidth).
      const oxStart = Math.min(outWidth, Math.max(0, Math.ceil((left - kw) / strideWidth)));
      const oxEnd = Math.max(oxStart, Math.min(outWidth, Math.ceil((inWidth + left - kw) / strideWidth)));
      for (let c = 0; c < inChannels; c++) {
        for (let b = first; b < first + images; b++) {
          const plane = (c * batchSize + b) * inHeight;
          for (let oy = 0; oy < outHeight; oy++) {
            const iy = oy * strideHeight + kh - top;
            if (iy < 0 || iy >= inHeight) {
              colsT.fill(0, o, o + outWidth);
              o += outWidth;
              continue;
            }
            const row = (plane + iy) * inWidth + kw - left;
            for (let ox = 0; ox < oxStart; ox++) colsT[o++] = 0;
            for (let ox = oxStart; ox < oxEnd; ox++) colsT[o++] = xT[row + ox * strideWidth];
            for (let ox = oxEnd; ox < outWidth; ox++) colsT[o++] = 0;
          }
        }
      }
    }
  }
}
