import * as tf from '@tensorflow/tfjs';
import { asWasmBackend, heapFloats } from './wasmKernelCalls';

/**
 * Batch normalisation in training mode as two WASM kernels of ours, each a couple of plain-JS sweeps over the heap:
 * what tfjs-layers builds from ~20 kernels per layer (Cast, Mean, Sub, Square, Mean, FusedBatchNorm, then their
 * gradients: Mul, Sub, Sum … at full size, each a WASM call with its own pass over the activations). In a MobileNet
 * v1 0.25 from-scratch step (batch 32, 224 px) those kernels were ~60 % of the step's kernel time.
 *
 * Forward `BATCH_NORM_TRAINING`: inputs {x [..., C], scale [C], offset [C]} (float32, channels last), attrs
 * {varianceEpsilon}; outputs [y (x's shape), mean [C], variance [C]], the biased batch variance, as `tf.moments`:
 *   μ = Σx / M, σ² = Σ(x − μ)² / M over the M = size / C values of each channel, y = γ·(x − μ)·r + β, r = 1/√(σ² + ε).
 * Sums are float64 over values shifted by each channel's first value (no cancellation when |μ| ≫ σ).
 *
 * Backward `BATCH_NORM_TRAINING_GRAD`: inputs {dy, x, scale, mean, variance, dMean, dVariance} (dMean, dVariance: the
 * gradients reaching the mean and variance outputs, zeros when only y is used), attrs {varianceEpsilon}; outputs
 * [dx, dScale, dOffset], with x̂ = (x − μ)·r:
 *   dβ = Σ dy,  dγ = Σ dy·x̂,  dx = γ·r·(dy − dβ/M − x̂·dγ/M) + dMean/M + 2·dVariance·(x − μ)/M.
 * Both register for 'wasm' only (core/backends/batchNormTraining.ts decides when they are used).
 */
export const BATCH_NORM_TRAINING = 'TransferStudioBatchNormTraining';
export const BATCH_NORM_TRAINING_GRAD = 'TransferStudioBatchNormTrainingGrad';

export interface BatchNormTrainingAttrs {
  varianceEpsilon: number;
}

const channelsOf = (x: tf.TensorInfo) => x.shape[x.shape.length - 1];
const sizeOf = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

function checkParameters(kernel: string, x: tf.TensorInfo, parameters: Record<string, tf.TensorInfo>): void {
  const channels = channelsOf(x);
  for (const [name, p] of Object.entries(parameters)) {
    if (sizeOf(p.shape) !== channels) {
      throw new Error(
        `${kernel} (wasm): ${name} has shape [${p.shape}], expected ${channels} values (x: [${x.shape}])`,
      );
    }
  }
}

export const batchNormTrainingWasm: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const wasm = asWasmBackend(backend);
  const { x, scale, offset } = inputs as { x: tf.TensorInfo; scale: tf.TensorInfo; offset: tf.TensorInfo };
  const { varianceEpsilon } = attrs as unknown as BatchNormTrainingAttrs;
  checkParameters('BatchNormTraining', x, { scale, offset });
  const channels = channelsOf(x);
  const size = sizeOf(x.shape);
  const count = size / channels;
  // Allocate every output first: an allocation may grow the heap and detach earlier views.
  const y = wasm.makeOutput([...x.shape], 'float32');
  const meanOut = wasm.makeOutput([channels], 'float32');
  const varianceOut = wasm.makeOutput([channels], 'float32');
  const xs = heapFloats(wasm, x);
  const gamma = heapFloats(wasm, scale);
  const beta = heapFloats(wasm, offset);
  const shift = new Float64Array(channels);
  const sum = new Float64Array(channels);
  const sumSquares = new Float64Array(channels);
  // Strided sweeps with scalar accumulators, four channels per sweep (then one at a time for the rest): a strided
  // sweep per channel was measured ~2× faster than a pixel-major sweep updating per-channel arrays (a load and a
  // store per value) at MobileNet's 8–256 channels; four per sweep reads each cache line a quarter as often.
  let c = 0;
  for (; c + 3 < channels && count > 0; c += 4) {
    const [f0, f1, f2, f3] = [xs[c], xs[c + 1], xs[c + 2], xs[c + 3]];
    let [s0, s1, s2, s3, q0, q1, q2, q3] = [0, 0, 0, 0, 0, 0, 0, 0];
    for (let i = c; i < size; i += channels) {
      const v0 = xs[i] - f0;
      const v1 = xs[i + 1] - f1;
      const v2 = xs[i + 2] - f2;
      const v3 = xs[i + 3] - f3;
      s0 += v0;
      s1 += v1;
      s2 += v2;
      s3 += v3;
      q0 += v0 * v0;
      q1 += v1 * v1;
      q2 += v2 * v2;
      q3 += v3 * v3;
    }
    shift.set([f0, f1, f2, f3], c);
    sum.set([s0, s1, s2, s3], c);
    sumSquares.set([q0, q1, q2, q3], c);
  }
  for (; c < channels && count > 0; c++) {
    const first = xs[c];
    let s = 0;
    let q = 0;
    for (let i = c; i < size; i += channels) {
      const v = xs[i] - first;
      s += v;
      q += v * v;
    }
    shift[c] = first;
    sum[c] = s;
    sumSquares[c] = q;
  }
  const a = new Float64Array(channels);
  const b = new Float64Array(channels);
  const means = heapFloats(wasm, meanOut);
  const variances = heapFloats(wasm, varianceOut);
  for (let c = 0; c < channels; c++) {
    const shiftedMean = count > 0 ? sum[c] / count : 0;
    const variance = count > 0 ? Math.max(0, sumSquares[c] / count - shiftedMean * shiftedMean) : 0;
    const mean = shift[c] + shiftedMean;
    means[c] = mean;
    variances[c] = variance;
    a[c] = gamma[c] / Math.sqrt(variance + varianceEpsilon);
    b[c] = beta[c] - mean * a[c];
  }
  const ys = heapFloats(wasm, y);
  for (let i = 0; i < size; i += channels) {
    for (let c = 0; c < channels; c++) ys[i + c] = xs[i + c] * a[c] + b[c];
  }
  return [y, meanOut, varianceOut];
};

