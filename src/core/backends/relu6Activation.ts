import * as tf from '@tensorflow/tfjs';
import { asWasmBackend, heapFloats } from './wasmKernelCalls';

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
 * The Relu6 gradient as one WASM kernel of ours, a single plain-JS sweep over the heap: inputs {dy, x} (float32, same
 * shape), output dx = dy where 0 < x < 6, else 0. The four-kernel form below makes three full-size intermediates and
 * four passes, one of them against a broadcast scalar; a from-scratch MobileNet step runs it after each of its 27
 * convolutions. Registered for 'wasm' only; no gradient of its own (second derivatives of relu6 are zero anyway).
 */
export const RELU6_GRAD = 'TransferStudioRelu6Grad';

export const relu6GradWasm: tf.KernelFunc = ({ inputs, backend }) => {
  const wasm = asWasmBackend(backend);
  const { dy, x } = inputs as { dy: tf.TensorInfo; x: tf.TensorInfo };
  if (dy.shape.join() !== x.shape.join()) {
    throw new Error(`Relu6Grad (wasm): dy has shape [${dy.shape}], x [${x.shape}]`);
  }
  const dx = wasm.makeOutput([...x.shape], 'float32'); // first: an allocation may grow the heap and detach views
  const [dys, xs, out] = [heapFloats(wasm, dy), heapFloats(wasm, x), heapFloats(wasm, dx)];
  // Branch-free (x's signs are mixed, so a branch mispredicts often): dy × 1 inside, dy × 0 outside.
  for (let i = 0; i < out.length; i++) {
    const v = xs[i];
    out[i] = dys[i] * (Number(v > 0) & Number(v < 6));
  }
  return dx;
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
