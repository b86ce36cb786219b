import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { strFromU8 } from 'fflate';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  activateNodeBackend,
  mnistDataset,
  nodeDecoder,
  nodeModelHandler,
  readFolderDataset,
} from '../../testing/node';
import { getBackbone } from '../backbones/catalogue';
import { loadBackbone } from '../backbones/load';
import type { Dataset } from '../data/types';
import { duplicateGroupsOf } from '../data/duplicates';
import { stratifiedSplit } from '../data/split';
import { wilsonInterval } from '../math/intervals';
import { teachableMachineFiles, teachableMachineMetadata } from '../export/teachableMachine';
import { expectNoLeaks } from '../testing/noLeaks';
import { classify, loadClassifierModel, trainClassifier, type ClassifierOptions } from './trainClassifier';
import { CancelledError } from './types';

const here = path.dirname(fileURLToPath(import.meta.url));
const digitsSpec = getBackbone('digits-vgg');
const options = (overrides: Partial<ClassifierOptions> = {}): ClassifierOptions => ({
  epochs: 15,
  batchSize: 16,
  learningRate: 0.003,
  seed: 1,
  ...overrides,
});

let digits: tf.LayersModel;
const weights = (model: tf.LayersModel) => model.weights.map((w) => Array.from(w.read().dataSync()));

beforeAll(async () => {
  expect((await activateNodeBackend('wasm')).backend).toBe('wasm');
  digits = await loadBackbone(
    digitsSpec,
    nodeModelHandler(path.join(here, '../../../public/models/digits-vgg/model.json')),
  );
});
afterAll(() => digits?.dispose());

