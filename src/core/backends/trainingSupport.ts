import * as tf from '@tensorflow/tfjs';

/** Outcome of trying conv gradients on a backend. */
export interface TrainingSupport {
  supported: boolean;
  /** Why not: the error thrown (e.g. a kernel not registered for the backend) or the mismatch found. */
  problem?: string;
}

const SIZE = 5;
const CHANNELS = 2;
const KERNEL = 3;

/**
 * Tries a tiny conv2d and depthwiseConv2d gradient (3×3, stride 1, 'same', on a 5×5×2 input) on the ACTIVE backend
 * and compares dx and both filter gradients with a plain-JS reference. This is the capability check behind "this
 * backend can train conv nets": tfjs-backend-wasm can only once registerWasmConvGradients() has run. Allocates
 * nothing that outlives the call.
 */
export function checkConvTrainingSupport(): TrainingSupport {
  const x = valuesFor(SIZE * SIZE * CHANNELS, 1);
  const convFilter = valuesFor(KERNEL * KERNEL * CHANNELS * CHANNELS, 2);
  const depthwiseFilter = valuesFor(KERNEL * KERNEL * CHANNELS, 3);
  const r = valuesFor(SIZE * SIZE * CHANNELS, 4);
  let actual: Float32Array[];
  try {
    actual = tf.tidy(() => {
      const shape: [number, number, number, number] = [1, SIZE, SIZE, CHANNELS];
      const rt = tf.tensor4d(r, shape);
      const loss = (xt: tf.Tensor, w1: tf.Tensor, w2: tf.Tensor) =>
        tf.add(
          tf.sum(tf.mul(tf.conv2d(xt as tf.Tensor4D, w1 as tf.Tensor4D, 1, 'same'), rt)),
          tf.sum(tf.mul(tf.depthwiseConv2d(xt as tf.Tensor4D, w2 as tf.Tensor4D, 1, 'same'), rt)),
        );
      const grads = tf.grads(loss)([
        tf.tensor4d(x, shape),
        tf.tensor4d(convFilter, [KERNEL, KERNEL, CHANNELS, CHANNELS]),
        tf.tensor4d(depthwiseFilter, [KERNEL, KERNEL, CHANNELS, 1]),
      ]);
      return grads.map((g) => g.dataSync() as Float32Array);
    });
  } catch (error) {
    return { supported: false, problem: `conv gradients failed on '${tf.getBackend()}': ${(error as Error).message}` };
  }
  const expected = referenceGradients(x, convFilter, depthwiseFilter, r);
  const names = ['dx', 'conv2d dW', 'depthwise dW'];
  for (let i = 0; i < expected.length; i++) {
    for (let j = 0; j < expected[i].length; j++) {
      if (!(Math.abs(actual[i][j] - expected[i][j]) <= 1e-3 * Math.max(1, Math.abs(expected[i][j])))) {
        const mismatch = `${names[i]}[${j}] = ${actual[i][j]}, expected ${expected[i][j]}`;
        return { supported: false, problem: `conv gradients are wrong on '${tf.getBackend()}': ${mismatch}` };
      }
    }
  }
  return { supported: true };
}

/** Deterministic values in [−1, 1] (no RNG needed for a fixed check). */
function valuesFor(size: number, salt: number): Float32Array {
  return Float32Array.from({ length: size }, (_, i) => Math.sin(1.7 * i + salt * 0.9));
}

/**
 * [dx, conv dW, depthwise dW] of L = Σ conv2d(x, W1) ⊙ r + Σ depthwise(x, W2) ⊙ r, stride 1, 'same' (pad 1), by the
 * definition: every (output pixel, tap) pair adds x·r to dW and W·r to dx.
 */
function referenceGradients(x: Float32Array, w1: Float32Array, w2: Float32Array, r: Float32Array): Float32Array[] {
  const dx = new Float32Array(x.length);
  const dw1 = new Float32Array(w1.length);
  const dw2 = new Float32Array(w2.length);
  const pad = (KERNEL - 1) / 2;
  for (let oy = 0; oy < SIZE; oy++) {
    for (let ox = 0; ox < SIZE; ox++) {
      for (let kh = 0; kh < KERNEL; kh++) {
        for (let kw = 0; kw < KERNEL; kw++) {
          const iy = oy + kh - pad;
          const ix = ox + kw - pad;
          if (iy < 0 || iy >= SIZE || ix < 0 || ix >= SIZE) continue;
          const tap = kh * KERNEL + kw;
          for (let ci = 0; ci < CHANNELS; ci++) {
            const xi = (iy * SIZE + ix) * CHANNELS + ci;
            for (let co = 0; co < CHANNELS; co++) {
              const ri = (oy * SIZE + ox) * CHANNELS + co;
              const wi = (tap * CHANNELS + ci) * CHANNELS + co;
              dw1[wi] += x[xi] * r[ri];
              dx[xi] += w1[wi] * r[ri];
            }
            const ri = (oy * SIZE + ox) * CHANNELS + ci;
            dw2[tap * CHANNELS + ci] += x[xi] * r[ri];
            dx[xi] += w2[tap * CHANNELS + ci] * r[ri];
          }
        }
      }
    }
  }
  return [dx, dw1, dw2];
}
