import * as tf from '@tensorflow/tfjs';
import { createRng } from '../math/rng';

/**
 * Test helpers for comparing conv kernels on two backends (the WASM gradient kernels against the CPU backend):
 * seeded tensors, running a function or a single kernel on a backend, and an element-wise closeness check.
 * Test-only; every tensor made here is freed before a helper returns values.
 */

export type Backend = 'wasm' | 'cpu';
export type Pad = 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;

/** Seeded values in [−1, 1). */
export function randomValues(size: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: size }, () => rng.next() * 2 - 1);
}

/** A tensor of `shape` holding randomValues(size, seed). */
export function seededTensor(shape: number[], seed: number): tf.Tensor {
  return tf.tensor(
    randomValues(
      shape.reduce((a, b) => a * b, 1),
      seed,
    ),
    shape,
  );
}

/** Runs `fn` on `backend` and returns its tensors' values (the tensors are freed). */
export async function valuesOn(backend: Backend, fn: () => tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const tensors = fn();
  const values = tensors.map((t) => t.dataSync() as Float32Array);
  tf.dispose(tensors);
  return values;
}

/**
 * |actual − expected| ≤ 1e-4 · max(1, max |expected|), element-wise; throws naming the worst offender (a test helper
 * without a test framework, so core stays free of one).
 */
export function expectClose(actual: Float32Array, expected: Float32Array, what: string): void {
  if (actual.length !== expected.length) throw new Error(`${what}: size ${actual.length}, expected ${expected.length}`);
  let scale = 1;
  for (const v of expected) scale = Math.max(scale, Math.abs(v));
  let worst = 0;
  let at = -1;
  for (let i = 0; i < expected.length; i++) {
    const diff = Math.abs(actual[i] - expected[i]);
    if (Number.isNaN(diff)) [worst, at] = [Number.NaN, i];
    if (Number.isNaN(worst)) break;
    if (diff > worst) [worst, at] = [diff, i];
  }
  if (!(worst <= 1e-4 * scale)) {
    throw new Error(`${what}: element ${at} is ${actual[at]}, expected ${expected[at]} (tolerance ${1e-4 * scale})`);
  }
}

/** Output shape [n, h, w, c] of a (depthwise) conv of `x` with `filter`. */
export function outputShape(
  x: number[],
  filter: number[],
  strides: number,
  pad: Pad,
  depthwise: boolean,
  dilations = 1,
): [number, number, number, number] {
  const info = tf.backend_util.computeConv2DInfo(
    x as [number, number, number, number],
    filter as [number, number, number, number],
    strides,
    dilations,
    pad,
    undefined,
    depthwise,
  );
  return info.outShape;
}

export interface GradientCase {
  depthwise: boolean;
  batch: number;
  height: number;
  width: number;
  inChannels: number;
  /** Output channels of a conv2d, the channel multiplier of a depthwise conv. */
  outOrMultiplier: number;
  kernel: 1 | 3;
  strides: 1 | 2;
  pad: 'same' | 'valid';
  seed: number;
}

/** dL/dx and dL/dW of L = Σ conv(x, W) ⊙ R via tf.grads (R fixed, so dy = R is arbitrary). */
export function gradients(c: GradientCase): () => tf.Tensor[] {
  const xShape = [c.batch, c.height, c.width, c.inChannels];
  const wShape = [c.kernel, c.kernel, c.inChannels, c.outOrMultiplier];
  const yShape = outputShape(xShape, wShape, c.strides, c.pad, c.depthwise);
  return () =>
    tf.tidy(() => {
      const x = seededTensor(xShape, c.seed) as tf.Tensor4D;
      const w = seededTensor(wShape, c.seed + 1) as tf.Tensor4D;
      const r = seededTensor(yShape, c.seed + 2);
      const conv = (a: tf.Tensor4D, b: tf.Tensor4D) =>
        c.depthwise ? tf.depthwiseConv2d(a, b, c.strides, c.pad) : tf.conv2d(a, b, c.strides, c.pad);
      const loss = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(conv(a as tf.Tensor4D, b as tf.Tensor4D), r));
      const [dx, dw] = tf.grads(loss)([x, w]);
      return [conv(x, w), dx, dw];
    });
}

/** Runs a kernel directly (the way tfjs-core's ops do) on `backend`. */
export function runKernel(name: string, inputs: Record<string, tf.Tensor>, attrs: object): tf.Tensor {
  return tf.engine().runKernel(name, inputs, attrs as tf.NamedAttrMap) as tf.Tensor;
}

/** Runs kernel `name` on seeded inputs of `shapes` on WASM, then on CPU; returns [wasm, cpu] values. */
export async function kernelOnBoth(
  name: string,
  shapes: Record<string, number[]>,
  attrs: object,
  seed: number,
): Promise<[Float32Array, Float32Array]> {
  const run = () => {
    const inputs: Record<string, tf.Tensor> = {};
    Object.entries(shapes).forEach(([key, shape], i) => (inputs[key] = seededTensor(shape, seed + i)));
    const out = runKernel(name, inputs, attrs);
    tf.dispose(Object.values(inputs));
    return [out];
  };
  const [wasm] = await valuesOn('wasm', run);
  const [cpu] = await valuesOn('cpu', run);
  return [wasm, cpu];
}
