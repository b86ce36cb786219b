import type * as tf from '@tensorflow/tfjs';

/**
 * The filter taps of a depthwise convolution that land inside the input, precomputed once per call so the
 * backward kernels (depthwiseBackpropFilterWasm, depthwiseBackpropInputWasm) loop over them without bounds checks.
 *
 * `rows` holds triples (oy, kh, iy) with iy = oy·strideH + kh·dilationH − padTop inside [0, inHeight); `cols`
 * holds triples (ox, kw, ix) likewise. Iterating batch → rows → cols visits (b, oy, kh, ox, kw) in the same order
 * as the plain five-deep loop, so memory access is unchanged. Sizes: 3·outHeight·filterHeight and
 * 3·outWidth·filterWidth integers (a few KB).
 */
export interface DepthwiseTaps {
  rows: Int32Array;
  cols: Int32Array;
}

export function depthwiseTaps(convInfo: tf.backend_util.Conv2DInfo): DepthwiseTaps {
  const { inHeight, inWidth, outHeight, outWidth, filterHeight, filterWidth } = convInfo;
  const { strideHeight, strideWidth, dilationHeight, dilationWidth } = convInfo;
  const { top, left } = convInfo.padInfo;
  return {
    rows: validTaps(outHeight, filterHeight, strideHeight, dilationHeight, top, inHeight),
    cols: validTaps(outWidth, filterWidth, strideWidth, dilationWidth, left, inWidth),
  };
}

function validTaps(outSize: number, filterSize: number, stride: number, dilation: number, pad: number, inSize: number) {
  const taps: number[] = [];
  for (let o = 0; o < outSize; o++) {
    for (let k = 0; k < filterSize; k++) {
      const i = o * stride + k * dilation - pad;
      if (i >= 0 && i < inSize) taps.push(o, k, i);
    }
  }
  return Int32Array.from(taps);
}

/**
 * Visits every tap of `depthwiseTaps(convInfo)` for every image, in that order, with the flat NHWC offsets of the
 * tap's first channel: `dyBase` into dy [b, oy, ox, 0], `xBase` into x (or dx) [b, iy, ix, 0] and `wBase` into the
 * filter [kh, kw, 0, 0]. The caller's `visit` walks the channels from there.
 */
export function forEachTap(
  convInfo: tf.backend_util.Conv2DInfo,
  visit: (dyBase: number, xBase: number, wBase: number) => void,
): void {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, filterWidth } = convInfo;
  const { rows, cols } = depthwiseTaps(convInfo);
  for (let b = 0; b < batchSize; b++) {
    for (let r = 0; r < rows.length; r += 3) {
      const oy = rows[r];
      const kh = rows[r + 1];
      const iy = rows[r + 2];
      for (let q = 0; q < cols.length; q += 3) {
        const ox = cols[q];
        const kw = cols[q + 1];
        const ix = cols[q + 2];
        const dyBase = ((b * outHeight + oy) * outWidth + ox) * outChannels;
        const xBase = ((b * inHeight + iy) * inWidth + ix) * inChannels;
        visit(dyBase, xBase, (kh * filterWidth + kw) * outChannels);
      }
    }
  }
}
