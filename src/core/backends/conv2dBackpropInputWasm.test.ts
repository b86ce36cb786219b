import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { activateNodeBackend } from '../../testing/node';
import { expectClose, gradients, kernelOnBoth, valuesOn, type GradientCase, type Pad } from '../testing/kernelParity';
import { expectNoLeaks } from '../testing/noLeaks';
import { createConv2dBackpropInputWasm } from './conv2dBackpropInputWasm';
import { registerWasmConvGradients } from './wasmConvGradients';

/**
 * The wrapped WASM Conv2DBackpropInput (matmul path for pointwise convs, tfjs-backend-wasm's own kernel for the
 * rest) against the CPU backend's, called the way tfjs-core's conv2DBackpropInput op calls it.
 */

beforeAll(async () => {
  expect((await activateNodeBackend('wasm')).backend).toBe('wasm');
});

interface BackpropInputCase {
  x: [number, number, number, number];
  filter: [number, number, number, number];
  attrs: { strides: number; pad: Pad; dataFormat: 'NHWC' | 'NCHW'; dimRoundingMode?: 'ceil' | 'floor' };
}

/** dx of a conv with `c`'s input shape and filter, on seeded dy and filter, on WASM and on CPU. */
async function backpropInputOnBoth(c: BackpropInputCase, seed: number): Promise<[Float32Array, Float32Array]> {
  const nchw = c.attrs.dataFormat === 'NCHW';
  const nhwc = (nchw ? [c.x[0], c.x[2], c.x[3], c.x[1]] : c.x) as [number, number, number, number];
  const info = tf.backend_util.computeConv2DInfo(
    nhwc,
    c.filter,
    c.attrs.strides,
    1,
    c.attrs.pad,
    c.attrs.dimRoundingMode,
  );
  const [n, oh, ow, oc] = info.outShape;
  const dy = nchw ? [n, oc, oh, ow] : [n, oh, ow, oc];
  return kernelOnBoth('Conv2DBackpropInput', { dy, filter: c.filter }, { ...c.attrs, inputShape: c.x }, seed);
}

/** Mostly pointwise cases (channel counts across XNNPACK's tile sizes), plus the shapes that must be delegated. */
const backpropInputCase = fc
  .record({
    batch: fc.integer({ min: 1, max: 3 }),
    height: fc.integer({ min: 1, max: 8 }),
    width: fc.integer({ min: 1, max: 8 }),
    inChannels: fc.integer({ min: 1, max: 40 }),
    outChannels: fc.integer({ min: 1, max: 40 }),
    kernel: fc.constantFrom(1, 1, 1, 3),
    strides: fc.constantFrom(1, 1, 2),
    pad: fc.constantFrom<Pad>('same', 'valid', 1, [
      [0, 0],
      [0, 1],
      [1, 0],
      [0, 0],
    ]),
    dataFormat: fc.constantFrom<'NHWC' | 'NCHW'>('NHWC', 'NHWC', 'NCHW'),
    seed: fc.integer({ min: 0, max: 1_000_000 }),
  })
  .filter((c) => c.pad !== 'valid' || (c.height >= c.kernel && c.width >= c.kernel));

describe('Conv2DBackpropInput on WASM equals the CPU backend', () => {
  it('over random shapes, strides, paddings and data formats (pointwise ones take the matmul path)', async () => {
    await fc.assert(
      fc.asyncProperty(backpropInputCase, async (r) => {
        const nhwc = [r.batch, r.height, r.width, r.inChannels];
        const c: BackpropInputCase = {
          x: (r.dataFormat === 'NCHW' ? [r.batch, r.inChannels, r.height, r.width] : nhwc) as BackpropInputCase['x'],
          filter: [r.kernel, r.kernel, r.inChannels, r.outChannels],
          attrs: { strides: r.strides, pad: r.pad, dataFormat: r.dataFormat },
        };
        const [wasm, cpu] = await backpropInputOnBoth(c, r.seed);
        expectClose(wasm, cpu, `Conv2DBackpropInput ${JSON.stringify(r)}`);
      }),
      { numRuns: 80, seed: 11 },
    );
  });

  it('MobileNet v1 0.25 pointwise shapes (top blocks at 224 px), and tf.grads through conv2d', async () => {
    const pointwise = { strides: 1, pad: 'same', dataFormat: 'NHWC' } as const;
    const cases: BackpropInputCase[] = [
      { x: [4, 14, 14, 128], filter: [1, 1, 128, 128], attrs: pointwise },
      { x: [4, 7, 7, 128], filter: [1, 1, 128, 256], attrs: pointwise },
      { x: [4, 7, 7, 256], filter: [1, 1, 256, 256], attrs: { ...pointwise, pad: 'valid' } },
      { x: [2, 7, 7, 256], filter: [1, 1, 256, 256], attrs: { ...pointwise, dimRoundingMode: 'ceil' } },
    ];
    for (const [i, c] of cases.entries()) {
      const [wasm, cpu] = await backpropInputOnBoth(c, 100 + i);
      expectClose(wasm, cpu, `Conv2DBackpropInput ${JSON.stringify(c)}`);
    }
    const viaGrads: GradientCase = {
      depthwise: false,
      batch: 2,
      height: 5,
      width: 5,
      inChannels: 24,
      outOrMultiplier: 40,
      kernel: 1,
      strides: 1,
      pad: 'same',
      seed: 9,
    };
    const wasm = await valuesOn('wasm', gradients(viaGrads));
    const cpu = await valuesOn('cpu', gradients(viaGrads));
    ['y', 'dx', 'dW'].forEach((what, i) => expectClose(wasm[i], cpu[i], `${what} of ${JSON.stringify(viaGrads)}`));
  });
});

