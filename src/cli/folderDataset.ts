/**
 * A dataset from a folder of class folders, `<dir>/<class>/<image>`: the layout of Keras'
 * image_dataset_from_directory and of the studio's drag-and-drop, and of /work/shared/datasets.
 *
 * - Class names are the subfolder names, sorted by code point (locale-independent, so labels are the same on
 *   every machine); label i = classNames[i]. Hidden entries (".git", "._photo.jpg") and "__MACOSX" are skipped.
 * - Images are chosen by extension (.jpg, .jpeg, .png, any case) and then checked by content when decoded.
 * - Files with an image extension the command line cannot read (.gif, .webp, .heic, …) are reported as
 *   problems rather than silently ignored; other files (README, Thumbs.db) are ignored.
 * - A file that fails to decode does not abort the import: it is listed in `problems` with the reason, so the
 *   caller decides (the CLI prints them all and fails, which beats stopping at the first of fifty).
 * - Structural mistakes throw a DatasetError naming the folder: missing, not a directory, fewer than two class
 *   folders, a class folder with no images, more images than `maxImages` (checked before decoding anything).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { DatasetError, type Dataset, type ImageDecoder, type LabeledImage } from '../core/data/types';

export interface FolderImportProblem {
  file: string;
  reason: string;
}

export interface FolderImport {
  dataset: Dataset;
  problems: FolderImportProblem[];
}

export interface FolderImportOptions {
  /** Refuse folders with more image files than this (default: no limit). */
  maxImages?: number;
  /** Dataset name; default the folder's base name. */
  name?: string;
}

const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png']);
const UNSUPPORTED_IMAGE_EXTENSIONS = new Set(['.gif', '.webp', '.bmp', '.heic', '.heif', '.avif', '.tif', '.tiff', '.svg']);

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const isHidden = (name: string) => name.startsWith('.') || name === '__MACOSX';

export async function readFolderDataset(
  dir: string,
  decoder: ImageDecoder,
  options: FolderImportOptions = {},
): Promise<FolderImport> {
  const info = await stat(dir).catch(() => null);
  if (!info) throw new DatasetError('folder not found', dir);
  if (!info.isDirectory()) throw new DatasetError('is not a folder (expected a folder of class folders)', dir);

  const entries = await readdir(dir, { withFileTypes: true });
  const classNames: string[] = [];
  let looseImages = 0;
  for (const entry of entries) {
    if (isHidden(entry.name)) continue;
    const full = path.join(dir, entry.name);
    const isDir = entry.isDirectory() || (entry.isSymbolicLink() && (await stat(full).catch(() => null))?.isDirectory());
    if (isDir) classNames.push(entry.name);
    else if (IMAGE_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) looseImages++;
  }
  classNames.sort(byCodePoint);
  if (classNames.length < 2) {
    const hint =
      looseImages > 0
        ? ` (it holds ${looseImages} images directly: put each class's images in its own subfolder, or point at the parent folder)`
        : '';
    throw new DatasetError(
      `needs at least 2 class folders (one subfolder of images per class), found ${classNames.length}${hint}`,
      dir,
    );
  }

  const problems: FolderImportProblem[] = [];
  const files: { label: number; className: string; name: string; full: string }[] = [];
  for (const [label, className] of classNames.entries()) {
    const classDir = path.join(dir, className);
    const names = (await readdir(classDir, { withFileTypes: true }))
      .filter((e) => !isHidden(e.name) && !e.isDirectory())
      .map((e) => e.name)
      .sort(byCodePoint);
    let count = 0;
    for (const name of names) {
      const extension = path.extname(name).toLowerCase();
      const full = path.join(classDir, name);
      if (IMAGE_EXTENSIONS.has(extension)) {
        files.push({ label, className, name, full });
        count++;
      } else if (UNSUPPORTED_IMAGE_EXTENSIONS.has(extension)) {
        problems.push({ file: full, reason: `${extension} images are not supported here: convert to JPEG or PNG` });
      }
    }
    if (count === 0) throw new DatasetError(`class folder "${className}" has no JPEG or PNG images`, classDir);
  }
  if (options.maxImages !== undefined && files.length > options.maxImages) {
    throw new DatasetError(`holds ${files.length} images, more than the limit of ${options.maxImages}`, dir);
  }

  const examples: LabeledImage[] = [];
  for (const file of files) {
    try {
      const bytes = new Uint8Array(await readFile(file.full));
      const image = await decoder.decode(bytes, file.full);
      examples.push({ id: `${file.className}/${file.name}`, label: file.label, source: file.full, image });
    } catch (error) {
      problems.push({ file: file.full, reason: reasonFor(error, file.full) });
    }
  }
  return { dataset: { name: options.name ?? path.basename(path.resolve(dir)), classNames, examples }, problems };
}

/** The reason without the file name DatasetError prefixes, since problems carry the file separately. */
function reasonFor(error: unknown, file: string): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message;
}
