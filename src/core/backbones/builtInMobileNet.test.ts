/**
 * The MobileNet v1 0.25 that ships in public/models/ is the verified copy of ../shared/models: byte for byte (every
 * file's sha256 in its SHA256SUMS, equal to the shared file), and it classifies the six test photos as
 * ../shared/models/PROVENANCE.md records — the same top-1 class and probability with the preprocessing used there,
 * and the same top-1 class through the engine's own preprocessing (the one the studio and CLI use).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import jpeg from 'jpeg-js';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { imagesToTensor } from '../data/preprocess';
import { activateNodeBackend, nodeDecoder, nodeModelHandler } from '../../testing/node';
import { repoRoot, sharedDir } from '../../testing/paths';
import { BUILT_IN_IMAGENET_BACKBONE, getBackbone } from './catalogue';
import { loadBackbone } from './load';

const spec = getBackbone(BUILT_IN_IMAGENET_BACKBONE);
const shippedDir = path.join(repoRoot, 'public', path.dirname(spec.modelUrl));
const sharedModelDir = path.join(sharedDir, 'models/mobilenet_v1_0.25_224');
const photosDir = path.join(sharedDir, 'models/test-photos');

/** PROVENANCE.md, "Verification result", mobilenet_v1_0.25_224: top-1 ImageNet index and probability (percent). */
const VERIFIED_TOP1: Record<string, { index: number; percent: number }> = {
  'cat.jpg': { index: 283, percent: 62.1 }, // Persian cat
  'basketball.jpg': { index: 430, percent: 50.0 },
  'tiger.jpg': { index: 292, percent: 90.5 },
  'burrito.jpg': { index: 965, percent: 13.0 },
  'sea-turtle.jpg': { index: 33, percent: 65.5 }, // loggerhead
  'dogs.jpg': { index: 257, percent: 18.5 }, // Great Pyrenees
};

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** PROVENANCE.md's preprocessing: centre square crop, resizeBilinear with alignCorners, x / 127.5 − 1. */
function provenanceInput(file: string): tf.Tensor4D {
  const { width, height, data } = jpeg.decode(readFileSync(file), { useTArray: true });
  return tf.tidy(() => {
    const side = Math.min(width, height);
    const rgba = tf.tensor3d(data, [height, width, 4], 'int32');
    const square = rgba.slice([(height - side) >> 1, (width - side) >> 1, 0], [side, side, 3]).toFloat();
    const resized = tf.image.resizeBilinear(square as tf.Tensor3D, [224, 224], true);
    return resized.div(127.5).sub(1).expandDims(0) as tf.Tensor4D;
  });
}

/** Top-1 index and probability of each row of the model's 1000-class softmax. */
async function top1(model: tf.LayersModel, input: tf.Tensor4D): Promise<{ index: number; probability: number }[]> {
  const probabilities = tf.tidy(() => model.predict(input) as tf.Tensor2D);
  const rows = (await probabilities.array()) as number[][];
  probabilities.dispose();
  return rows.map((row) => {
    const index = row.indexOf(Math.max(...row));
    return { index, probability: row[index] };
  });
}

describe('the built-in MobileNet v1 0.25', () => {
  let model: tf.LayersModel;
  beforeAll(async () => {
    await activateNodeBackend('wasm');
    model = await loadBackbone(spec, nodeModelHandler(path.join(shippedDir, 'model.json')));
  });

  it('is the shared verified copy, byte for byte, with every file listed in SHA256SUMS', () => {
    const sums = readFileSync(path.join(shippedDir, 'SHA256SUMS'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(/\s+/) as [string, string]);
    expect(sums).toHaveLength(56);
    const modelFiles = readdirSync(shippedDir).filter((f) => f === 'model.json' || /^group\d+-shard1of1$/.test(f));
    expect(modelFiles.sort()).toEqual(sums.map(([, file]) => file).sort());
    for (const [hash, file] of sums) {
      expect(sha256(path.join(shippedDir, file)), file).toBe(hash);
      expect(sha256(path.join(sharedModelDir, file)), `shared ${file}`).toBe(hash);
    }
  });

  it('puts the verified class first, with the verified probability, on the six test photos', async () => {
    for (const [photo, verified] of Object.entries(VERIFIED_TOP1)) {
      const input = provenanceInput(path.join(photosDir, photo));
      const [result] = await top1(model, input);
      input.dispose();
      expect(result.index, photo).toBe(verified.index);
      // The table gives one decimal of a percent.
      expect(Math.abs(result.probability * 100 - verified.percent), photo).toBeLessThanOrEqual(0.051);
    }
  });

  it('puts the same class first through the engine preprocessing the studio and the CLI use', async () => {
    const photos = Object.keys(VERIFIED_TOP1);
    const images = await Promise.all(
      photos.map((photo) => nodeDecoder.decode(new Uint8Array(readFileSync(path.join(photosDir, photo))), photo)),
    );
    const input = imagesToTensor(images, spec.preprocessing, spec.preprocessing.inputSize);
    const results = await top1(model, input);
    input.dispose();
    expect(results.map((r) => r.index)).toEqual(photos.map((photo) => VERIFIED_TOP1[photo].index));
  });
});
