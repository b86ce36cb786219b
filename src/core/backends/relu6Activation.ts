import * as tf from '@tensorflow/tfjs';

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
 * The gradient of the Relu6 kernel: dy where 0 < x < 6, else 0, as TensorFlow's Relu6Grad defines it, computed as
 * dy · step(x·(6 − x)) in four float kernels. tfjs-core's own (dy · cast(lessEqual(x, 6) · step(x))) compares
 * against a broadcast scalar, a per-element index loop on WASM, and casts booleans; it also counts x = 6 as inside.
 */
export const relu6GradConfig: tf.GradConfig = {
  kernelName: tf.Relu6,
  inputsToSave: ['x'],
  gradFunc: (dy, saved) => {
    const [x] = saved;
    return { x: () => tf.mul(dy as tf.Tensor, tf.step(tf.mul(x, tf.sub(tf.scalar(6), x)))) };
  },
};

/** Registers FastRelu6 as 'relu6' and relu6GradConfig (both idempotent). */
export function registerRelu6Activation(): void {
  tf.serialization.registerClass(FastRelu6);
  tf.registerGradient(relu6GradConfig);
}
