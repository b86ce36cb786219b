import * as tf from '@tensorflow/tfjs';
import {
  BATCH_NORM_TRAINING,
  BATCH_NORM_TRAINING_GRAD,
  registerBatchNormTrainingWasm,
  type BatchNormTrainingAttrs,
} from './batchNormTrainingWasm';

/**
 * tfjs-layers' BatchNormalization with its training-mode path (batch statistics) as one kernel and one gradient
 * kernel on WASM (batchNormTrainingWasm.ts) instead of ~20 kernels per layer and call. Everything else — inference
 * mode, other backends, axes other than the last, layers without γ or β — is tfjs-layers' own code, unchanged. The
 * moving mean and variance are updated exactly as tfjs-layers does (m ← m − (m − batch)·(1 − momentum)).
 *
 * Registered under tfjs-layers' class name 'BatchNormalization', replacing its class in the serialization map, so
 * layers built afterwards from JSON (loaded models, fresh copies) use it; `getClassName()` stays
 * 'BatchNormalization', so code that recognises batch norm layers by name (folding, calibration) is unaffected.
 * Layers built before registration keep tfjs's class. Same function up to float rounding: property-tested on WASM
 * against tfjs's layer on the CPU backend (batchNormTraining.test.ts).
 */

type LayerConstructor = new (args?: object) => tf.layers.Layer;
type ClassEntry = [
  tf.serialization.SerializableConstructor<tf.serialization.Serializable>,
  tf.serialization.FromConfigMethod<tf.serialization.Serializable>,
];

const classNames = () => tf.serialization.SerializationMap.getMap().classNameMap as Record<string, ClassEntry>;

/** tfjs-layers' own BatchNormalization class (the factory's product; ours is never registered before this runs). */
const TfjsBatchNormalization = tf.layers.batchNormalization().constructor as LayerConstructor;

/** The private fields of tfjs-layers' BatchNormalization this class reads (tfjs 4.22 names). */
interface BatchNormFields {
  axis: number;
  momentum: number;
  epsilon: number;
  gamma: tf.LayerVariable | null | undefined;
  beta: tf.LayerVariable | null | undefined;
  movingMean: tf.LayerVariable;
  movingVariance: tf.LayerVariable;
}

interface LayerVariableAccess {
  read(): tf.Tensor;
  write(value: tf.Tensor): void;
}

/**
 * y, batch mean and batch variance of `x` (channels last) through the WASM kernel, recorded on the tape with
 * batchNormTrainingGradConfig. The caller owns the three tensors.
 */
export function batchNormTraining(
  x: tf.Tensor,
  scale: tf.Tensor,
  offset: tf.Tensor,
  varianceEpsilon: number,
): [tf.Tensor, tf.Tensor, tf.Tensor] {
  const attrs: BatchNormTrainingAttrs = { varianceEpsilon };
  const [y, mean, variance] = tf
    .engine()
    .runKernel(BATCH_NORM_TRAINING, { x, scale, offset }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
  return [y, mean, variance];
}

export const batchNormTrainingGradConfig: tf.GradConfig = {
  kernelName: BATCH_NORM_TRAINING,
  inputsToSave: ['x', 'scale'],
  outputsToSave: [false, true, true],
  gradFunc: (dys, saved, attrs) => {
    const [dy, dMean, dVariance] = dys as tf.Tensor[];
    const [x, scale, mean, variance] = saved;
    const [dx, dScale, dOffset] = tf
      .engine()
      .runKernel(BATCH_NORM_TRAINING_GRAD, { dy, x, scale, mean, variance, dMean, dVariance }, attrs) as tf.Tensor[];
    return { x: () => dx, scale: () => dScale, offset: () => dOffset };
  },
};

export class FastBatchNormalization extends TfjsBatchNormalization {
  static className = 'BatchNormalization';

  call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor | tf.Tensor[] {
    if (Array.isArray(inputs) && inputs.length !== 1) return super.call(inputs, kwargs);
    const input = Array.isArray(inputs) ? inputs[0] : inputs;
    const fields = this as unknown as BatchNormFields;
    const axis = fields.axis >= 0 ? fields.axis : fields.axis + input.rank;
    const fast =
      kwargs['training'] === true &&
      axis === input.rank - 1 &&
      input.dtype === 'float32' &&
      fields.gamma != null &&
      fields.beta != null &&
      tf.getKernel(BATCH_NORM_TRAINING, tf.getBackend()) != null;
    if (!fast) return super.call(inputs, kwargs);
    return tf.tidy(() => {
      const gamma = (fields.gamma as unknown as LayerVariableAccess).read();
      const beta = (fields.beta as unknown as LayerVariableAccess).read();
      const [y, mean, variance] = batchNormTraining(input, gamma, beta, fields.epsilon);
      const decay = 1 - fields.momentum;
      for (const [variable, batchValue] of [
        [fields.movingMean, mean],
        [fields.movingVariance, variance],
      ] as const) {
        tf.tidy(() => {
          const moving = variable as unknown as LayerVariableAccess;
          const current = moving.read();
          moving.write(tf.sub(current, tf.mul(tf.sub(current, batchValue), decay)));
        });
      }
      return y;
    });
  }
}

/**
 * Registers the WASM kernels, their gradient, and FastBatchNormalization as 'BatchNormalization' (all idempotent;
 * call before models are built so their layers pick it up).
 */
export function registerBatchNormTraining(): void {
  registerBatchNormTrainingWasm();
  tf.registerGradient(batchNormTrainingGradConfig);
  if (classNames()['BatchNormalization']?.[0] !== (FastBatchNormalization as unknown)) {
    tf.serialization.registerClass(
      FastBatchNormalization as unknown as tf.serialization.SerializableConstructor<tf.layers.Layer>,
    );
  }
}

/** tfjs-layers' class, for benchmarks that run tfjs's own path beside ours (bench/tfjsOriginals.ts). */
export const tfjsBatchNormalizationEntry = (): ClassEntry => [
  TfjsBatchNormalization as unknown as ClassEntry[0],
  (TfjsBatchNormalization as unknown as { fromConfig: ClassEntry[1] }).fromConfig,
];
