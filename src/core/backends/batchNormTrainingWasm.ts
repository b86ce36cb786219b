import * as tf from '@tensorflow/tfjs';
import {
  asWasmBackend,
  channelAffine,
  constant,
  disposeAll,
  heapFloats,
  runWasmKernel,
  withShape,
  type WasmBackendLike,
} from './wasmKernelCalls';

/**
 * Batch normalisation in training mode as two WASM kernels of ours, each a few vectorised WASM passes (XNNPACK's
 * average pooling for per-channel sums, a 1×1 depthwise convolution with bias for per-channel affine maps, Square,
 * Multiply, Add) with the per-channel arithmetic in float64 in between: what tfjs-layers builds from ~20 kernels per layer (Cast, Mean, Sub, Square, Mean, FusedBatchNorm, then their
 * gradients: Mul, Sub, Sum … at full size, each a WASM call with its own pass over the activations). In a MobileNet
 * v1 0.25 from-scratch step (batch 32, 224 px) those kernels were ~60 % of the step's kernel time.
 *
 * Forward `BATCH_NORM_TRAINING`: inputs {x [..., C], scale [C], offset [C]} (float32, channels last), attrs
 * {varianceEpsilon}; outputs [y (x's shape), mean [C], variance [C]], the biased batch variance, as `tf.moments`:
 *   μ = Σx / M, σ² = Σ(x − μ)² / M over the M = size / C values of each channel, y = γ·(x − μ)·r + β, r = 1/√(σ² + ε).
 * Two-pass: σ² from the values centred on a first mean (no cancellation when |μ| ≫ σ); partial means are float32
 * over each example's pixels (XNNPACK), combined over the batch in float64. Plain-JS strided sweeps over the heap
 * did the same before and were measured ~2.5–3× slower (a MobileNet v1 0.25 scratch step, batch 32, Node WASM).
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

/**
 * `x` seen as [P, 1, Q, C] (P = the batch for rank ≥ 3, else 1): the 4-D NHWC shape WASM's pooling and depthwise
 * kernels take, with per-channel statistics reduced first over Q inside a kernel (float32), then over P here (float64).
 */
function rowsView(x: tf.TensorInfo): { view: tf.TensorInfo; rows: number } {
  const channels = channelsOf(x);
  const rows = x.shape.length >= 3 ? x.shape[0] : 1;
  return { view: withShape(x, [rows, 1, sizeOf(x.shape) / channels / rows, channels]), rows };
}

/** Per-channel means of a [P, 1, Q, C] view: WASM's AvgPool over each row's Q pixels, then the P rows in float64. */
function channelMeans(wasm: WasmBackendLike, view: tf.TensorInfo): Float64Array {
  const [rows, , columns, channels] = view.shape;
  const pooled = runWasmKernel(tf.AvgPool, wasm, { x: view }, {
    filterSize: [1, columns],
    strides: [1, columns],
    pad: 'valid',
  } as unknown as tf.NamedAttrMap);
  const partial = heapFloats(wasm, pooled);
  const means = new Float64Array(channels);
  for (let r = 0; r < rows; r++) for (let c = 0; c < channels; c++) means[c] += partial[r * channels + c] / rows;
  disposeAll(wasm, [pooled]);
  return means;
}

/**
 * x − μ̂ for a first batch mean μ̂ (from the pooled partials), in one pass, and the mean of that (`residual`, what
 * float32 rounding left of μ, ~0): the batch mean is μ = μ̂ + residual. The caller owns `centred`.
 */
function centre(
  wasm: WasmBackendLike,
  view: tf.TensorInfo,
): { centred: tf.TensorInfo; mean: Float64Array; residual: Float64Array } {
  const first = channelMeans(wasm, view);
  const ones = new Float64Array(first.length).fill(1);
  const centred = channelAffine(
    wasm,
    view,
    ones,
    first.map((m) => -m),
  );
  const residual = channelMeans(wasm, centred);
  return { centred, mean: first.map((m, c) => m + residual[c]), residual };
}

