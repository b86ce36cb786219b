/**
 * A dataset from a folder of class folders, `<dir>/<class>/<image>`: the layout of Keras'
 * image_dataset_from_directory and of the studio's drag-and-drop, and of /work/shared/datasets.
 *
 * The folder is listed (never read) first, then planned by core's planImport — the code the studio uses for a
 * dropped folder — so the CLI and the studio give the same classes, in the same (natural) order, with the same
 * names and the same warnings:
 * - Images in subfolders of a class belong to that class, with a warning (they were silently skipped before).
 * - A single wrapper folder (`dir/data/cats/…`) is stripped, as in the studio and the zip import.
 * - Class folders whose names differ only in case or Unicode form ("Café" composed and decomposed, "Cats" and
 *   "cats") are ONE class, named as the studio names it, with a warning.
 * - A class with fewer than 5 images gets a warning; more than 500 classes or 10,000 images is refused before
 *   anything is decoded.
 * - Every entry is `stat`ed before a byte is read: only regular files are read (a FIFO or a link to /dev/zero
 *   named `.jpg` is a problem, not a hang), and a file over the per-image limit is a problem without being read.
 * - Images are chosen by extension (.jpg, .jpeg, .png, any case) and then checked by content when decoded.
 *   Files with an image extension the command line cannot read (.gif, .webp, .heic, …) and zips are problems;
 *   other files (README, Thumbs.db) and hidden entries (".git", "._photo.jpg", "__MACOSX") are ignored.
 * - A file that fails to decode does not abort the import: it is listed in `problems` with the reason, so the
 *   caller decides (the CLI prints them all and fails, which beats stopping at the first of fifty).
 * - Structural mistakes throw a DatasetError naming the folder: missing, not a directory, fewer than two classes,
 *   a class with no images, over a limit.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { planImport, type ImportEntry } from '../core/data/importPlan';
import { formatImportReason } from '../core/data/importReasons';
import { DEFAULT_LIMITS, type ImportLimits } from '../core/data/limits';
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
  /** Refuse folders with more image files than this (default: the limits' maxImages). */
  maxImages?: number;
  /** The studio's import limits (default DEFAULT_LIMITS): classes, bytes per image, images advised per class. */
  limits?: ImportLimits;
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

const isHidden = (name: string) => name.startsWith('.') || name === '__MACOSX';

/** What listing the folder found, before planning: image entries (relative, '/'-separated) and problems. */
interface Listing {
  entries: ImportEntry[];
  problems: FolderImportProblem[];
  looseImages: number;
}

export async function readFolderDataset(
  dir: string,
  decoder: ImageDecoder,
  options: FolderImportOptions = {},
): Promise<FolderImport> {
  const info = await stat(dir).catch(() => null);
  if (!info) throw new DatasetError('folder not found', dir);
  if (!info.isDirectory()) throw new DatasetError('is not a folder (expected a folder of class folders)', dir);
  const limits = { ...(options.limits ?? DEFAULT_LIMITS) };
  if (options.maxImages !== undefined) limits.maxImages = options.maxImages;

  const { entries, problems, looseImages } = await listFolder(dir, limits);
  const imageFiles = entries.filter((e) => !e.path.endsWith('/')).length;
  if (imageFiles > limits.maxImages) {
    throw new DatasetError(`holds ${imageFiles} images, more than the limit of ${limits.maxImages}`, dir);
  }
  const plan = planImport(entries, limits);
  if (plan.blocked) throw new DatasetError(plan.blocked, dir);
  const empty = plan.classes.find((c) => c.files.length === 0);
  if (empty) {
    const folder = entries.find((e) => e.path.endsWith('/') && e.path.normalize('NFC').startsWith(`${empty.name}/`));
    throw new DatasetError(
      `class folder "${empty.name}" has no JPEG or PNG images`,
      path.join(dir, folder?.path.slice(0, -1) ?? empty.name),
    );
  }
  if (plan.classes.length < 2) {
    const found = plan.classes.length === 1 ? `1 ("${plan.classes[0].name}")` : '0';
    const hint =
      looseImages > 0
        ? ` (it holds ${looseImages} images directly: put each class's images in its own subfolder, or point at the parent folder)`
        : '';
    throw new DatasetError(
      `needs at least 2 class folders (one subfolder of images per class), found ${found}${hint}`,
      dir,
    );
  }
  problems.push(...plan.problems.map((p) => ({ file: path.join(dir, p.file), reason: formatImportReason(p.reason) })));

  const examples: LabeledImage[] = [];
  for (const [label, planned] of plan.classes.entries()) {
    for (const entry of planned.files) {
      const full = path.join(dir, entry.path);
      try {
        const bytes = new Uint8Array(await readFile(full));
        const image = await decoder.decode(bytes, full);
        // Ids keep the folders as spelled, so same-named files of merged folders stay distinct.
        examples.push({ id: entry.path, label, source: full, image });
      } catch (error) {
        problems.push({ file: full, reason: reasonFor(error, full) });
      }
    }
  }
  return {
    dataset: {
      name: options.name ?? path.basename(path.resolve(dir)),
      classNames: plan.classes.map((c) => c.name),
      examples,
    },
    problems,
    warnings: plan.warnings,
  };
}