describe('trainClassifier (digits-vgg, MNIST 5–9)', () => {
  const train = () => mnistDataset([5, 6, 7, 8, 9], 12);
  const heldOut = () => mnistDataset([5, 6, 7, 8, 9], 20, 500);

  it('learns from every example, returns one standalone model, leaves the backbone as it was and leaks nothing', async () => {
    const original = weights(digits);
    const progress: string[] = [];
    const data = train();
    const test = heldOut();
    await expectNoLeaks(async () => {
      const trained = await trainClassifier(
        digits,
        digitsSpec,
        data,
        options({ onProgress: (p) => progress.push(`${p.stage}:${p.done}/${p.total}`) }),
      );
      try {
        expect(trained.labels).toEqual(['5', '6', '7', '8', '9']);
        expect(trained.imageSize).toBe(28);
        expect(trained.examples).toBe(60);
        expect(trained.curve.map((p) => p.epoch)).toEqual([...Array(16).keys()]);
        expect(trained.trainAccuracy).toBeGreaterThan(0.9);
        // Standalone: one input (the preprocessed image), probabilities out, no layer shared with the backbone.
        expect(trained.model.inputs[0].shape).toEqual([null, 28, 28, 1]);
        const shared = new Set(digits.weights.map((w) => w.read().id));
        expect(trained.model.weights.some((w) => shared.has(w.read().id))).toBe(false);
        const probabilities = await classify(
          trained.model,
          test.examples.map((e) => e.image),
          trained.preprocessing,
          trained.imageSize,
        );
        for (const row of probabilities) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
        const correct = probabilities.filter(
          (row, i) => row.indexOf(Math.max(...row)) === test.examples[i].label,
        ).length;
        expect(correct / test.examples.length).toBeGreaterThan(0.7);
      } finally {
        trained.model.dispose();
      }
    });
    expect(weights(digits)).toEqual(original);
    expect(progress[0]).toBe('embedding:60/60'); // computeBoundary's default on WASM: up to 64 28-px digits a pass
    expect(progress).toContain('embedding:60/60');
    expect(progress.at(-1)).toBe('training:15/15');
  });

  it('is repeatable from its seed', async () => {
    const data = train();
    const run = async () => {
      const trained = await trainClassifier(digits, digitsSpec, data, options({ epochs: 3 }));
      trained.model.dispose();
      return trained.curve.map((p) => [p.valAccuracy, p.trainLoss]);
    };
    expect(await run()).toEqual(await run());
  });

  it('holds out a stratified share and reports THIS classifier’s accuracy on it with a Wilson interval', async () => {
    const data = train();
    const trained = await trainClassifier(digits, digitsSpec, data, options({ epochs: 3, validationFraction: 0.25 }));
    try {
      // 12 per class: 3 held out, 9 trained on.
      expect(trained.examples).toBe(45);
      expect(trained.heldOut).toMatchObject({ n: 15, method: 'wilson' });
      // The merged model, on the same split's held-out images, scores what was reported.
      const labels = data.examples.map((e) => e.label);
      const { validation } = stratifiedSplit(labels, 0.25, 1, data.classNames, 0, duplicateGroupsOf(data).groups);
      const rows = await classify(
        trained.model,
        validation.map((i) => data.examples[i].image),
        trained.preprocessing,
        trained.imageSize,
      );
      const correct = rows.filter((row, j) => row.indexOf(Math.max(...row)) === labels[validation[j]]).length;
      const { mean, ci95 } = trained.heldOut!;
      expect(mean).toBeCloseTo(correct / 15, 10);
      expect(ci95).toEqual(wilsonInterval(correct, 15).ci95);
      expect(trained.curve.at(-1)!.valAccuracy).toBeCloseTo(mean, 10);
      expect(trained.trainAccuracy).toBeGreaterThan(0);
    } finally {
      trained.model.dispose();
    }
  });

  it('serialises to Teachable Machine files that tf.loadLayersModel reads back to the same probabilities', async () => {
    const data = train();
    const trained = await trainClassifier(digits, digitsSpec, data, options({ epochs: 3 }));
    const images = data.examples.slice(0, 5).map((e) => e.image);
    try {
      const metadata = teachableMachineMetadata({
        labels: trained.labels,
        imageSize: trained.imageSize,
        preprocessing: trained.preprocessing,
        tfjsVersion: tf.version.tfjs,
        appVersion: '0.1.0',
        modelName: 'digits',
        timeStamp: '2026-01-01T00:00:00.000Z',
        backbone: 'digits-vgg',
        cutLayer: digitsSpec.defaultCut,
        trainAccuracy: trained.trainAccuracy,
        examples: trained.examples,
        epochs: 3,
        datasetName: data.name,
      });
      const files = teachableMachineFiles(trained.artifacts, metadata);
      expect(Object.keys(files).sort()).toEqual(['metadata.json', 'model.json', 'weights.bin']);
      const meta = JSON.parse(strFromU8(files['metadata.json']));
      expect(meta).toMatchObject({
        labels: ['5', '6', '7', '8', '9'],
        imageSize: 28,
        grayscale: true,
        packageName: 'transfer-studio',
        tmVersion: '0.8.5',
      });
      // Teachable Machine's field order: tfjsVersion, tmVersion, packageVersion, …
      expect(Object.keys(meta).slice(0, 3)).toEqual(['tfjsVersion', 'tmVersion', 'packageVersion']);
      const json = JSON.parse(strFromU8(files['model.json'])) as tf.io.ModelJSON;
      expect(json.weightsManifest[0].paths).toEqual(['weights.bin']);
      const bytes = files['weights.bin'];
      const reloaded = await tf.loadLayersModel(
        tf.io.fromMemory({
          modelTopology: json.modelTopology,
          weightSpecs: tf.io.getWeightSpecs(json.weightsManifest),
          weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
        }),
      );
      const fromStore = await loadClassifierModel(trained.artifacts);
      try {
        const expected = await classify(trained.model, images, trained.preprocessing, trained.imageSize);
        for (const model of [reloaded, fromStore]) {
          const got = await classify(model, images, trained.preprocessing, trained.imageSize);
          got.forEach((row, i) => row.forEach((p, j) => expect(p).toBeCloseTo(expected[i][j], 5)));
        }
      } finally {
        reloaded.dispose();
        fromStore.dispose();
      }
    } finally {
      trained.model.dispose();
    }
  });

  it('cancels while embedding or training, freeing everything', async () => {
    const data = train();
    for (const stage of ['embedding', 'training'] as const) {
      await expectNoLeaks(async () => {
        const controller = new AbortController();
        const attempt = trainClassifier(
          digits,
          digitsSpec,
          data,
          options({ signal: controller.signal, onProgress: (p) => p.stage === stage && controller.abort() }),
        );
        await expect(attempt).rejects.toBeInstanceOf(CancelledError);
      });
    }
  });

  it('trains with the chosen strategy: fine-tune:1 and scratch merge what they trained, the backbone unchanged', async () => {
    const original = weights(digits);
    const originals = new Set(original.map((w) => w.join()));
    const data = train();
    const labels = data.examples.map((e) => e.label);
    const { validation } = stratifiedSplit(labels, 0.25, 1, data.classNames, 0, duplicateGroupsOf(data).groups);
    for (const strategy of ['fine-tune:1', 'scratch'] as const) {
      await expectNoLeaks(async () => {
        const trained = await trainClassifier(
          digits,
          digitsSpec,
          data,
          options({ epochs: 3, validationFraction: 0.25, strategy }),
        );
        try {
          expect(trained.strategy).toBe(strategy);
          expect(trained.heldOut).toMatchObject({ n: 15, method: 'wilson' });
          // The merged model is what was trained: it scores the reported held-out accuracy on the same images.
          const rows = await classify(
            trained.model,
            validation.map((i) => data.examples[i].image),
            trained.preprocessing,
            trained.imageSize,
          );
          const correct = rows.filter((row, j) => row.indexOf(Math.max(...row)) === labels[validation[j]]).length;
          expect(trained.heldOut!.mean).toBeCloseTo(correct / 15, 10);
          // Some of its backbone weights moved away from the pretrained ones (feature extraction keeps them all).
          const changed = weights(trained.model).filter((w) => w.length > 1 && !originals.has(w.join()));
          expect(changed.length).toBeGreaterThan(strategy === 'scratch' ? 4 : 2);
        } finally {
          trained.model.dispose();
        }
      });
    }
    expect(weights(digits)).toEqual(original);
  });

  it('refuses a class without images, naming it', async () => {
    const data = train();
    const lonely: Dataset = { ...data, classNames: [...data.classNames, 'ten'] };
    await expect(trainClassifier(digits, digitsSpec, lonely, options())).rejects.toThrow(/“ten”/);
  });
});

describe('trainClassifier (MobileNet v1 0.25 at 64 px, flowers)', () => {
  it('merges a functional backbone rebuilt at another size and still leaks nothing', async () => {
    const spec = getBackbone('mobilenet_v1_0.25');
    const shared = path.resolve(here, '../../../../shared');
    const mobilenet = await loadBackbone(
      spec,
      nodeModelHandler(path.join(shared, 'models/mobilenet_v1_0.25_224/model.json')),
    );
    try {
      const all = (await readFolderDataset(path.join(shared, 'datasets/flowers'), nodeDecoder)).dataset;
      const small: Dataset = {
        ...all,
        examples: all.classNames.flatMap((_, c) => all.examples.filter((e) => e.label === c).slice(0, 3)),
      };
      await expectNoLeaks(async () => {
        const trained = await trainClassifier(mobilenet, spec, small, options({ epochs: 2, imageSize: 64 }));
        expect(trained.model.inputs[0].shape).toEqual([null, 64, 64, 3]);
        expect(trained.model.outputs[0].shape).toEqual([null, 5]);
        trained.model.dispose();
      });
    } finally {
      mobilenet.dispose();
    }
  });
});
