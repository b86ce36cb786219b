/**
 * Test setup for engine tests on the real models and photos: the WASM backend (with the conv gradient kernels)
 * as the CLI uses it, and backbones and the flowers dataset read in place from ../shared or public/models.
 */
import { expect } from 'vitest';
import type * as tf from '@tensorflow/tfjs';
import { useNodeBackend } from './nodeBackend';
import { nodeModelHandler } from './nodeModelLoader';
import { readFolderDataset } from './folderDataset';
import { nodeDecoder } from './nodeDecode';
import { FLOWERS_DIR } from './repoPaths';
import { registerWasmConvGradients } from '../core/backends/wasmConvGradients';
import { loadBackbone } from '../core/backbones/load';
import type { BackboneSpec } from '../core/backbones/types';
import type { Dataset } from '../core/data/types';

export { DIGITS_VGG_JSON, FLOWERS_DIR, MOBILENET_V1_025_JSON, repoRoot, sharedDir } from './repoPaths';

/** Switches to the WASM backend with the conv gradient kernels, then loads `spec` from `modelJson`. */
export async function loadBackboneOnWasm(spec: BackboneSpec, modelJson: string): Promise<tf.LayersModel> {
  registerWasmConvGradients();
  expect(await useNodeBackend('wasm')).toBe('wasm');
  return loadBackbone(spec, nodeModelHandler(modelJson));
}

/** The flower photos of ../shared/datasets/flowers (5 classes). */
export async function readFlowers(): Promise<Dataset> {
  return (await readFolderDataset(FLOWERS_DIR, nodeDecoder)).dataset;
}
