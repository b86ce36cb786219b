// The dataset manifest and the one train/validation split every peer is scored on.
//
// Teachable Machine's library splits by itself: per class, it shuffles the examples (in the order they were added)
// with Fisher–Yates driven by `seedrandom(seed)` (after `model.setSeed(seed)`), then keeps the LAST
// ceil(0.15 · n) as validation; classes are shuffled in label order from one generator. To score every peer on
// the same images without changing TM, this module replays exactly that with the same `seedrandom` package
// (installed with TM in bench/peers/node_modules). The TM page cross-checks it: TM's own last-epoch val_acc must
// equal our score of TM's model on this validation list.
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TM_VALIDATION_FRACTION = 0.15;
const PEERS_DIR = dirname(fileURLToPath(import.meta.url));
const IMAGE_EXT = /\.(jpe?g|png)$/i;

/**
 * Class folders in name order; images in name order within each class.
 * @returns {{classNames: string[], images: {className: string, label: number, file: string, path: string}[]}}
 */
export function listDataset(datasetDir) {
  const classNames = readdirSync(datasetDir)
    .filter((name) => statSync(join(datasetDir, name)).isDirectory())
    .sort();
  const images = [];
  classNames.forEach((className, label) => {
    const files = readdirSync(join(datasetDir, className))
      .filter((f) => IMAGE_EXT.test(f))
      .sort();
    for (const file of files) images.push({ className, label, file, path: join(datasetDir, className, file) });
  });
  if (classNames.length < 2 || images.length === 0) throw new Error(`no class folders with images in ${datasetDir}`);
  return { classNames, images };
}

function loadSeedrandom(peersDir) {
  const require = createRequire(resolve(peersDir, 'package.json'));
  return require('seedrandom');
}

/** Fisher–Yates from the last index down, one draw per step: the order TM's library uses. */
function shuffleLikeTm(array, rng) {
  const out = array.slice();
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Marks each image 'train' or 'validation' exactly as TM's library will with `setSeed(seedWord)` when the images
 * are added in the given order.
 */
export function tmCompatibleSplit(images, classCount, seedWord, peersDir = PEERS_DIR) {
  const seedrandom = loadSeedrandom(peersDir);
  const rng = seedrandom(seedWord);
  const split = new Array(images.length);
  for (let label = 0; label < classCount; label++) {
    const members = images.flatMap((img, i) => (img.label === label ? [i] : []));
    const shuffled = shuffleLikeTm(members, rng);
    const numValidation = Math.ceil(TM_VALIDATION_FRACTION * members.length);
    const numTrain = members.length - numValidation;
    shuffled.forEach((imageIndex, k) => {
      split[imageIndex] = k < numTrain ? 'train' : 'validation';
    });
  }
  return images.map((img, i) => ({ ...img, split: split[i] }));
}
