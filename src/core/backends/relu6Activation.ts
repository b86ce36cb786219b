import * as tf from '@tensorflow/tfjs';
import { asWasmBackend, channelAffine, disposeAll, runWasmKernel, withShape } from './wasmKernelCalls';

/**
 * The Keras 'relu6' activation as tfjs's own Relu6 kernel. tfjs-layers computes it as `minimum(6, relu(x))`: on WASM
 * the Minimum against a broadcast scalar is a per-element index loop, about 4× its Relu6 kernel, and its gradient
 * adds a broadcast comparison. MobileNet v1 ends every convolution in relu6, so a trainable block (fine-tuning,
 * scratch) paid it after each one. Equal results: min(6, max(0, x)) = relu6(x) for every x; the gradient is 1 on
 * (0, 6) and 0 outside, as before (tfjs's Relu6 gradient).
 *
 * Registered under tfjs-layers' class name 'relu6', replacing its class in the serialization map, so layers built
 * afterwards (models loaded or re-created from JSON) use it; layers built before keep the activation they have.
 */
export class FastRelu6 extends tf.serialization.Serializable {
  static className = 'relu6';

  apply(x: tf.Tensor): tf.Tensor {
    return tf.relu6(x);
  }

  getConfig(): tf.serialization.ConfigDict {
    return {};
  }
}

/**
 * The Relu6 gradient as one WASM kernel of ours: inputs {dy, x} (float32, same shape), output dx = dy where 0 < x < 6,
 * else 0, as four vectorised WASM passes: 6 − x (a 1×1 depthwise convolution with bias, no broadcast), x·(6 − x),
 * Step (1 where positive, i.e. on (0, 6)), × dy. tfjs-core's form compares against a broadcast scalar (a per-element
 * index loop on WASM) and casts booleans; a single plain-JS sweep over the heap before this was ~2× slower (measured
 * side by side, Node WASM). A from-scratch MobileNet step runs it after each of its 27 convolutions. Registered for
 * 'wasm' only; no gradient of its own (second derivatives of relu6 are zero anyway).
 */
export const RELU6_GRAD = 'TransferStudioRelu6Grad';

export const relu6GradWasm: tf.KernelFunc = ({ inputs, backend }) => {
  const wasm = asWasmBackend(backend);
  const { dy, x } = inputs as { dy: tf.TensorInfo; x: tf.TensorInfo };
  if (dy.shape.join() !== x.shape.join()) {
    throw new Error(`Relu6Grad (wasm): dy has shape [${dy.shape}], x [${x.shape}]`);
  }
  const size = x.shape.reduce((a, b) => a * b, 1);
  if (size === 0) return wasm.makeOutput([...x.shape], 'float32');
  const channels = x.shape.length > 0 ? x.shape[x.shape.length - 1] : 1;
  const view = withShape(x, [1, 1, size / channels, channels]);
  const rest = channelAffine(wasm, view, new Float32Array(channels).fill(-1), new Float32Array(channels).fill(6));
  const product = runWasmKernel(tf.Multiply, wasm, { a: view, b: rest });
  const inside = runWasmKernel(tf.Step, wasm, { x: product }, { alpha: 0 });
  const dx = runWasmKernel(tf.Multiply, wasm, { a: withShape(dy, view.shape), b: inside });
  disposeAll(wasm, [rest, product, inside]);
  return withShape(dx, [...x.shape]);
};

/**
 * The gradient of the Relu6 kernel: dy where 0 < x < 6, else 0, as TensorFlow's Relu6Grad defines it. On WASM one
 * kernel (relu6GradWasm); elsewhere dy · step(x·(6 − x)) in four float kernels. tfjs-core's own
 * (dy · cast(lessEqual(x, 6) · step(x))) compares against a broadcast scalar, a per-element index loop on WASM, and
 * casts booleans; it also counts x = 6 as inside.
 */
export const relu6GradConfig: tf.GradConfig = {
  kernelName: tf.Relu6,
  inputsToSave: ['x'],
  gradFunc: (dy, saved) => {
    const [x] = saved;
    const g = dy as tf.Tensor;
    const oneKernel = g.dtype === 'float32' && x.dtype === 'float32' && tf.getKernel(RELU6_GRAD, tf.getBackend());
    return {
      x: () =>
        oneKernel
          ? (tf.engine().runKernel(RELU6_GRAD, { dy: g, x }) as tf.Tensor)
          : tf.mul(g, tf.step(tf.mul(x, tf.sub(tf.scalar(6), x)))),
    };
  },
};

/** Registers FastRelu6 as 'relu6', the WASM gradient kernel and relu6GradConfig (all idempotent). */
export function registerRelu6Activation(): void {
  tf.serialization.registerClass(FastRelu6);
  if (tf.getKernel(RELU6_GRAD, 'wasm') == null) {
    tf.registerKernel({ kernelName: RELU6_GRAD, backendName: 'wasm', kernelFunc: relu6GradWasm });
  }
  tf.registerGradient(relu6GradConfig);
}