/** Per-channel mean of v² over a [P, 1, Q, C] view (WASM Square, then AvgPool). */
function meanSquares(wasm: WasmBackendLike, view: tf.TensorInfo): Float64Array {
  const squares = runWasmKernel(tf.Square, wasm, { x: view });
  const means = channelMeans(wasm, squares);
  disposeAll(wasm, [squares]);
  return means;
}

export const batchNormTrainingWasm: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const wasm = asWasmBackend(backend);
  const { x, scale, offset } = inputs as { x: tf.TensorInfo; scale: tf.TensorInfo; offset: tf.TensorInfo };
  const { varianceEpsilon } = attrs as unknown as BatchNormTrainingAttrs;
  checkParameters('BatchNormTraining', x, { scale, offset });
  const channels = channelsOf(x);
  if (sizeOf(x.shape) === 0) {
    const zeros = new Float32Array(channels);
    return [
      wasm.makeOutput([...x.shape], 'float32'),
      constant(wasm, [channels], zeros),
      constant(wasm, [channels], zeros),
    ];
  }
  const { view } = rowsView(x);
  const { centred, mean, residual } = centre(wasm, view);
  // σ² = E[(x − μ̂)²] − residual²: the two-pass (centred) form, so no cancellation when |μ| ≫ σ.
  const squares = meanSquares(wasm, centred);
  const variance = squares.map((q, c) => Math.max(0, q - residual[c] * residual[c]));
  const [gamma, beta] = [heapFloats(wasm, scale), heapFloats(wasm, offset)].map((v) => Float64Array.from(v));
  const a = gamma.map((g, c) => g / Math.sqrt(variance[c] + varianceEpsilon));
  const b = beta.map((bt, c) => bt - a[c] * residual[c]);
  const y = channelAffine(wasm, centred, a, b); // γ·(x − μ)·r + β
  disposeAll(wasm, [centred]);
  return [withShape(y, [...x.shape]), constant(wasm, [channels], mean), constant(wasm, [channels], variance)];
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
  const count = sizeOf(x.shape) / channels;
  const [gamma, mu, sigma2, gMean, gVariance] = [scale, mean, variance, dMean, dVariance].map((t) =>
    Float64Array.from(heapFloats(wasm, t)),
  );
  if (count === 0) {
    const zeros = new Float32Array(channels);
    return [
      wasm.makeOutput([...x.shape], 'float32'),
      constant(wasm, [channels], zeros),
      constant(wasm, [channels], zeros),
    ];
  }
  const { view: xView } = rowsView(x);
  const { view: dyView } = rowsView(dy);
  const centred = channelAffine(
    wasm,
    xView,
    new Float64Array(channels).fill(1),
    mu.map((m) => -m),
  );
  const meanDy = channelMeans(wasm, dyView);
  const products = runWasmKernel(tf.Multiply, wasm, { a: dyView, b: centred });
  const meanDyCentred = channelMeans(wasm, products);
  disposeAll(wasm, [products]);
  // dx = A·dy + B·(x − μ) + D per channel; dγ = r·Σ dy·(x − μ), dβ = Σ dy.
  const r = sigma2.map((s) => 1 / Math.sqrt(s + varianceEpsilon));
  const dScale = r.map((rc, c) => rc * meanDyCentred[c] * count);
  const dOffset = meanDy.map((m) => m * count);
  const A = gamma.map((g, c) => g * r[c]);
  const B = gamma.map((g, c) => (-g * r[c] * r[c] * dScale[c] + 2 * gVariance[c]) / count);
  const D = gamma.map((g, c) => (-g * r[c] * dOffset[c] + gMean[c]) / count);
  const fromDy = channelAffine(wasm, dyView, A, D);
  const fromX = channelAffine(wasm, centred, B, new Float64Array(channels));
  const dx = runWasmKernel(tf.Add, wasm, { a: fromDy, b: fromX });
  disposeAll(wasm, [centred, fromDy, fromX]);
  return [withShape(dx, [...x.shape]), constant(wasm, [channels], dScale), constant(wasm, [channels], dOffset)];
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
