import * as tf from '@tensorflow/tfjs';
import { asWasmBackend, disposeAll, heapFloats, runWasmKernel, withShape } from './wasmKernelCalls';
import type { WasmBackendLike } from './wasmKernelCalls';
import { forEachTap } from './depthwiseTaps';

/**
 * `DepthwiseConv2dNativeBackpropInput` for the WASM backend, with the inputs and attrs tfjs-core's op passes:
 * inputs `{dy, filter}` (NHWC), attrs `{strides, pad, dimRoundingMode, dilations, inputShape}`. Returns dx of
 * `inputShape`; the caller owns it.
 *
 * dx is a stride-1 depthwise convolution (the WASM backend's own XNNPACK kernel) of dy — with strides−1 zeros
 * inserted between its pixels when strided — by the spatially flipped filter with the same dilation, padded by
 * (effective kernel − 1 − forward pad) before and whatever completes the input size after. A channel multiplier M
 * becomes M·C single-multiplier channels whose groups of M are then summed. Paddings this cannot express (negative
 * padding, i.e. explicit pads wider than the kernel) fall back to a plain-JS scatter.
 */
export const depthwiseBackpropInputWasm: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const wasm = asWasmBackend(backend);
  const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const { strides, pad, dimRoundingMode, dilations, inputShape } =
    attrs as unknown as tf.DepthwiseConv2dNativeBackpropInputAttrs;
  const convInfo = tf.backend_util.computeConv2DInfo(
    inputShape,
    filter.shape as [number, number, number, number],
    strides,
    dilations ?? 1,
    pad,
    dimRoundingMode,
    true,
  );
  const { batchSize, outHeight, outWidth, outChannels } = convInfo;
  const expectedDy = [batchSize, outHeight, outWidth, outChannels];
  if (dy.shape.join() !== expectedDy.join()) {
    throw new Error(`DepthwiseConv2dNativeBackpropInput (wasm): dy has shape [${dy.shape}], expected [${expectedDy}]`);
  }
  const pads = transposedPadding(convInfo);
  return pads == null
    ? scatterInputGradient(wasm, dy, filter, convInfo)
    : convolveInputGradient(wasm, dy, filter, convInfo, pads);
};

interface Padding {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** Paddings of the (zero-inserted) dy that make the flipped-filter convolution yield exactly inH × inW, or null. */
function transposedPadding(convInfo: tf.backend_util.Conv2DInfo): Padding | null {
  const { inHeight, inWidth, outHeight, outWidth, strideHeight, strideWidth, padInfo } = convInfo;
  const { effectiveFilterHeight, effectiveFilterWidth } = convInfo;
  const top = effectiveFilterHeight - 1 - padInfo.top;
  const left = effectiveFilterWidth - 1 - padInfo.left;
  const bottom = inHeight - ((outHeight - 1) * strideHeight + 1 + top - effectiveFilterHeight + 1);
  const right = inWidth - ((outWidth - 1) * strideWidth + 1 + left - effectiveFilterWidth + 1);
  return Math.min(top, bottom, left, right) < 0 ? null : { top, bottom, left, right };
}

function convolveInputGradient(
  backend: WasmBackendLike,
  dy: tf.TensorInfo,
  filter: tf.TensorInfo,
  convInfo: tf.backend_util.Conv2DInfo,
  pads: Padding,
): tf.TensorInfo {
  const { batchSize, inHeight, inWidth, inChannels, outChannels } = convInfo;
  const { filterHeight, filterWidth, dilationHeight, dilationWidth } = convInfo;
  const owned: tf.TensorInfo[] = [];
  try {
    const spread = spreadByStrides(backend, dy, convInfo);
    if (spread !== dy) owned.push(spread);
    const flipped = backend.makeOutput([filterHeight, filterWidth, outChannels, 1], 'float32');
    owned.push(flipped);
    const source = heapFloats(backend, filter);
    const target = heapFloats(backend, flipped);
    const taps = filterHeight * filterWidth;
    for (let t = 0; t < taps; t++) {
      target.set(source.subarray((taps - 1 - t) * outChannels, (taps - t) * outChannels), t * outChannels);
    }
    const convolved = runWasmKernel(
      'DepthwiseConv2dNative',
      backend,
      { x: spread, filter: flipped },
      {
        strides: [1, 1],
        dilations: [dilationHeight, dilationWidth],
        pad: [
          [0, 0],
          [pads.top, pads.bottom],
          [pads.left, pads.right],
          [0, 0],
        ],
        dataFormat: 'NHWC',
      },
    );
    if (outChannels === inChannels) return convolved;
    owned.push(convolved);
    const grouped = withShape(convolved, [batchSize, inHeight, inWidth, inChannels, outChannels / inChannels]);
    return runWasmKernel('Sum', backend, { x: grouped }, { axis: [4], keepDims: false });
  } finally {
    disposeAll(backend, owned);
  }
}

/** dy with strides − 1 zero rows/columns between its pixels ([N, (outH−1)·sh+1, (outW−1)·sw+1, C]); dy when 1×1. */
function spreadByStrides(
  backend: WasmBackendLike,
  dy: tf.TensorInfo,
  convInfo: tf.backend_util.Conv2DInfo,
): tf.TensorInfo {
  const { batchSize, outHeight, outWidth, outChannels, strideHeight, strideWidth } = convInfo;
  if (strideHeight === 1 && strideWidth === 1) return dy;
  const height = (outHeight - 1) * strideHeight + 1;
  const width = (outWidth - 1) * strideWidth + 1;
  const spread = backend.makeOutput([batchSize, height, width, outChannels], 'float32');
  const target = heapFloats(backend, spread);
  const source = heapFloats(backend, dy);
  target.fill(0);
  for (let b = 0; b < batchSize; b++) {
    for (let oy = 0; oy < outHeight; oy++) {
      for (let ox = 0; ox < outWidth; ox++) {
        const from = ((b * outHeight + oy) * outWidth + ox) * outChannels;
        const to = ((b * height + oy * strideHeight) * width + ox * strideWidth) * outChannels;
        target.set(source.subarray(from, from + outChannels), to);
      }
    }
  }
  return spread;
}

/** General fallback: dx[b, iy, ix, c] += dy[b, oy, ox, c·M + m] · W[kh, kw, c, m] for every tap that reads x there. */
function scatterInputGradient(
  backend: WasmBackendLike,
  dy: tf.TensorInfo,
  filter: tf.TensorInfo,
  convInfo: tf.backend_util.Conv2DInfo,
): tf.TensorInfo {
  const { inChannels, outChannels } = convInfo;
  const multiplier = outChannels / inChannels;
  const out = backend.makeOutput(convInfo.inShape, 'float32');
  const dx = heapFloats(backend, out);
  const dys = heapFloats(backend, dy);
  const ws = heapFloats(backend, filter);
  dx.fill(0);
  forEachTap(convInfo, (dyBase, dxBase, wBase) => {
    for (let c = 0, d = 0; c < inChannels; c++) {
      let acc = 0;
      for (let m = 0; m < multiplier; m++, d++) acc += dys[dyBase + d] * ws[wBase + d];
      dx[dxBase + c] += acc;
    }
  });
  return out;
}
