/**
 * The PyTorch export computes what the studio computes: the same images through the converted backbone
 * (`embed.py`, Debian's python3-torch) and through TF.js give embeddings within 1e-3 of each other, element by
 * element — the digits network on four MNIST digits, and the built-in MobileNet v1 0.25 on three of the verified
 * test photos (../shared/models/test-photos) at 224 px. A few images each, so the test stays a few seconds.
 *
 * Needs /usr/bin/python3 with torch (`npm test` installs python3-torch like Chromium; by hand:
 * `apt-get install -y python3-torch`). Without it both cases are skipped (counted as skipped in the totals) and the
 * reason is printed, so a machine without torch never reports the parity as passed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getBackbone } from '../core/backbones/catalogue';
import { loadBackbone } from '../core/backbones/load';
import { cutAt } from '../core/backbones/truncate';
import type { BackboneSpec } from '../core/backbones/types';
import { fitImage } from '../core/data/fitImages';
import { imagesToTensor } from '../core/data/preprocess';
import type { Dataset } from '../core/data/types';
import { parseExperimentConfig } from '../core/experiment/config';
import { describeTorchBackbone } from '../core/export/torchBackbone';
import { buildTorchProject } from '../core/export/torchProject';
import { activateNodeBackend } from './backend';
import { nodeDecoder } from './decode';
import { mnistDataset } from './mnistDataset';
import { nodeModelHandler } from './modelLoader';
import { writeTorchProject } from './torchProjectFiles';
import { DIGITS_VGG_JSON, repoRoot, sharedDir } from '../testing/paths';

const PYTHON = '/usr/bin/python3';
const PARITY = 1e-3;

/** Why the parity cannot be checked here (no Debian python3, or no torch in it), or null when it can. */
function torchMissing(): string | null {
  const probe = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.error) return `${PYTHON} cannot run (${probe.error.message})`;
  if (probe.status !== 0) return `${PYTHON} has no torch: apt-get install -y python3-torch (npm test installs it)`;
  return null;
}
const missing = torchMissing();
if (missing) console.warn(`SKIPPED export-pytorch embedding parity (src/node/torchExport.test.ts): ${missing}`);

/** Runs embed.py; a missing torch fails with the way to install it rather than a Python traceback only. */
function runEmbed(dir: string, out: string): string {
  const run = spawnSync(PYTHON, [path.join(dir, 'embed.py'), '--out', out], { encoding: 'utf8' });
  if (run.status !== 0 && /No module named 'torch'/.test(run.stderr))
    throw new Error(`${PYTHON} has no torch: apt-get install -y python3-torch (npm test installs it)`);
  if (run.status !== 0) throw new Error(`embed.py failed (${run.status}):\n${run.stderr}`);
  return run.stdout;
}

/** Exports `dataset` through `spec` into a temp project, runs embed.py on every row; both sides' features. */
async function embedBothWays(spec: BackboneSpec, modelJson: string, dataset: Dataset, dir: string) {
  const model = await loadBackbone(spec, nodeModelHandler(modelJson));
  const cut = cutAt(model, spec.defaultCut);
  try {
    const size = spec.preprocessing.inputSize;
    const config = parseExperimentConfig({
      backbone: spec.id,
      strategies: ['feature-extraction'],
      seeds: 1,
      epochs: 1,
      validationFraction: 0.5,
    });
    const fitted = (image: (typeof dataset.examples)[number]['image']) => fitImage(image, spec.preprocessing, size);
    const { manifest, pixels } = buildTorchProject(config, dataset, spec, fitted);
    const { backbone, weights } = describeTorchBackbone(cut, spec);
    await writeTorchProject(dir, { manifest, pixels, backbone, weights });
    const out = path.join(dir, 'embeddings.bin');
    const printed = runEmbed(dir, out);
    const shape = (JSON.parse(printed) as { shape: number[] }).shape;
    const torchFeatures = new Float32Array(new Uint8Array(readFileSync(out)).buffer);
    // Rows of the project are the dataset's examples in order (every one is used: train + validation).
    expect(manifest.examples.map((e) => e.id)).toEqual(dataset.examples.map((e) => e.id));
    const input = imagesToTensor(
      dataset.examples.map((e) => fitted(e.image)),
      spec.preprocessing,
      size,
    );
    const features = cut.predict(input) as tf.Tensor;
    const tfjsFeatures = features.dataSync() as Float32Array;
    const tfjsShape = [...features.shape];
    tf.dispose([input, features]);
    return { shape, torchFeatures, tfjsShape, tfjsFeatures };
  } finally {
    model.dispose();
  }
}

function maxAbsDifference(a: Float32Array, b: Float32Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

describe.skipIf(missing !== null)('export-pytorch: the converted backbone embeds as TF.js does', () => {
  let dir: string;
  beforeAll(async () => {
    await activateNodeBackend('cpu');
    dir = mkdtempSync(path.join(os.tmpdir(), 'torch-export-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('digits-vgg on four MNIST digits: max |torch − tfjs| < 1e-3', async () => {
    const dataset = mnistDataset([5, 6], 2, 0);
    const both = await embedBothWays(getBackbone('digits-vgg'), DIGITS_VGG_JSON, dataset, path.join(dir, 'digits'));
    expect(both.shape).toEqual(both.tfjsShape);
    expect(both.torchFeatures.length).toBe(both.tfjsFeatures.length);
    expect(maxAbsDifference(both.torchFeatures, both.tfjsFeatures)).toBeLessThan(PARITY);
  });

  it('built-in MobileNet v1 0.25 on three test photos at 224 px: max |torch − tfjs| < 1e-3', async () => {
    const photos = ['cat.jpg', 'tiger.jpg', 'basketball.jpg'];
    const examples = await Promise.all(
      photos.map(async (name, i) => {
        const bytes = new Uint8Array(readFileSync(path.join(sharedDir, 'models/test-photos', name)));
        return { id: name, label: i % 2, source: name, image: await nodeDecoder.decode(bytes, name) };
      }),
    );
    const dataset: Dataset = { name: 'test photos', classNames: ['a', 'b'], examples };
    const spec = getBackbone('mobilenet_v1_0.25');
    const modelJson = path.join(repoRoot, 'public', spec.modelUrl);
    const both = await embedBothWays(spec, modelJson, dataset, path.join(dir, 'mobilenet'));
    expect(both.shape).toEqual([3, 7, 7, 256]);
    expect(both.tfjsShape).toEqual(both.shape);
    const difference = maxAbsDifference(both.torchFeatures, both.tfjsFeatures);
    expect(difference).toBeLessThan(PARITY);
  });
});