describe('which Conv2DBackpropInput cases take the matmul path', () => {
  /** Calls the wrapper with an `original` that records being called; returns whether it was. */
  function delegates(c: BackpropInputCase): boolean {
    let called = false;
    const sentinel = { dataId: {}, shape: c.x, dtype: 'float32' } as tf.TensorInfo;
    const kernel = createConv2dBackpropInputWasm(() => ((called = true), sentinel));
    const nhwc = c.attrs.dataFormat === 'NCHW' ? [c.x[0], c.x[2], c.x[3], c.x[1]] : c.x;
    const info = tf.backend_util.computeConv2DInfo(
      nhwc as BackpropInputCase['x'],
      c.filter,
      c.attrs.strides,
      1,
      c.attrs.pad,
    );
    const dy = tf.zeros(
      c.attrs.dataFormat === 'NCHW' ? [info.batchSize, info.outChannels, info.outHeight, info.outWidth] : info.outShape,
    );
    const filter = tf.zeros(c.filter);
    try {
      const out = kernel({
        inputs: { dy, filter },
        backend: tf.backend(),
        attrs: { ...c.attrs, inputShape: c.x } as unknown as tf.NamedAttrMap,
      });
      if (!called)
        tf.engine()
          .makeTensorFromTensorInfo(out as tf.TensorInfo)
          .dispose();
      else expect(out).toBe(sentinel);
    } finally {
      tf.dispose([dy, filter]);
    }
    return called;
  }

  it('NHWC takes a matmul (1×1, stride 1, unpadded) or matmul + col2im (any other kernel, stride, padding); NCHW and column matrices above the bound the original kernel', async () => {
    await tf.setBackend('wasm');
    const nhwc = 'NHWC' as const;
    const cases: [BackpropInputCase, boolean][] = [
      [{ x: [2, 5, 5, 8], filter: [1, 1, 8, 16], attrs: { strides: 1, pad: 'same', dataFormat: nhwc } }, false],
      [{ x: [2, 5, 5, 8], filter: [1, 1, 8, 16], attrs: { strides: 1, pad: 'valid', dataFormat: nhwc } }, false],
      [{ x: [2, 5, 5, 8], filter: [1, 1, 8, 16], attrs: { strides: 1, pad: 0, dataFormat: nhwc } }, false],
      [{ x: [2, 5, 5, 8], filter: [1, 1, 8, 16], attrs: { strides: 2, pad: 'same', dataFormat: nhwc } }, false],
      [{ x: [2, 5, 5, 8], filter: [1, 1, 8, 16], attrs: { strides: 1, pad: 1, dataFormat: nhwc } }, false],
      [{ x: [2, 5, 5, 8], filter: [3, 3, 8, 16], attrs: { strides: 1, pad: 'same', dataFormat: nhwc } }, false],
      [{ x: [2, 8, 5, 5], filter: [1, 1, 8, 16], attrs: { strides: 1, pad: 'same', dataFormat: 'NCHW' } }, true],
      // 32·64·64 output pixels × 3·3·64 columns > MAX_COL2IM_ELEMENTS (dy and the filter are zeros: quick)
      [{ x: [32, 64, 64, 64], filter: [3, 3, 64, 1], attrs: { strides: 1, pad: 'same', dataFormat: nhwc } }, true],
    ];
    for (const [c, delegated] of cases) expect(delegates(c), JSON.stringify(c)).toBe(delegated);
  });
});

describe('the wrapped Conv2DBackpropInput is registered once and frees what it allocates', () => {
  it('keeps the original setup, wraps only once, and leaves no tensors or heap buffers', async () => {
    await tf.setBackend('wasm');
    const config = tf.getKernel('Conv2DBackpropInput', 'wasm');
    expect(config.setupFunc).toBeDefined(); // the original's, so delegation works after a later backend init
    expect(registerWasmConvGradients()).toEqual([]);
    expect(tf.getKernel('Conv2DBackpropInput', 'wasm')).toBe(config);
    const run = () => {
      const c: GradientCase = {
        depthwise: false,
        batch: 2,
        height: 4,
        width: 4,
        inChannels: 8,
        outOrMultiplier: 12,
        kernel: 1,
        strides: 1,
        pad: 'same',
        seed: 5,
      };
      tf.dispose(gradients(c)());
      tf.dispose(gradients({ ...c, kernel: 3 })());
    };
    run(); // first calls may allocate lasting state
    const buffersBefore = tf.backend().numDataIds();
    await expectNoLeaks(run);
    expect(tf.backend().numDataIds()).toBe(buffersBefore);
  });
});