export const batchNormTrainingGradWasm: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const wasm = asWasmBackend(backend);
  const { dy, x, scale, mean, variance, dMean, dVariance } = inputs as Record<string, tf.TensorInfo>;
  const { varianceEpsilon } = attrs as unknown as BatchNormTrainingAttrs;
  if (dy.shape.join() !== x.shape.join()) {
    throw new Error(`BatchNormTrainingGrad (wasm): dy has shape [${dy.shape}], expected [${x.shape}]`);
  }
  checkParameters('BatchNormTrainingGrad', x, { scale, mean, variance, dMean, dVariance });
  const channels = channelsOf(x);
  const size = sizeOf(x.shape);
  const count = size / channels;
  const dx = wasm.makeOutput([...x.shape], 'float32');
  const dScaleOut = wasm.makeOutput([channels], 'float32');
  const dOffsetOut = wasm.makeOutput([channels], 'float32');
  const xs = heapFloats(wasm, x);
  const dys = heapFloats(wasm, dy);
  const mu = Float64Array.from(heapFloats(wasm, mean));
  const sumDy = new Float64Array(channels);
  const sumDyCentred = new Float64Array(channels);
  let c = 0;
  for (; c + 3 < channels; c += 4) {
    const [m0, m1, m2, m3] = [mu[c], mu[c + 1], mu[c + 2], mu[c + 3]];
    let [s0, s1, s2, s3, t0, t1, t2, t3] = [0, 0, 0, 0, 0, 0, 0, 0];
    for (let i = c; i < size; i += channels) {
      const g0 = dys[i];
      const g1 = dys[i + 1];
      const g2 = dys[i + 2];
      const g3 = dys[i + 3];
      s0 += g0;
      s1 += g1;
      s2 += g2;
      s3 += g3;
      t0 += g0 * (xs[i] - m0);
      t1 += g1 * (xs[i + 1] - m1);
      t2 += g2 * (xs[i + 2] - m2);
      t3 += g3 * (xs[i + 3] - m3);
    }
    sumDy.set([s0, s1, s2, s3], c);
    sumDyCentred.set([t0, t1, t2, t3], c);
  }
  for (; c < channels; c++) {
    const m = mu[c];
    let s = 0;
    let sc = 0;
    for (let i = c; i < size; i += channels) {
      const g = dys[i];
      s += g;
      sc += g * (xs[i] - m);
    }
    sumDy[c] = s;
    sumDyCentred[c] = sc;
  }
  const gamma = heapFloats(wasm, scale);
  const sigma2 = heapFloats(wasm, variance);
  const gMean = heapFloats(wasm, dMean);
  const gVariance = heapFloats(wasm, dVariance);
  const dScale = heapFloats(wasm, dScaleOut);
  const dOffset = heapFloats(wasm, dOffsetOut);
  // dx = A·dy + B·(x − μ) + D per channel.
  const A = new Float64Array(channels);
  const B = new Float64Array(channels);
  const D = new Float64Array(channels);
  for (let c = 0; c < channels; c++) {
    const r = 1 / Math.sqrt(sigma2[c] + varianceEpsilon);
    const dGamma = r * sumDyCentred[c];
    dScale[c] = dGamma;
    dOffset[c] = sumDy[c];
    A[c] = gamma[c] * r;
    B[c] = count > 0 ? (-gamma[c] * r * r * dGamma + 2 * gVariance[c]) / count : 0;
    D[c] = count > 0 ? (-gamma[c] * r * sumDy[c] + gMean[c]) / count : 0;
  }
  const dxs = heapFloats(wasm, dx);
  for (let i = 0; i < size; i += channels) {
    for (let c = 0; c < channels; c++) dxs[i + c] = A[c] * dys[i + c] + B[c] * (xs[i + c] - mu[c]) + D[c];
  }
  return [dx, dScaleOut, dOffsetOut];
};

/** Registers both kernels for 'wasm' (idempotent: an existing registration is kept). */
export function registerBatchNormTrainingWasm(): void {
  const kernels: tf.KernelConfig[] = [
    { kernelName: BATCH_NORM_TRAINING, backendName: 'wasm', kernelFunc: batchNormTrainingWasm },
    { kernelName: BATCH_NORM_TRAINING_GRAD, backendName: 'wasm', kernelFunc: batchNormTrainingGradWasm },
  ];
  for (const config of kernels) {
    if (tf.getKernel(config.kernelName, config.backendName) == null) tf.registerKernel(config);
  }
}
