import * as tf from '@tensorflow/tfjs';

/**
 * tfjs-layers' Conv2D, except that on WASM a convolution without bias and with a linear activation (every MobileNet v1
 * convolution: batch norm follows) runs as `tf.conv2d` instead of `tf.fused.conv2d`. Why: the fused op's gradient is a
 * `tf.customGrad` that computes the input gradient eagerly, even when the input is no variable (a network's first
 * convolution: a whole 3×3 stride-2 Conv2DBackpropInput at 224 px per training step, thrown away), and that clones x
 * and y for the tape (an Identity copy of each on WASM). Conv2D's registered gradient is lazy (the engine only asks
 * for the gradients of inputs on a path from a variable) and saves references. Same function: conv2d(x, W) is
 * fused.conv2d(x, W) without bias and activation, the same XNNPACK convolution on WASM. Every other case and backend
 * runs tfjs-layers' own code.
 *
 * Registered under tfjs-layers' class name 'Conv2D', replacing its class in the serialization map, so layers built
 * afterwards from JSON (loaded models, fresh copies) use it; `getClassName()` stays 'Conv2D'.
 */

type LayerConstructor = new (args?: object) => tf.layers.Layer;
type ClassEntry = [
  tf.serialization.SerializableConstructor<tf.serialization.Serializable>,
  tf.serialization.FromConfigMethod<tf.serialization.Serializable>,
];

const classNames = () => tf.serialization.SerializationMap.getMap().classNameMap as Record<string, ClassEntry>;

/** tfjs-layers' own Conv2D class (the factory's product; ours is never registered before this runs). */
const TfjsConv2D = tf.layers.conv2d({ filters: 1, kernelSize: 1 }).constructor as LayerConstructor;

/** The fields of tfjs-layers' Conv2D this class reads (tfjs 4.22 names). */
interface Conv2DFields {
  rank: number;
  kernel: { read(): tf.Tensor } | null;
  bias: unknown;
  activation: { getClassName(): string } | null;
  strides: [number, number];
  padding: string;
  dataFormat: string;
  dilationRate: [number, number];
}

export class FastConv2D extends TfjsConv2D {
  static className = 'Conv2D';

  call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor | tf.Tensor[] {
    const input = Array.isArray(inputs) ? (inputs.length === 1 ? inputs[0] : null) : inputs;
    const f = this as unknown as Conv2DFields;
    const plain =
      input != null &&
      input.rank === 4 &&
      tf.getBackend() === 'wasm' &&
      f.rank === 2 &&
      f.kernel != null &&
      f.bias == null &&
      (f.activation == null || f.activation.getClassName() === 'linear') &&
      f.dataFormat === 'channelsLast' &&
      (f.padding === 'same' || f.padding === 'valid');
    if (!plain) return super.call(inputs, kwargs);
    const kernel = f.kernel as { read(): tf.Tensor };
    return tf.tidy(() =>
      tf.conv2d(
        input as tf.Tensor4D,
        kernel.read() as tf.Tensor4D,
        f.strides,
        f.padding as 'same' | 'valid',
        'NHWC',
        f.dilationRate,
      ),
    );
  }
}

/** Registers FastConv2D as 'Conv2D' (idempotent; call before models are built so their layers pick it up). */
export function registerConv2DLayer(): void {
  if (classNames()['Conv2D']?.[0] !== (FastConv2D as unknown)) {
    tf.serialization.registerClass(FastConv2D as unknown as tf.serialization.SerializableConstructor<tf.layers.Layer>);
  }
}

/** tfjs-layers' class, for benchmarks that run tfjs's own path beside ours (bench/tfjsOriginals.ts). */
export const tfjsConv2DEntry = (): ClassEntry => [
  TfjsConv2D as unknown as ClassEntry[0],
  (TfjsConv2D as unknown as { fromConfig: ClassEntry[1] }).fromConfig,
];
