/**
 * Import limits, in one place. Every check on user input (imageHeader, zipImport, importPlan, the browser
 * decoder) takes an `ImportLimits` and defaults to `DEFAULT_LIMITS`, so a test or a power-user setting can
 * tighten or loosen them without touching the checks.
 *
 * Why these numbers: the studio keeps every image in memory as ≤ 512-px RGB (≈ 0.75 MB at most, ~0.2 MB
 * typical), so 10,000 images fit in a browser tab; a single decode of a 100-megapixel image needs ~400 MB of
 * RGBA for a moment, which is as far as a tab on a modest laptop can be pushed.
 */
export interface ImportLimits {
  /** Images in one dataset (including images already in it when adding). */
  maxImages: number;
  /** Bytes of one encoded image file. */
  maxBytesPerImage: number;
  /** Bytes of all image files of one import (and of all entries of one zip, uncompressed). */
  maxTotalBytes: number;
  /** Pixels (width × height, from the file header) of one image, in megapixels (1 MP = 1,000,000 pixels). */
  maxMegapixels: number;
  /** Classes in one dataset. */
  maxClasses: number;
  /** Entries (files and folders) listed in one zip's central directory. */
  maxZipEntries: number;
  /** Largest expansion (uncompressed / compressed) of one zip entry before it counts as a zip bomb … */
  maxZipRatio: number;
  /** … applied only to entries bigger than this when uncompressed (a small flat-colour BMP may legitimately
   * compress 500×; a 1 GB one is an attack). Bytes. */
  zipRatioFloorBytes: number;
  /** Below this many images a class gets a warning (training still works). */
  minImagesPerClassAdvised: number;
  /** Classes needed before training can start (a warning at import: more can be added later). */
  minClassesToTrain: number;
  /** Longer side, in pixels, that imported images are downscaled to (aspect kept). */
  decodeMaxSide: number;
  /** Longer side, in pixels, of thumbnails for the grids. */
  thumbnailSide: number;
}

const MB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<ImportLimits> = Object.freeze({
  maxImages: 10_000,
  maxBytesPerImage: 25 * MB,
  maxTotalBytes: 2048 * MB,
  maxMegapixels: 100,
  maxClasses: 500,
  maxZipEntries: 20_000,
  maxZipRatio: 100,
  zipRatioFloorBytes: 1 * MB,
  minImagesPerClassAdvised: 5,
  minClassesToTrain: 2,
  decodeMaxSide: 512,
  thumbnailSide: 96,
});

/** DEFAULT_LIMITS with some fields replaced; a convenience for callers and tests. */
export function withLimits(overrides: Partial<ImportLimits> = {}): ImportLimits {
  return { ...DEFAULT_LIMITS, ...overrides };
}

/** "25 MB", "1.5 GB", "812 KB", "17 bytes": sizes in messages, binary units written the usual way. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const rounded = value >= 10 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${rounded} ${units[unit]}`;
}

/** "10,000": counts in messages, with thousands separators independent of the user's locale. */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
