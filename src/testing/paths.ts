/**
 * Where tests and benchmarks find the repository, its CLI and built-in model, and the shared models and datasets.
 * ../shared (beside the repository) is read in place, never copied into it.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
/** The command line as users run it. */
export const cliBin = path.join(repoRoot, 'bin/transfer-studio.mjs');
/** ../shared: datasets and models read in place, never copied into the repository. */
export const sharedDir = path.resolve(repoRoot, '../shared');
export const SHARED_DATASETS = path.join(sharedDir, 'datasets');
export const MOBILENET_V1_025_DIR = path.join(sharedDir, 'models/mobilenet_v1_0.25_224');
export const MOBILENET_V1_025_JSON = path.join(MOBILENET_V1_025_DIR, 'model.json');
export const DIGITS_VGG_JSON = path.join(repoRoot, 'public/models/digits-vgg/model.json');
export const FLOWERS_DIR = path.join(SHARED_DATASETS, 'flowers');
