// Teachable Machine's image library, driven through its public API the way its website trains:
// createTeachable → setLabels → addExample (one image at a time, each cropped to 224 on a canvas) → train.
// Train/validation: the library's own 15 % stratified split; setSeed makes it the same split run.mjs computes
// (split.mjs replays the library's seeded shuffle), so every peer is scored on the same validation images.
/* global tf, tmImage, peerBench */
(function () {
  'use strict';
  const { decodeImages, cropToSquareCanvas, argMax, seconds, useBackend, webglRenderer } = peerBench;

  window.runBench = async function runBench(config) {
    const t = performance.now.bind(performance);
    await useBackend(tf, config.backend);

    const tLoad = t();
    const model = await tmImage.createTeachable(
      { tfjsVersion: tf.version.tfjs, tmVersion: tmImage.version },
      { version: 1, alpha: config.alpha },
    );
    model.setLabels(config.classNames);
    model.setSeed(config.splitSeedWord);
    const loadSeconds = seconds(tLoad, t());

    // Warm-up (not timed): one 224x224 forward pass, as a page does when the backbone has just loaded.
    const tWarm = t();
    if (config.warmup) {
      const out = tf.tidy(() => model.truncatedModel.predict(tf.zeros([1, 224, 224, 3])));
      await out.data();
      out.dispose();
    }
    const warmupSeconds = seconds(tWarm, t());

    // TM embeds every image it is given and holds 15 % of each class out itself: give it train + validation.
    const images = await decodeImages(config.images);

    const t0 = t(); // images added
    for (const item of images) {
      await model.addExample(item.label, cropToSquareCanvas(item.img, 224));
    }
    const tEmbedded = t();
    const epochs = [];
    await model.train(
      {
        denseUnits: config.denseUnits,
        epochs: config.epochs,
        learningRate: config.learningRate,
        batchSize: config.batchSize,
      },
      {
        onEpochEnd: async (epoch, logs) => {
          epochs.push({ epoch: epoch + 1, ...logs });
        },
      },
    );
    const t1 = t(); // trained

    // Score on our validation list with TM's own predict (it crops to 224 and runs backbone + head).
    let correct = 0;
    for (const item of images.filter((i) => i.split === 'validation')) {
      const probs = await model.predict(item.img);
      if (argMax(probs.map((p) => p.probability)) === item.label) correct++;
    }
    const validationCount = images.filter((i) => i.split === 'validation').length;
    const last = epochs[epochs.length - 1] || {};
    return {
      tfjsVersion: tf.version.tfjs,
      libraryVersion: tmImage.version,
      backend: tf.getBackend(),
      webglRenderer: webglRenderer(),
      loadSeconds,
      warmupSeconds,
      embedSeconds: seconds(t0, tEmbedded),
      trainSeconds: seconds(tEmbedded, t1),
      timeToTrainedSeconds: seconds(t0, t1),
      valAccuracy: correct / validationCount,
      // What TM itself reports for its held-out 15 % after the last epoch (same images if the split replay is right).
      reportedValAccuracy: last.val_acc ?? last.val_accuracy ?? null,
      examplesEmbedded: images.length,
      trainCount: images.length - validationCount,
      validationCount,
      epochs,
      numTensors: tf.memory().numTensors,
    };
  };
})();
