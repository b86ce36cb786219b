// STAND-IN for Transfer Studio's engine, so the peer harness can be run today. It follows the engine's design
// for the feature-extraction strategy (shared/DESIGN.md): embed every image once, in batches, through the frozen
// backbone; cache the embeddings as tensors; train only a new head on the cached embeddings, evaluating the
// validation set after each epoch (the learning curve). Plain tfjs 4.22, no engine code. Replace it through
// runPeerBench({oursRunner}) once the engine can be driven from a page.
// The cache holds the cut-layer output (conv_pw_13_relu, [n, 7, 7, 256]), embedded in batches of 32 as the
// engine's computeBoundary does. Head 'gap' (the engine's HEAD_FOR_FAMILY['mobilenet-v1']): global average pooling
// → dropout 0.2 → dense(classes) with softmax cross-entropy; Adam 1e-3, batch 16, 20 epochs (CONFIG_DEFAULTS).
// Head 'flatten': flatten → dense(100, relu) → dense(classes) (TM's head on our cache).
/* global tf, peerBench */
(function () {
  'use strict';
  const { decodeImages, cropToSquareCanvas, seconds, useBackend, webglRenderer } = peerBench;

  window.runBench = async function runBench(config) {
    const t = performance.now.bind(performance);
    if (config.backend === 'wasm') tf.wasm.setWasmPaths('/vendor/tfjs-backend-wasm/');
    await useBackend(tf, config.backend);
    const numClasses = config.classNames.length;
    const B = config.embedBatchSize;

    const tLoad = t();
    const mobilenet = await tf.loadLayersModel(config.modelUrl);
    const cut = mobilenet.getLayer('conv_pw_13_relu').output;
    const truncated = tf.model({ inputs: mobilenet.inputs, outputs: cut });
    const loadSeconds = seconds(tLoad, t());

    const tWarm = t();
    if (config.warmup) {
      const out = tf.tidy(() => truncated.predict(tf.zeros([B, 224, 224, 3])));
      await out.data();
      out.dispose();
    }
    const warmupSeconds = seconds(tWarm, t());

    const images = await decodeImages(config.images);
    const train = images.filter((i) => i.split === 'train');
    const validation = images.filter((i) => i.split === 'validation');

    const t0 = t(); // images added
    const embed = (items) => {
      const parts = [];
      for (let start = 0; start < items.length; start += B) {
        const batch = items.slice(start, start + B);
        parts.push(
          tf.tidy(() => {
            const x = tf
              .stack(batch.map((i) => tf.browser.fromPixels(cropToSquareCanvas(i.img, 224))))
              .toFloat()
              .div(127.5)
              .sub(1);
            return truncated.predict(x);
          }),
        );
      }
      const all = tf.concat(parts, 0);
      tf.dispose(parts);
      return all;
    };
    const labels = (items) =>
      tf.tidy(() =>
        tf
          .oneHot(
            tf.tensor1d(
              items.map((i) => i.label),
              'int32',
            ),
            numClasses,
          )
          .toFloat(),
      );
    // One pass over all images (full batches, one shape), then split the cache by index.
    const all = embed(images);
    const index = (split) =>
      tf.tensor1d(
        images.flatMap((item, i) => (item.split === split ? [i] : [])),
        'int32',
      );
    const [trainIdx, valIdx] = [index('train'), index('validation')];
    const xTrain = tf.gather(all, trainIdx);
    const xVal = tf.gather(all, valIdx);
    tf.dispose([all, trainIdx, valIdx]);
    const yTrain = labels(train);
    const yVal = labels(validation);
    await xVal.data();
    const tEmbedded = t();

    const init = (seed) => tf.initializers.glorotUniform({ seed });
    const inputShape = xTrain.shape.slice(1);
    const layers =
      config.head === 'gap'
        ? [
            tf.layers.globalAveragePooling2d({ inputShape }),
            tf.layers.dropout({ rate: config.dropout }),
            tf.layers.dense({ units: numClasses, activation: 'softmax', kernelInitializer: init(1) }),
          ]
        : [
            tf.layers.flatten({ inputShape }),
            tf.layers.dense({ units: config.denseUnits, activation: 'relu', kernelInitializer: init(1) }),
            tf.layers.dense({ units: numClasses, activation: 'softmax', kernelInitializer: init(2) }),
          ];
    const head = tf.sequential({ layers });
    head.compile({
      optimizer: tf.train.adam(config.learningRate),
      loss: 'categoricalCrossentropy',
      metrics: ['accuracy'],
    });
    const epochs = [];
    await head.fit(xTrain, yTrain, {
      epochs: config.epochs,
      batchSize: config.batchSize,
      shuffle: true,
      validationData: [xVal, yVal],
      callbacks: {
        onEpochEnd: async (epoch, logs) => {
          epochs.push({ epoch: epoch + 1, ...logs });
        },
      },
    });
    const t1 = t(); // trained

    const predicted = tf.tidy(() => head.predict(xVal).argMax(1));
    const p = await predicted.data();
    predicted.dispose();
    let correct = 0;
    validation.forEach((item, i) => {
      if (p[i] === item.label) correct++;
    });
    tf.dispose([xTrain, xVal, yTrain, yVal]);
    return {
      standIn: true,
      head: config.head,
      tfjsVersion: tf.version.tfjs,
      backend: tf.getBackend(),
      webglRenderer: config.backend === 'webgl' ? webglRenderer() : null,
      crossOriginIsolated: self.crossOriginIsolated,
      loadSeconds,
      warmupSeconds,
      embedSeconds: seconds(t0, tEmbedded),
      trainSeconds: seconds(tEmbedded, t1),
      timeToTrainedSeconds: seconds(t0, t1),
      valAccuracy: correct / validation.length,
      examplesEmbedded: images.length,
      trainCount: train.length,
      validationCount: validation.length,
      epochs,
      numTensors: tf.memory().numTensors,
    };
  };
})();
