/**
 * The domain-adaptation losses, on a batch of bottleneck features of labelled source images (fs) and unlabelled
 * target images (ft). Each returns a new scalar; call inside tf.tidy / variableGrads.
 */
import * as tf from '@tensorflow/tfjs';

/** Bandwidth multipliers of DAN's multi-kernel MMD (5 Gaussians, ×2 apart, around the batch's mean distance). */
const KERNEL_MULTIPLIERS = [0.25, 0.5, 1, 2, 4];

/**
 * DAN's loss (Long, Cao, Wang & Jordan, ICML 2015, "Learning Transferable Features with Deep Adaptation
 * Networks"): the (biased, all-pairs) MMD² between the batches under a sum of Gaussian kernels exp(−‖a − b‖²/σ²ₖ),
 * σ²ₖ = the batch's mean squared pairwise distance × {¼, ½, 1, 2, 4} — the multi-kernel form of the authors'
 * released code, with equal kernel weights instead of the paper's learned ones. The bandwidth is held constant
 * for the gradient (it is a statistic of the batch, not a parameter).
 */
export function mmdLoss(fs: tf.Tensor2D, ft: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const ns = fs.shape[0];
    const z = tf.concat([fs, ft], 0);
    const norms = tf.sum(tf.square(z), 1, true);
    const distances = tf.relu(tf.sub(tf.add(norms, tf.transpose(norms)), tf.mul(2, tf.matMul(z, z, false, true))));
    const n = z.shape[0];
    const base = tf.div(constant(tf.sum(distances)), Math.max(1, n * n - n));
    let kernel: tf.Tensor = tf.zerosLike(distances);
    for (const m of KERNEL_MULTIPLIERS) kernel = tf.add(kernel, tf.exp(tf.neg(tf.div(distances, tf.mul(base, m)))));
    const kss = tf.slice(kernel, [0, 0], [ns, ns]);
    const ktt = tf.slice(kernel, [ns, ns], [n - ns, n - ns]);
    const kst = tf.slice(kernel, [0, ns], [ns, n - ns]);
    return tf.sub(tf.add(tf.mean(kss), tf.mean(ktt)), tf.mul(2, tf.mean(kst))) as tf.Scalar;
  });
}

/**
 * Deep CORAL's loss (Sun & Saenko, ECCV 2016 workshops, eq. 1): ‖C_S − C_T‖²_F / (4d²) of the batches' (n − 1)
 * covariances.
 */
export function coralLoss(fs: tf.Tensor2D, ft: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const d = fs.shape[1];
    const cov = (x: tf.Tensor2D) => {
      const centred = tf.sub(x, tf.mean(x, 0, true));
      return tf.div(tf.matMul(centred, centred, true, false), Math.max(1, x.shape[0] - 1));
    };
    return tf.div(tf.sum(tf.square(tf.sub(cov(fs), cov(ft)))), 4 * d * d) as tf.Scalar;
  });
}

/**
 * The gradient reversal layer of DANN (Ganin & Lempitsky, ICML 2015; Ganin et al., JMLR 2016): identity forward,
 * gradient × (−λ) backward, so the features learn to fool the domain classifier that learns to tell them apart.
 */
export function reverseGradient(x: tf.Tensor, lambda: number): tf.Tensor {
  return withGradient(x, (dy) => tf.mul(dy, -lambda));
}

/** A value with no gradient (its use is a constant for the optimiser). */
function constant(x: tf.Tensor): tf.Tensor {
  return withGradient(x, (dy) => tf.zerosLike(dy));
}

/** Identity forward with the given backward rule. */
function withGradient(x: tf.Tensor, backward: (dy: tf.Tensor) => tf.Tensor): tf.Tensor {
  const op = tf.customGrad((...inputs) => ({
    value: tf.clone(inputs[0] as tf.Tensor),
    gradFunc: (dy: tf.Tensor) => backward(dy),
  }));
  return op(x);
}

/** DANN's schedule of the adaptation weight over training progress p ∈ [0, 1]: 2/(1 + e^(−10p)) − 1. */
export function adaptationRamp(progress: number): number {
  return 2 / (1 + Math.exp(-10 * progress)) - 1;
}
