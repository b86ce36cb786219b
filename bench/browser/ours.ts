/**
 * "Ours" for the peer benchmark (bench/peers/run.mjs `oursRunner`): the studio's engine, not a stand-in. The same
 * core code a run of the feature-extraction strategy goes through in the worker (runExperiment's steps, with the
 * peers' split instead of our own, so every row trains and scores on exactly the same images):
 *   loadBackbone (the public URL) → cutAt(conv_pw_13_relu) → warm-up forward (as the peers' pages do once the
 *   backbone has loaded) → [t0] imagesToTensor (centre crop, resize to 224, scale) → prepareStrategy
 *   ('feature-extraction': computeBoundary, embeddings cached once) → trainTrial (head on the cache, validation after
 *   every epoch) → [t1].
 * Images are decoded with the studio's browser decoder (worker/browserDecode.ts, the import path) before t0, as the
 * peers decode theirs into <img> elements before theirs. Defaults: CONFIG_DEFAULTS (20 epochs, batch 16, Adam 1e-3),
 * the head of HEAD_FOR_FAMILY['mobilenet-v1'].
 */
import * as tf from '@tensorflow/tfjs';
import { getBackbone } from '../../src/core/backbones/catalogue';
import { loadBackbone } from '../../src/core/backbones/load';
import { cutAt } from '../../src/core/backbones/truncate';
import { imagesToTensor } from '../../src/core/data/preprocess';
import type { DecodedImage } from '../../src/core/data/types';
import { CONFIG_DEFAULTS } from '../../src/core/experiment/config';
import { HEAD_FOR_FAMILY } from '../../src/core/heads/denseHead';
import { prepareStrategy } from '../../src/core/train/prepareStrategy';
import { parseStrategy } from '../../src/core/train/strategy';
import { trainTrial } from '../../src/core/train/trainTrial';
import { createBrowserDecoder } from '../../src/worker/datasets/browserDecode';

export interface OursOptions {
  modelUrl: string;
  backboneId: string;
  classNames: string[];
  images: { url: string; label: number; split: 'train' | 'validation' }[];
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  seed?: number;
}

export async function runOurs(options: OursOptions) {
  const now = () => performance.now();
  const spec = getBackbone(options.backboneId);
  const size = spec.preprocessing.inputSize;
  const epochs = options.epochs ?? CONFIG_DEFAULTS.epochs;
  const batchSize = options.batchSize ?? CONFIG_DEFAULTS.batchSize;
  const learningRate = options.learningRate ?? CONFIG_DEFAULTS.learningRate;
  const seed = options.seed ?? 1;

  const tLoad = now();
  const backbone = await loadBackbone(spec, options.modelUrl);
  const cut = cutAt(backbone, spec.defaultCut);
  const loadSeconds = (now() - tLoad) / 1000;
  const tWarm = now();
  const warm = tf.tidy(() => cut.predict(tf.zeros([32, size, size, spec.preprocessing.channels])) as tf.Tensor);
  await warm.data();
  warm.dispose();
  const warmupSeconds = (now() - tWarm) / 1000;

  const decoder = createBrowserDecoder();
  const decoded: (OursOptions['images'][number] & { image: DecodedImage })[] = await Promise.all(
    options.images.map(async (item) => {
      const bytes = new Uint8Array(await (await fetch(item.url)).arrayBuffer());
      return { ...item, image: await decoder.decode(bytes, item.url) };
    }),
  );
  const train = decoded.filter((i) => i.split === 'train');
  const validation = decoded.filter((i) => i.split === 'validation');
  const numClasses = options.classNames.length;

  const t0 = now(); // images added
  const trainInputs = imagesToTensor(
    train.map((i) => i.image),
    spec.preprocessing,
    size,
  );
  const validationInputs = imagesToTensor(
    validation.map((i) => i.image),
    spec.preprocessing,
    size,
  );
  const strategy = parseStrategy('feature-extraction');
  const prepared = await prepareStrategy(strategy, {
    backbone,
    cut,
    cutLayer: spec.defaultCut,
    spec,
    trainInputs,
    validationInputs,
    numClasses,
    head: HEAD_FOR_FAMILY[spec.family],
    now,
  });
  // computeBoundary waits for WebGL/WebGPU to finish, so the embedding is done (and timed) here, not in step 1.
  const tEmbedded = now();
  const { parts, release } = await prepared.partsFor(seed);
  try {
    const outcome = await trainTrial(
      parts,
      {
        trainInputs: prepared.trainInputs,
        views: 1,
        trainLabels: train.map((i) => i.label),
        validationInputs: prepared.validationInputs,
        validationLabels: validation.map((i) => i.label),
        validationIds: validation.map((i) => i.url),
        numClasses,
      },
      {
        strategy: 'feature-extraction',
        seed,
        epochs,
        batchSize,
        learningRate,
        backboneLearningRateScale: CONFIG_DEFAULTS.backboneLearningRateScale,
        trainBatchNorm: false,
        cacheSeconds: prepared.cacheSeconds,
        now,
      },
    );
    const t1 = now(); // trained
    const last = outcome.curve[outcome.curve.length - 1];
    return {
      standIn: false,
      engine: 'core: imagesToTensor → prepareStrategy(feature-extraction) → trainTrial, page main thread',
      tfjsVersion: tf.version.tfjs,
      backend: tf.getBackend(),
      loadSeconds,
      warmupSeconds,
      embedSeconds: (tEmbedded - t0) / 1000,
      cacheSeconds: prepared.cacheSeconds,
      trainSeconds: (t1 - tEmbedded) / 1000,
      timeToTrainedSeconds: (t1 - t0) / 1000,
      valAccuracy: last.valAccuracy,
      examplesEmbedded: prepared.cachedExamples,
      trainCount: train.length,
      validationCount: validation.length,
      epochs: outcome.curve.map((p) => ({ epoch: p.epoch, valAccuracy: p.valAccuracy, seconds: p.seconds })),
    };
  } finally {
    release();
    prepared.dispose();
    tf.dispose([trainInputs, validationInputs]);
    cut.dispose();
    backbone.dispose();
  }
}
