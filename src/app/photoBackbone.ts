/**
 * Photos and the webcam get an ImageNet backbone by default: a new dataset imported from photos, or webcam frames
 * captured into a dataset, switch the digits network (the demo's backbone, useless on photos) to the built-in
 * MobileNet v1 0.25 — once per dataset, so a user who then picks the digits network again keeps it.
 */
import { BUILT_IN_IMAGENET_BACKBONE } from '../core/backbones/catalogue';

/** The demo's digits network: the only backbone the switch replaces. */
const DIGITS_BACKBONE = 'digits-vgg';

/** Camera photos and web photos: JPEG, WebP, HEIC/HEIF, AVIF (digit drawings and MNIST are small PNGs). */
const PHOTO_NAME = /\.(jpe?g|webp|heic|heif|avif)$/i;

/** True when any of the files is a photo format (by MIME type or name). */
export function looksLikePhotos(files: readonly { path: string; file: { type: string } }[]): boolean {
  return files.some(
    ({ path, file }) => /^image\/(jpeg|webp|heic|heif|avif)$/i.test(file.type) || PHOTO_NAME.test(path),
  );
}

/**
 * Decides, once per dataset, whether images arriving into `datasetId` should switch the backbone: returns the
 * backbone to load, or null. `currentId` is the selected (or pending) backbone.
 */
export function createPhotoBackboneDefault(): (datasetId: string, photos: boolean, currentId: string) => string | null {
  const decided = new Set<string>();
  return (datasetId, photos, currentId) => {
    if (!photos || decided.has(datasetId)) return null;
    decided.add(datasetId);
    return currentId === DIGITS_BACKBONE ? BUILT_IN_IMAGENET_BACKBONE : null;
  };
}
