import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BackboneError } from '../core/backbones/errors';
import { activateNodeBackend } from './backend';
import { nodeModelHandler } from './modelLoader';

const MOBILENET_025 = fileURLToPath(new URL('../../../shared/models/mobilenet_v1_0.25_224/', import.meta.url));

/** A scratch copy of the 0.25 model folder that a test may damage. */
function copyModel(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'node-model-loader-'));
  for (const name of readdirSync(MOBILENET_025)) copyFileSync(path.join(MOBILENET_025, name), path.join(folder, name));
  folders.push(folder);
  return folder;
}
const folders: string[] = [];

async function loadError(handler: tf.io.IOHandler): Promise<BackboneError> {
  try {
    await handler.load!();
  } catch (error) {
    return error as BackboneError;
  }
  throw new Error('expected the load to fail');
}

describe('nodeModelHandler', () => {
  beforeAll(async () => {
    await activateNodeBackend('wasm');
  });
  afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

  it('reads model.json and its extension-less shards into artifacts tfjs can load', async () => {
    const artifacts = await nodeModelHandler(path.join(MOBILENET_025, 'model.json')).load!();
    expect(artifacts.weightSpecs).toHaveLength(137);
    const bytes = tf.io.CompositeArrayBuffer.join(artifacts.weightData!).byteLength;
    expect(bytes).toBe(1951543 - 49367);
    const model = await tf.loadLayersModel(nodeModelHandler(path.join(MOBILENET_025, 'model.json')));
    expect(model.countParams()).toBe(475544);
    model.dispose();
  });

  it('names a missing shard', async () => {
    const folder = copyModel();
    rmSync(path.join(folder, 'group12-shard1of1'));
    const error = await loadError(nodeModelHandler(path.join(folder, 'model.json')));
    expect(error).toBeInstanceOf(BackboneError);
    expect(error.file).toBe('group12-shard1of1');
    expect(error.message).toMatch(/weights file "group12-shard1of1" listed in .*model\.json is missing/);
  });

  it('names a shard of the wrong size', async () => {
    const folder = copyModel();
    truncateSync(path.join(folder, 'group29-shard1of1'), 1000);
    const error = await loadError(nodeModelHandler(path.join(folder, 'model.json')));
    expect(error.file).toBe('group29-shard1of1');
    expect(error.message).toMatch(/holds 1000 bytes but .* needs 1028000 bytes/);
  });

  it('names a model.json that is not JSON, and one that does not exist', async () => {
    const folder = copyModel();
    writeFileSync(path.join(folder, 'model.json'), '{"modelTopology": {"class_name": "Model",');
    let error = await loadError(nodeModelHandler(path.join(folder, 'model.json')));
    expect(error.file).toBe(path.join(folder, 'model.json'));
    expect(error.message).toMatch(/model\.json is not valid JSON/);

    error = await loadError(nodeModelHandler(path.join(folder, 'nope', 'model.json')));
    expect(error.message).toMatch(/cannot read .*nope.*model\.json/);
  });
});
