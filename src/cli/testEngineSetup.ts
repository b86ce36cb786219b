/**
 * Test setup for engine tests on the real models and photos: the WASM backend (with the conv gradient kernels)
 * as the CLI uses it, and backbones and the flowers dataset read in place from ../shared or public/models.
 */
import { expect } from 'vitest';
import type * as tf from '@tensorflow/tfjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { useNodeBackend } from './nodeBackend';
import { nodeModelHandler } from './nodeModelLoader';
import { readFolderDataset } from './folderDataset';
import { nodeDecoder } from './nodeDecode';
import { registerWasmConvGradients } from '../core/backends/wasmConvGradients';
import { loadBackbone } from '../core/backbones/load';
import type { BackboneSpec } from '../core/backbones/types';
import type { Dataset } from '../core/data/types';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
/** ../shared: datasets and models read in place, never copied into the repository. */
export const sharedDir = path.resolve(repoRoot, '../shared');
export const MOBILENET_V1_025_JSON = path.join(sharedDir, 'models/mobilenet_v1_0.25_224/model.json');
export const DIGITS_VGG_JSON = path.join(repoRoot, 'public/models/digits-vgg/model.json');
export const FLOWERS_DIR = path.join(sharedDir, 'datasets/flowers');

/** Switches to the WASM backend with the conv gradient kernels, then loads `spec` from `modelJson`. */
export async function loadBackboneOnWasm(spec: BackboneSpec, modelJson: string): Promise<tf.LayersModel> {
  registerWasmConvGradients();
  expect(await useNodeBackend('wasm')).toBe('wasm');
  return loadBackbone(spec, nodeModelHandler(modelJson));
}

/**
 * Switches to `backend` ('wasm' with the conv gradient kernels, or the pure-JS 'cpu'), then loads `spec` from
 * `modelJson`; the model's weights live on that backend. The caller disposes the model.
 */
export async function loadBackboneOn(
  backend: 'wasm' | 'cpu',
  spec: BackboneSpec,
  modelJson: string,
): Promise<tf.LayersModel> {
  expect(await useNodeBackend(backend)).toBe(backend);
  return loadBackbone(spec, nodeModelHandler(modelJson));
}

/** The flower photos of ../shared/datasets/flowers (5 classes). */
export async function readFlowers(): Promise<Dataset> {
  return (await readFolderDataset(FLOWERS_DIR, nodeDecoder)).dataset;
}
