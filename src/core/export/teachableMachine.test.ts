import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8 } from 'fflate';
import { activateNodeBackend, mnistDataset, nodeModelHandler } from '../../testing/node';
import { getBackbone } from '../backbones/catalogue';
import { loadBackbone } from '../backbones/load';
import { imagesToTensor } from '../data/preprocess';
import { classify, trainClassifier } from '../train/trainClassifier';
import { exportFileStem, teachableMachineFiles, teachableMachineMetadata } from './teachableMachine';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** Teachable Machine's own tfjs (1.3.1), installed apart by bench/peers (npm ci --prefix bench/peers). */
const PEER_TFJS = path.join(root, 'bench/peers/node_modules/@tensorflow/tfjs');

describe('Teachable Machine export', () => {
  it('writes metadata as Teachable Machine reads it, with what it cannot say under userMetadata', () => {
    const metadata = teachableMachineMetadata({
      labels: ['a', 'b'],
      imageSize: 224,
      preprocessing: { inputSize: 224, channels: 3, range: 'minus-one-to-one', centreCrop: true },
      tfjsVersion: '4.22.0',
      appVersion: '0.1.0',
      modelName: 'Pets',
      timeStamp: '2026-01-01T00:00:00.000Z',
      backbone: 'mobilenet_v1_0.25',
      cutLayer: 'conv_pw_13_relu',
      trainAccuracy: 0.9,
      examples: 20,
      epochs: 20,
      datasetName: 'pets',
    });
    expect(metadata).toMatchObject({
      labels: ['a', 'b'],
      imageSize: 224,
      grayscale: false,
      packageName: 'transfer-studio',
      modelName: 'Pets',
    });
    expect(metadata.userMetadata.transferStudio).toMatchObject({
      schemaVersion: 1,
      backbone: 'mobilenet_v1_0.25',
      preprocessing: { range: 'minus-one-to-one' },
    });
    expect(exportFileStem('Digits 5–9 (mine)')).toBe('digits-5-9-mine');
    expect(exportFileStem('猫')).toBe('classifier');
  });

  it.skipIf(!existsSync(PEER_TFJS))(
    'loads in Teachable Machine’s tfjs 1.3.1 and gives the same probabilities',
    async () => {
      expect((await activateNodeBackend('wasm')).backend).toBe('wasm');
      const spec = getBackbone('digits-vgg');
      const backbone = await loadBackbone(
        spec,
        nodeModelHandler(path.join(root, 'public/models/digits-vgg/model.json')),
      );
      const data = mnistDataset([5, 6, 7], 6);
      const trained = await trainClassifier(backbone, spec, data, {
        epochs: 2,
        batchSize: 8,
        learningRate: 0.003,
        seed: 1,
      });
      try {
        const dir = mkdtempSync(path.join(tmpdir(), 'tm-export-'));
        const files = teachableMachineFiles(
          trained.artifacts,
          teachableMachineMetadata({
            labels: trained.labels,
            imageSize: trained.imageSize,
            preprocessing: trained.preprocessing,
            tfjsVersion: tf.version.tfjs,
            appVersion: '0.1.0',
            modelName: 'digits',
            timeStamp: '2026-01-01T00:00:00.000Z',
            backbone: spec.id,
            cutLayer: spec.defaultCut,
            trainAccuracy: trained.trainAccuracy,
            examples: trained.examples,
            epochs: 2,
            datasetName: data.name,
          }),
        );
        for (const [name, bytes] of Object.entries(files)) writeFileSync(path.join(dir, name), bytes);
        const image = data.examples[0].image;
        const [expected] = await classify(trained.model, [image], trained.preprocessing, trained.imageSize);
        const x = imagesToTensor([image], trained.preprocessing, trained.imageSize);
        writeFileSync(path.join(dir, 'input.json'), JSON.stringify({ shape: x.shape, data: Array.from(x.dataSync()) }));
        x.dispose();
        // A separate Node process: two tfjs versions cannot share one process (one global engine).
        const script = `
        const tf = require(${JSON.stringify(PEER_TFJS)});
        const fs = require('fs'); const dir = ${JSON.stringify(dir)};
        (async () => {
          const json = JSON.parse(fs.readFileSync(dir + '/model.json'));
          const buf = fs.readFileSync(dir + '/weights.bin');
          const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) }));
          const input = JSON.parse(fs.readFileSync(dir + '/input.json'));
          process.stdout.write(JSON.stringify({ version: tf.version.tfjs, probabilities: Array.from(model.predict(tf.tensor(input.data, input.shape)).dataSync()) }));
        })().catch((e) => { process.stdout.write(JSON.stringify({ error: String(e) })); });`;
        const answer = JSON.parse(
          execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
        );
        expect(answer.error).toBeUndefined();
        expect(answer.version).toBe('1.3.1');
        answer.probabilities.forEach((p: number, i: number) => expect(p).toBeCloseTo(expected[i], 5));
        expect(JSON.parse(strFromU8(files['metadata.json'])).labels).toEqual(['5', '6', '7']);
      } finally {
        trained.model.dispose();
        backbone.dispose();
      }
    },
  );
});
