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
 * - Class folders whose names differ only in case or Unicode form ("Café" composed and decomposed, "Cats" and
 *   "cats") are ONE class, named by the first folder in code-point order, with a warning: the studio merges such
 *   folders the same way (core/data/importPlan classKey), and on macOS or Windows they could not even coexist.
 * - A zip inside a class folder is a problem ("unzip it first"), not silently skipped.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { classKey } from '../core/data/importPlan';
import { DatasetError, type Dataset, type ImageDecoder, type LabeledImage } from '../core/data/types';

export interface FolderImportProblem {
  file: string;
  reason: string;
}

export interface FolderImport {
  dataset: Dataset;
  problems: FolderImportProblem[];
  /** Sentences for the user; the import went ahead (e.g. class folders merged). */
  warnings?: string[];
}

export interface FolderImportOptions {
  /** Refuse folders with more image files than this (default: no limit). */
  maxImages?: number;
  /** Dataset name; default the folder's base name. */
  name?: string;
}

const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png']);
const UNSUPPORTED_IMAGE_EXTENSIONS = new Set([
  '.gif',
  '.webp',
  '.bmp',
  '.heic',
  '.heif',
  '.avif',
  '.tif',
  '.tiff',
  '.svg',
]);

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
  const folderNames: string[] = [];
  let looseImages = 0;
  for (const entry of entries) {
    if (isHidden(entry.name)) continue;
    const full = path.join(dir, entry.name);
    const isDir =
      entry.isDirectory() || (entry.isSymbolicLink() && (await stat(full).catch(() => null))?.isDirectory());
    if (isDir) folderNames.push(entry.name);
    else if (IMAGE_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) looseImages++;
  }
  folderNames.sort(byCodePoint);
  // Folders → classes, merging names equal ignoring case and Unicode form; a class's name is its first folder's (NFC).
  const classNames: string[] = [];
  const classFolders: string[][] = [];
  const classOfKey = new Map<string, number>();
  for (const folder of folderNames) {
    const key = classKey(folder);
    const existing = classOfKey.get(key);
    if (existing !== undefined) classFolders[existing].push(folder);
    else {
      classOfKey.set(key, classNames.length);
      classNames.push(folder.normalize('NFC'));
      classFolders.push([folder]);
    }
  }
  const warnings = classFolders
    .filter((folders) => folders.length > 1)
    .map(
      (folders) =>
        `class folders ${folders.map((f) => JSON.stringify(path.join(dir, f))).join(' and ')} were merged into class "${folders[0].normalize('NFC')}" ` +
        '(names are compared ignoring case and Unicode form, as in the studio)',
    );
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
    let count = 0;
    for (const folder of classFolders[label]) {
      const classDir = path.join(dir, folder);
      const names = (await readdir(classDir, { withFileTypes: true }))
        .filter((e) => !isHidden(e.name) && !e.isDirectory())
        .map((e) => e.name)
        .sort(byCodePoint);
      for (const name of names) {
        const extension = path.extname(name).toLowerCase();
        const full = path.join(classDir, name);
        // Ids keep the folder as spelled, so same-named files of merged folders stay distinct.
        if (IMAGE_EXTENSIONS.has(extension)) {
          files.push({ label, className: folder, name, full });
          count++;
        } else if (UNSUPPORTED_IMAGE_EXTENSIONS.has(extension)) {
          problems.push({ file: full, reason: `${extension} images are not supported here: convert to JPEG or PNG` });
        } else if (extension === '.zip') {
          problems.push({ file: full, reason: 'is a zip archive inside a class folder: unzip it first' });
        }
      }
    }
    if (count === 0) {
      throw new DatasetError(
        `class folder "${className}" has no JPEG or PNG images`,
        path.join(dir, classFolders[label][0]),
      );
    }
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
  return {
    dataset: { name: options.name ?? path.basename(path.resolve(dir)), classNames, examples },
    problems,
    warnings,
  };
}

/** The reason without the file name DatasetError prefixes, since problems carry the file separately. */
function reasonFor(error: unknown, file: string): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message;
}
