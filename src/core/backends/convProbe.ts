import * as tf from '@tensorflow/tfjs';
import { createRng } from '../math/rng';
import type { BackendProbe, BackendSpeed } from './chooseBackend';

export interface ConvProbeOptions {
  /** Square input side in pixels (3 channels). */
  imageSize?: number;
  batchSize?: number;
  /** Time spent on each of the forward and the training measurement, seconds (at least 2 forward / 1 train step). */
  secondsPerMeasurement?: number;
  seed?: number;
}

/**
 * A probe for measureBackends: a tiny MobileNet-style net (conv 3×3 stride 2 → depthwise 3×3 → pointwise 1×1 → global
 * average pool → dense), seeded, timed for forward images/s and — when the backend can train — SGD steps/s. Everything
 * it allocates is freed before it returns.
 */
export function createConvProbe(options: ConvProbeOptions = {}): BackendProbe {
  const imageSize = options.imageSize ?? 32;
  const batchSize = options.batchSize ?? 8;
  const seconds = options.secondsPerMeasurement ?? 0.25;
  const seed = options.seed ?? 1;
  return async (_backend, capabilities) => {
    const model = buildProbeModel(imageSize, seed);
    const rng = createRng(seed);
    const xs = tf.tensor4d(
      Float32Array.from({ length: batchSize * imageSize * imageSize * 3 }, () => rng.next()),
      [batchSize, imageSize, imageSize, 3],
    );
    const ys = tf.tidy(() =>
      tf.oneHot(
        tf.tensor1d(
          Array.from({ length: batchSize }, (_, i) => i % 4),
          'int32',
        ),
        4,
      ),
    );
    try {
      const forward = await repeatFor(seconds, 2, async () => {
        const out = model.predict(xs) as tf.Tensor;
        await out.data();
        out.dispose();
      });
      const speed: BackendSpeed = { forwardImagesPerSecond: (forward.count * batchSize) / forward.seconds };
      if (capabilities?.training !== false) {
        model.compile({ optimizer: tf.train.sgd(0.01), loss: 'categoricalCrossentropy' });
        const train = await repeatFor(seconds, 1, async () => {
          await model.trainOnBatch(xs, ys);
        });
        speed.trainStepsPerSecond = train.count / train.seconds;
      }
      return speed;
    } finally {
      model.optimizer?.dispose();
      model.dispose();
      tf.dispose([xs, ys]);
    }
  };
}

function buildProbeModel(imageSize: number, seed: number): tf.LayersModel {
  const init = (offset: number) => tf.initializers.glorotUniform({ seed: seed + offset });
  return tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [imageSize, imageSize, 3],
        filters: 8,
        kernelSize: 3,
        strides: 2,
        padding: 'same',
        activation: 'relu',
        kernelInitializer: init(1),
      }),
      tf.layers.depthwiseConv2d({ kernelSize: 3, padding: 'same', activation: 'relu', depthwiseInitializer: init(2) }),
      tf.layers.conv2d({ filters: 16, kernelSize: 1, activation: 'relu', kernelInitializer: init(3) }),
      tf.layers.globalAveragePooling2d({}),
      tf.layers.dense({ units: 4, activation: 'softmax', kernelInitializer: init(4) }),
    ],
  });
}

/** Runs `step` until `seconds` have passed and at least `minCount` times; returns the count and elapsed seconds. */
async function repeatFor(
  seconds: number,
  minCount: number,
  step: () => Promise<void>,
): Promise<{ count: number; seconds: number }> {
  const start = tf.util.now();
  let count = 0;
  while (count < minCount || tf.util.now() - start < seconds * 1000) {
    await step();
    count++;
  }
  return { count, seconds: Math.max(1e-6, (tf.util.now() - start) / 1000) };
}
