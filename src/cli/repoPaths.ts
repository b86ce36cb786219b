import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the Node side finds the repository's own models and the shared models and datasets. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
/** ../shared: datasets and models read in place, never copied into the repository. */
export const sharedDir = path.resolve(repoRoot, '../shared');
export const MOBILENET_V1_025_JSON = path.join(sharedDir, 'models/mobilenet_v1_0.25_224/model.json');
export const DIGITS_VGG_JSON = path.join(repoRoot, 'public/models/digits-vgg/model.json');
export const FLOWERS_DIR = path.join(sharedDir, 'datasets/flowers');
