import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { activateNodeBackend } from '../../testing/node';
import {
  expectClose,
  gradients,
  kernelOnBoth,
  randomValues,
  runKernel,
  seededTensor,
  valuesOn,
  type Backend,
  type GradientCase,
  type Pad,
} from '../testing/kernelParity';
import { expectNoLeaks } from '../testing/noLeaks';
import { createConv2dBackpropFilterWasm } from './conv2dBackpropFilterWasm';
import { registerWasmConvGradients, WASM_CONV_GRADIENT_KERNEL_NAMES } from './wasmConvGradients';

const gradientCase = (depthwise: boolean) =>
  fc
    .record({
      batch: fc.integer({ min: 1, max: 3 }),
      height: fc.integer({ min: 1, max: 9 }),
      width: fc.integer({ min: 1, max: 9 }),
      inChannels: fc.integer({ min: 1, max: 4 }),
      outOrMultiplier: depthwise ? fc.constantFrom(1, 2) : fc.integer({ min: 1, max: 5 }),
      kernel: fc.constantFrom<1 | 3>(1, 3),
      strides: fc.constantFrom<1 | 2>(1, 2),
      pad: fc.constantFrom<'same' | 'valid'>('same', 'valid'),
      seed: fc.integer({ min: 0, max: 1_000_000 }),
    })
    .map((c): GradientCase => ({ ...c, depthwise }))
    .filter((c) => c.pad === 'same' || (c.height >= c.kernel && c.width >= c.kernel));

beforeAll(async () => {
  expect((await activateNodeBackend('wasm')).backend).toBe('wasm');
});

describe('registerWasmConvGradients', () => {
  it('registers the three missing kernels once; a second call changes nothing', () => {
    const backpropInput = tf.getKernel('Conv2DBackpropInput', 'wasm');
    expect(registerWasmConvGradients()).toEqual([]);
    for (const name of WASM_CONV_GRADIENT_KERNEL_NAMES) expect(tf.getKernel(name, 'wasm')).toBeDefined();
    expect([...WASM_CONV_GRADIENT_KERNEL_NAMES].sort()).toEqual([
      'Conv2DBackpropFilter',
      'DepthwiseConv2dNativeBackpropFilter',
      'DepthwiseConv2dNativeBackpropInput',
    ]);
    // Conv2DBackpropInput is wrapped once (conv2dBackpropInputWasm.test.ts), not again.
    expect(tf.getKernel('Conv2DBackpropInput', 'wasm')).toBe(backpropInput);
    expect(tf.getKernel('Conv2DBackpropFilter', 'cpu').kernelFunc).not.toBe(
      tf.getKernel('Conv2DBackpropFilter', 'wasm').kernelFunc,
    );
  });
});

describe('wasm conv gradients equal the CPU backend (tf.grads)', () => {
  for (const depthwise of [false, true]) {
    it(`${depthwise ? 'depthwiseConv2d' : 'conv2d'}: forward, dx and dW over random shapes`, async () => {
      await fc.assert(
        fc.asyncProperty(gradientCase(depthwise), async (c) => {
          const wasm = await valuesOn('wasm', gradients(c));
          const cpu = await valuesOn('cpu', gradients(c));
          ['y', 'dx', 'dW'].forEach((what, i) => expectClose(wasm[i], cpu[i], `${what} of ${JSON.stringify(c)}`));
        }),
        { numRuns: 60, seed: 7 },
      );
    });
  }

  it('MobileNet shapes: 3×3 stride-2 first conv, depthwise stride 1 and 2, pointwise', async () => {
    const base = { batch: 2, pad: 'same', kernel: 3 } as const;
    const pointwise = { ...base, kernel: 1, strides: 1 } as const;
    const cases: GradientCase[] = [
      { ...base, depthwise: false, height: 16, width: 16, inChannels: 3, outOrMultiplier: 8, strides: 2, seed: 1 },
      { ...base, depthwise: true, height: 8, width: 8, inChannels: 8, outOrMultiplier: 1, strides: 1, seed: 2 },
      { ...base, depthwise: true, height: 8, width: 8, inChannels: 16, outOrMultiplier: 1, strides: 2, seed: 3 },
      { ...pointwise, depthwise: false, height: 4, width: 4, inChannels: 16, outOrMultiplier: 32, seed: 4 },
    ];
    for (const c of cases) {
      const wasm = await valuesOn('wasm', gradients(c));
      const cpu = await valuesOn('cpu', gradients(c));
      ['y', 'dx', 'dW'].forEach((what, i) => expectClose(wasm[i], cpu[i], `${what} of ${JSON.stringify(c)}`));
    }
  });
});

