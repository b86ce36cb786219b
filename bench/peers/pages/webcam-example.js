// The TensorFlow.js webcam-transfer-learning example's approach (tensorflow/tfjs-examples,
// webcam-transfer-learning/{index.js,controller_dataset.js,webcam.js,index.html}), re-implemented on tfjs 4.22
// with still images instead of webcam frames:
// - MobileNet v1 0.25 from the public URL, truncated at conv_pw_13_relu;
// - each example: fromPixels → centre square crop → [1,224,224,3] → x/127 − 1 → predict (one image at a time);
//   activations concatenated into one xs tensor (the example's ControllerDataset);
// - head: flatten([7,7,256]) → dense(100, relu, varianceScaling) → dense(classes, softmax, no bias);
//   Adam, categorical cross-entropy; the page's default dropdowns: learning rate 0.0001, batch size fraction 0.4
//   (batch = floor(n · 0.4)), 20 epochs, 100 hidden units; fit shuffles; `await tf.nextFrame()` after each batch.
// The example has no validation split: it trains on what it is given (our training images) and we score it
// afterwards on our validation images (not timed).
/* global tf, peerBench */
(function () {
  'use strict';
  const { decodeImages, cropToSquareCanvas, seconds, useBackend, webglRenderer } = peerBench;

  function capture(canvas) {
    return tf.tidy(() => {
      const pixels = tf.browser.fromPixels(canvas);
      const side = Math.min(pixels.shape[0], pixels.shape[1]);
      const top = (pixels.shape[0] - side) / 2;
      const left = (pixels.shape[1] - side) / 2;
      const square = pixels.slice([top, left, 0], [side, side, 3]);
      return square.expandDims(0).toFloat().div(tf.scalar(127)).sub(tf.scalar(1));
    });
  }

  window.runBench = async function runBench(config) {
    const t = performance.now.bind(performance);
    await useBackend(tf, config.backend);
    const numClasses = config.classNames.length;

    const tLoad = t();
    const mobilenet = await tf.loadLayersModel(config.modelUrl);
    const layer = mobilenet.getLayer('conv_pw_13_relu');
    const truncated = tf.model({ inputs: mobilenet.inputs, outputs: layer.output });
    const loadSeconds = seconds(tLoad, t());

    // The example warms the model up in init() with one capture.
    const tWarm = t();
    if (config.warmup) {
      const out = tf.tidy(() => truncated.predict(tf.zeros([1, 224, 224, 3])));
      await out.data();
      out.dispose();
    }
    const warmupSeconds = seconds(tWarm, t());

    const images = await decodeImages(config.images);
    const train = images.filter((i) => i.split === 'train');
    const validation = images.filter((i) => i.split === 'validation');

    const t0 = t(); // images added
    let xs = null;
    let ys = null;
    for (const item of train) {
      tf.tidy(() => {
        const activation = truncated.predict(capture(cropToSquareCanvas(item.img, 224)));
        const y = tf.oneHot(tf.tensor1d([item.label]).toInt(), numClasses);
        if (xs == null) {
          xs = tf.keep(activation);
          ys = tf.keep(y);
        } else {
          const oldX = xs;
          const oldY = ys;
          xs = tf.keep(oldX.concat(activation, 0));
          ys = tf.keep(oldY.concat(y, 0));
          oldX.dispose();
          oldY.dispose();
        }
      });
    }
    // The example's "add sample" click returns once the work is queued; finish it before the clock splits.
    await xs.data();
    const tEmbedded = t();

    const model = tf.sequential({
      layers: [
        tf.layers.flatten({ inputShape: truncated.outputs[0].shape.slice(1) }),
        tf.layers.dense({
          units: config.denseUnits,
          activation: 'relu',
          kernelInitializer: 'varianceScaling',
          useBias: true,
        }),
        tf.layers.dense({
          units: numClasses,
          kernelInitializer: 'varianceScaling',
          useBias: false,
          activation: 'softmax',
        }),
      ],
    });
    const optimizer = tf.train.adam(config.learningRate);
    model.compile({ optimizer, loss: 'categoricalCrossentropy' });
    const batchSize = Math.floor(xs.shape[0] * config.batchSizeFraction);
    const epochs = [];
    await model.fit(xs, ys, {
      batchSize,
      epochs: config.epochs,
      callbacks: {
        onBatchEnd: async () => {
          await tf.nextFrame();
        },
        onEpochEnd: async (epoch, logs) => {
          epochs.push({ epoch: epoch + 1, ...logs });
        },
      },
    });
    const t1 = t(); // trained

    let correct = 0;
    for (const item of validation) {
      const cls = tf.tidy(() =>
        model
          .predict(truncated.predict(capture(cropToSquareCanvas(item.img, 224))))
          .as1D()
          .argMax(),
      );
      if ((await cls.data())[0] === item.label) correct++;
      cls.dispose();
    }
    xs.dispose();
    ys.dispose();
    return {
      tfjsVersion: tf.version.tfjs,
      backend: tf.getBackend(),
      webglRenderer: webglRenderer(),
      loadSeconds,
      warmupSeconds,
      embedSeconds: seconds(t0, tEmbedded),
      trainSeconds: seconds(tEmbedded, t1),
      timeToTrainedSeconds: seconds(t0, t1),
      valAccuracy: correct / validation.length,
      examplesEmbedded: train.length,
      trainCount: train.length,
      validationCount: validation.length,
      batchSize,
      epochs,
      numTensors: tf.memory().numTensors,
    };
  };
})();