/**
 * Lists `dir` recursively with a `stat` of every entry (links followed, each real folder entered once): folders
 * and readable image files become plan entries; anything else with an image extension is a problem.
 */
async function listFolder(dir: string, limits: ImportLimits): Promise<Listing> {
  const listing: Listing = { entries: [], problems: [], looseImages: 0 };
  const visited = new Set<string>();
  const walk = async (relative: string, depth: number): Promise<void> => {
    const full = path.join(dir, relative);
    const folderInfo = await stat(full);
    const key = `${folderInfo.dev}:${folderInfo.ino}`;
    if (visited.has(key)) return; // a link back to a folder already listed
    visited.add(key);
    if (relative) listing.entries.push({ path: `${relative}/`, size: 0 });
    const children = await readdir(full, { withFileTypes: true }).catch((error: unknown) => {
      listing.problems.push({ file: full, reason: `cannot be listed (${plainErrno(error)}): skipped` });
      return [];
    });
    for (const child of children) {
      if (isHidden(child.name)) continue;
      const rel = relative ? `${relative}/${child.name}` : child.name;
      const childFull = path.join(dir, rel);
      const extension = path.extname(child.name).toLowerCase();
      let info: Stats;
      try {
        info = await stat(childFull);
      } catch (error) {
        if (IMAGE_EXTENSIONS.has(extension) || child.isDirectory()) {
          listing.problems.push({ file: childFull, reason: `cannot be read (${plainErrno(error, child.name)})` });
        }
        continue;
      }
      if (info.isDirectory()) {
        if (listing.entries.length <= limits.maxZipEntries) await walk(rel, depth + 1);
        continue;
      }
      if (UNSUPPORTED_IMAGE_EXTENSIONS.has(extension)) {
        listing.problems.push({
          file: childFull,
          reason: `${extension} images are not supported here: convert to JPEG or PNG`,
        });
      } else if (extension === '.zip') {
        listing.problems.push({ file: childFull, reason: 'is a zip archive inside a class folder: unzip it first' });
      } else if (!IMAGE_EXTENSIONS.has(extension)) {
        continue; // README, Thumbs.db, …: not images, not the user's mistake
      } else if (!info.isFile()) {
        listing.problems.push({ file: childFull, reason: `is not a regular file (${kindOf(info)}): skipped` });
      } else {
        if (depth === 0) listing.looseImages++;
        listing.entries.push({ path: rel, size: info.size });
      }
    }
  };
  await walk('', 0);
  return listing;
}

function kindOf(info: Stats): string {
  if (info.isFIFO()) return 'a named pipe';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  return 'not a file';
}

/** errno codes in words; a name Node could not decode (not UTF-8) gets the advice to rename it. */
function plainErrno(error: unknown, name = ''): string {
  const code = (error as { code?: string } | null)?.code;
  if (code === 'ENOENT' && name.includes('\uFFFD')) return 'its name is not valid UTF-8: rename it';
  if (code === 'ENOENT') return 'a link to a file that does not exist';
  if (code === 'ELOOP') return 'a link that points back to itself';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return code ?? (error instanceof Error ? error.message : String(error));
}

/** The reason without the file name DatasetError prefixes, since problems carry the file separately. */
function reasonFor(error: unknown, file: string): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message;
}