describe('wasm conv gradient kernels called directly', () => {
  it('Conv2DBackpropFilter: explicit and numeric pads, dimRoundingMode, NCHW', async () => {
    const variants: { x: number[]; attrs: Record<string, unknown> }[] = [
      {
        x: [2, 7, 6, 3],
        attrs: {
          strides: 1,
          pad: [
            [0, 0],
            [1, 2],
            [0, 1],
            [0, 0],
          ],
          dataFormat: 'NHWC',
        },
      },
      { x: [2, 7, 6, 3], attrs: { strides: 2, pad: 1, dataFormat: 'NHWC', dimRoundingMode: 'ceil' } },
      { x: [2, 7, 6, 3], attrs: { strides: 2, pad: 1, dataFormat: 'NHWC', dimRoundingMode: 'floor' } },
      { x: [2, 3, 7, 6], attrs: { strides: 1, pad: 'same', dataFormat: 'NCHW' } },
      { x: [2, 3, 7, 6], attrs: { strides: 2, pad: 'valid', dataFormat: 'NCHW' } },
    ];
    for (const [i, v] of variants.entries()) {
      const inChannels = v.attrs.dataFormat === 'NCHW' ? v.x[1] : v.x[3];
      const filterShape: [number, number, number, number] = [3, 3, inChannels, 4];
      const nhwc = v.attrs.dataFormat === 'NCHW' ? [v.x[0], v.x[2], v.x[3], v.x[1]] : v.x;
      const info = tf.backend_util.computeConv2DInfo(
        nhwc as [number, number, number, number],
        filterShape,
        v.attrs.strides as number,
        1,
        v.attrs.pad as Pad,
        v.attrs.dimRoundingMode as 'ceil' | undefined,
      );
      const [n, oh, ow, oc] = info.outShape;
      const dy = v.attrs.dataFormat === 'NCHW' ? [n, oc, oh, ow] : [n, oh, ow, oc];
      const attrs = { ...v.attrs, filterShape };
      const [wasm, cpu] = await kernelOnBoth('Conv2DBackpropFilter', { x: v.x, dy }, attrs, 10 * i);
      expectClose(wasm, cpu, `Conv2DBackpropFilter ${JSON.stringify(v)}`);
    }
  });

  it('Conv2DBackpropFilter: a batch split into several im2col chunks gives the same sums', async () => {
    await tf.setBackend('wasm');
    const chunked = createConv2dBackpropFilterWasm(4 * 4 * 9 * 2 * 2); // two images per chunk, batch of 5
    const attrs = { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 2, 3] };
    const x = tf.tensor4d(randomValues(5 * 4 * 4 * 2, 1), [5, 4, 4, 2]);
    const dy = tf.tensor4d(randomValues(5 * 4 * 4 * 3, 2), [5, 4, 4, 3]);
    const info = chunked({ inputs: { x, dy }, backend: tf.backend(), attrs: attrs as unknown as tf.NamedAttrMap });
    const result = tf.engine().makeTensorFromTensorInfo(info as tf.TensorInfo);
    const reference = runKernel('Conv2DBackpropFilter', { x, dy }, attrs);
    expectClose(result.dataSync() as Float32Array, reference.dataSync() as Float32Array, 'chunked');
    tf.dispose([x, dy, result, reference]);
  });

  it('depthwise kernels: explicit pads (incl. wider than the kernel), dimRoundingMode, multiplier 2', async () => {
    const variants: { x: number[]; k: number; m: number; attrs: Record<string, unknown> }[] = [
      {
        x: [2, 7, 6, 3],
        k: 3,
        m: 1,
        attrs: {
          strides: 1,
          pad: [
            [0, 0],
            [1, 2],
            [0, 1],
            [0, 0],
          ],
        },
      },
      {
        x: [2, 5, 5, 2],
        k: 3,
        m: 2,
        attrs: {
          strides: 1,
          pad: [
            [0, 0],
            [3, 3],
            [3, 4],
            [0, 0],
          ],
        },
      },
      { x: [2, 7, 6, 3], k: 3, m: 2, attrs: { strides: 2, pad: 1, dimRoundingMode: 'ceil' } },
      { x: [1, 8, 8, 4], k: 3, m: 1, attrs: { strides: 2, pad: 'valid' } },
    ];
    for (const [i, v] of variants.entries()) {
      const filterShape = [v.k, v.k, v.x[3], v.m] as [number, number, number, number];
      const info = tf.backend_util.computeConv2DInfo(
        v.x as [number, number, number, number],
        filterShape,
        v.attrs.strides as number,
        1,
        v.attrs.pad as Pad,
        v.attrs.dimRoundingMode as 'ceil' | undefined,
        true,
      );
      const attrs = { ...v.attrs, dilations: 1 };
      const what = JSON.stringify(v);
      const [wasmF, cpuF] = await kernelOnBoth(
        'DepthwiseConv2dNativeBackpropFilter',
        { x: v.x, dy: info.outShape },
        { ...attrs, filterShape },
        20 * i,
      );
      expectClose(wasmF, cpuF, `DepthwiseConv2dNativeBackpropFilter ${what}`);
      const [wasmI, cpuI] = await kernelOnBoth(
        'DepthwiseConv2dNativeBackpropInput',
        { dy: info.outShape, filter: filterShape },
        { ...attrs, inputShape: v.x },
        20 * i + 5,
      );
      expectClose(wasmI, cpuI, `DepthwiseConv2dNativeBackpropInput ${what}`);
    }
  });

  it('depthwise kernels honour dilation 2 (reference: the same kernel with a zero-dilated filter on CPU)', async () => {
    // A depthwise conv with dilation 2 equals one with dilation 1 whose 3×3 filter is spread over 5×5 with zeros in
    // between, so both gradients can be checked against the CPU kernels (which ignore dilations) on the spread filter.
    // 3 input channels × multiplier 2 or 1 per tap (multiplier 1 takes the filter gradient's row-run path).
    for (const [i, [multiplier, pad]] of (
      [
        [2, 'same'],
        [2, 'valid'],
        [1, 'same'],
        [1, 'valid'],
      ] as const
    ).entries()) {
      const [k, spreadK, channels] = [3, 5, 3 * multiplier];
      const tapOffset = (kh: number, kw: number, side: number, step: number) =>
        (step * kh * side + step * kw) * channels;
      const x: [number, number, number, number] = [2, 9, 8, 3];
      const dy = tf.backend_util.computeConv2DInfo(x, [k, k, 3, multiplier], 1, 2, pad, undefined, true).outShape;
      const filter = randomValues(k * k * channels, 32 + i);
      const spread = new Float32Array(spreadK * spreadK * channels);
      for (let kh = 0; kh < k; kh++) {
        for (let kw = 0; kw < k; kw++) {
          const from = tapOffset(kh, kw, k, 1);
          spread.set(filter.subarray(from, from + channels), tapOffset(kh, kw, spreadK, 2));
        }
      }
      const gradients = (filterValues: Float32Array, side: number, dilations: number) => () => {
        const [xt, dyt] = [seededTensor(x, 30 + i), seededTensor(dy, 31 + i)];
        const filterTensor = tf.tensor4d(filterValues, [side, side, 3, multiplier]);
        const attrs = { strides: 1, pad, dilations };
        const dxt = runKernel(
          'DepthwiseConv2dNativeBackpropInput',
          { dy: dyt, filter: filterTensor },
          {
            ...attrs,
            inputShape: x,
          },
        );
        const dwt = runKernel(
          'DepthwiseConv2dNativeBackpropFilter',
          { x: xt, dy: dyt },
          {
            ...attrs,
            filterShape: [side, side, 3, multiplier],
          },
        );
        tf.dispose([xt, dyt, filterTensor]);
        return [dxt, dwt];
      };
      const [dxWasm, dwWasm] = await valuesOn('wasm', gradients(filter, k, 2));
      const [dxCpu, dwSpreadCpu] = await valuesOn('cpu', gradients(spread, spreadK, 1));
      const dwCpu = new Float32Array(k * k * channels);
      for (let kh = 0; kh < k; kh++) {
        for (let kw = 0; kw < k; kw++) {
          const from = tapOffset(kh, kw, spreadK, 2);
          dwCpu.set(dwSpreadCpu.subarray(from, from + channels), tapOffset(kh, kw, k, 1));
        }
      }
      expectClose(dxWasm, dxCpu, `dilated dx (${pad}, multiplier ${multiplier})`);
      expectClose(dwWasm, dwCpu, `dilated dW (${pad}, multiplier ${multiplier})`);
    }
  });
});

