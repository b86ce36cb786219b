import * as tf from '@tensorflow/tfjs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BackboneError } from '../core/backbones/errors';
import { assertLayersModelJson } from '../core/backbones/load';
import {
  looksLikeHtml,
  readWeightsManifest,
  validateWeights,
  type ShardBytes,
} from '../core/backbones/validateWeights';

/**
 * Node adapter: an IOHandler that reads a TF.js model folder from disk (model.json plus the shard files it lists,
 * relative to it; shard names may have no extension), for `loadBackbone(spec, nodeModelHandler(path))`.
 * Errors name the file: model.json missing or not JSON, a shard missing, the wrong size or an HTML page.
 */
export function nodeModelHandler(pathToModelJson: string): tf.io.IOHandler {
  const modelJsonPath = path.resolve(pathToModelJson);
  return {
    load: async () => {
      const modelJson = await readModelJson(modelJsonPath);
      const folder = path.dirname(modelJsonPath);
      const arrived = new Map<string, ShardBytes>();
      for (const group of readWeightsManifest(modelJson, modelJsonPath)) {
        for (const shard of group.paths) arrived.set(shard, await readShard(folder, shard, modelJsonPath));
      }
      validateWeights(modelJson, arrived, modelJsonPath);
      return tf.io.getModelArtifactsForJSON(modelJson as tf.io.ModelJSON, async (manifest) => [
        tf.io.getWeightSpecs(manifest),
        manifest.flatMap((group) => group.paths.map((p) => arrived.get(p)!)) as ArrayBuffer[],
      ]);
    },
  };
}

async function readModelJson(modelJsonPath: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(modelJsonPath, 'utf8');
  } catch (error) {
    throw new BackboneError(`cannot read ${modelJsonPath}: ${(error as Error).message}`, modelJsonPath);
  }
  if (looksLikeHtml(Buffer.from(text.slice(0, 64)))) {
    throw new BackboneError(`${modelJsonPath} is an HTML page, not a model.json`, modelJsonPath);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new BackboneError(`${modelJsonPath} is not valid JSON (${(error as Error).message})`, modelJsonPath);
  }
  assertLayersModelJson(json, modelJsonPath, modelJsonPath);
  return json;
}

async function readShard(folder: string, shard: string, modelJsonPath: string): Promise<ArrayBuffer> {
  const file = path.resolve(folder, shard);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'is missing' : 'cannot be read';
    throw new BackboneError(
      `weights file "${shard}" listed in ${modelJsonPath} ${reason} (looked for ${file}: ${(error as Error).message})`,
      shard,
    );
  }
  // A Buffer may be a view into a larger pooled ArrayBuffer: copy out exactly its bytes.
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
