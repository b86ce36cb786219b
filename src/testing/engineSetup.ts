/**
 * Test setup for engine tests on the real models and photos: the WASM backend (with the conv gradient kernels)
 * as the CLI uses it, and backbones and the flowers dataset read in place from ../shared or public/models
 * (their paths: ./paths).
 */
import { expect } from 'vitest';
import type * as tf from '@tensorflow/tfjs';
import { registerWasmConvGradients } from '../core/backends/wasmConvGradients';
import { loadBackbone } from '../core/backbones/load';
import type { BackboneSpec } from '../core/backbones/types';
import type { Dataset } from '../core/data/types';
import { activateNodeBackend } from '../node/backend';
import { nodeDecoder } from '../node/decode';
import { readFolderDataset } from '../node/folderDataset';
import { nodeModelHandler } from '../node/modelLoader';
import { FLOWERS_DIR } from './paths';

/** Switches to the WASM backend with the conv gradient kernels, then loads `spec` from `modelJson`. */
export async function loadBackboneOnWasm(spec: BackboneSpec, modelJson: string): Promise<tf.LayersModel> {
  registerWasmConvGradients();
  expect((await activateNodeBackend('wasm')).backend).toBe('wasm');
  return loadBackbone(spec, nodeModelHandler(modelJson));
}

/** The flower photos of ../shared/datasets/flowers (5 classes). */
export async function readFlowers(): Promise<Dataset> {
  return (await readFolderDataset(FLOWERS_DIR, nodeDecoder)).dataset;
}