describe('wasm conv gradients free what they allocate', () => {
  it('leaves no tensors and no WASM heap buffers behind', async () => {
    await tf.setBackend('wasm');
    const c: GradientCase = {
      depthwise: false,
      batch: 2,
      height: 6,
      width: 6,
      inChannels: 3,
      outOrMultiplier: 4,
      kernel: 3,
      strides: 2,
      pad: 'same',
      seed: 3,
    };
    const run = () => {
      tf.dispose(gradients(c)());
      tf.dispose(gradients({ ...c, depthwise: true, outOrMultiplier: 2 })());
      tf.dispose(gradients({ ...c, depthwise: true, outOrMultiplier: 1, strides: 1 })());
      tf.dispose(gradients({ ...c, kernel: 1, strides: 1 })());
    };
    run(); // first calls may allocate lasting state (XNNPACK operators are freed with their tensors)
    const buffersBefore = tf.backend().numDataIds();
    await expectNoLeaks(run);
    expect(tf.backend().numDataIds()).toBe(buffersBefore);
  });
});

describe('training a small conv net on WASM matches CPU', () => {
  /** conv 3×3 → depthwise 3×3 stride 2 → pointwise 1×1 → dense; weights from `seed`, the same on every backend. */
  function buildModel(seed: number): tf.Sequential {
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [8, 8, 2], filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }),
        tf.layers.depthwiseConv2d({ kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }),
        tf.layers.conv2d({ filters: 6, kernelSize: 1, activation: 'relu' }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 3, activation: 'softmax' }),
      ],
    });
    // getWeights returns the variables' own tensors (not copies): only the new values are freed here.
    const shapes = model.getWeights().map((w) => w.shape);
    const values = tf.tidy(() => shapes.map((shape, i) => tf.mul(seededTensor(shape, seed + i), 0.5)));
    model.setWeights(values);
    tf.dispose(values);
    model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy' });
    return model;
  }

  async function lossesOn(backend: Backend): Promise<number[]> {
    await tf.setBackend(backend);
    const model = buildModel(100);
    const xs = tf.tensor4d(randomValues(12 * 8 * 8 * 2, 200), [12, 8, 8, 2]);
    const ys = tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2], 'int32'), 3);
    const losses: number[] = [];
    for (let step = 0; step < 8; step++) losses.push((await model.trainOnBatch(xs, ys)) as number);
    tf.dispose([xs, ys]);
    model.dispose();
    return losses;
  }

  it('reaches the same losses step by step', async () => {
    const wasm = await lossesOn('wasm');
    const cpu = await lossesOn('cpu');
    for (let i = 0; i < cpu.length; i++) expect(Math.abs(wasm[i] - cpu[i])).toBeLessThan(1e-4 * Math.max(1, cpu[i]));
    expect(wasm[wasm.length - 1]).toBeLessThan(wasm[0]);
  });
});
