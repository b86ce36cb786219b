// Where things are: the repository, the shared models and datasets (../shared, or $TRANSFER_STUDIO_SHARED), and
// the bench's scratch space under tmp/ (git-ignored).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RESULTS_DIR = path.join(REPO_ROOT, 'bench', 'results');
export const WORK_DIR = path.join(REPO_ROOT, 'tmp', 'bench');

export function sharedDir() {
  const candidates = [
    process.env.TRANSFER_STUDIO_SHARED,
    path.resolve(REPO_ROOT, '..', 'shared'),
    '/work/shared',
  ].filter(Boolean);
  const found = candidates.find((dir) => existsSync(path.join(dir, 'models', 'mobilenet_v1_0.25_224', 'model.json')));
  if (!found) throw new Error(`shared/ not found (tried ${candidates.join(', ')}); set TRANSFER_STUDIO_SHARED`);
  return found;
}

/** The public URL prefix of the tfjs MobileNet v1 files and the local folders that answer it. */
export const MOBILENET_URL_PREFIX = 'https://storage.googleapis.com/tfjs-models/tfjs/';
export const mobilenetUrl = (alpha) => `${MOBILENET_URL_PREFIX}mobilenet_v1_${alpha}_224/model.json`;
