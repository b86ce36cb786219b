/**
 * From a list of dropped paths (folders, a zip's entries, loose files) to classes, before any byte is read:
 * which file goes to which class, which files are left out and why, and whether the import may go ahead.
 *
 * Folder conventions (Keras' image_dataset_from_directory, Teachable Machine's wish list #191):
 * - `class/img.jpg` → class "class"; deeper files (`class/sub/img.jpg`) belong to their top folder, with a
 *   warning that subfolders were flattened.
 * - A single root folder holding the class folders (`root/class/img.jpg`) is stripped, repeatedly
 *   (`Downloads/data/cats/…` → "cats"), but only when EVERY image sits at least two folders deep under it, so
 *   `cats/a.jpg` + `cats/b.jpg` stays the one class "cats".
 * - Loose images (no folder) go to `options.targetClass` — the class they were dropped onto — or are reported.
 *
 * Class names: trimmed and normalised to Unicode NFC. Names equal ignoring case and Unicode form ("Cats",
 * "cats", NFD "Café" vs NFC "Café") are MERGED into one class, with a warning: a folder name is a label, and
 * on macOS/Windows such folders could not even coexist. A name matching an existing class merges into it
 * (`existingIndex`). Classes are sorted naturally ("class2" before "class10"), files by path.
 *
 * Every non-folder entry ends up in exactly one place: one class's `files`, `problems`, or `ignored`.
 */
import { formatImportNotice, type ImportNotice } from './importNotices';
import type { ImportReason } from './importReasons';
import { DEFAULT_LIMITS, type ImportLimits } from './limits';

export interface ImportEntry {
  /** Relative path with '/' (or '\') separators; a path ending in '/' is a folder (possibly empty). */
  path: string;
  /** Bytes. */
  size: number;
}

export interface ImportProblem {
  /** The offending file as given (for a zip entry: "archive.zip › path"). */
  file: string;
  /** Why, as a code with parameters (importReasons.ts); never holds the file name. */
  reason: ImportReason;
}

export interface PlannedClass {
  /** NFC, trimmed; an existing class's spelling when merged into it, else the first spelling in path order. */
  name: string;
  /** Index into `options.existingClassNames` when these images are added to an existing class. */
  existingIndex: number | null;
  /** Files as given in `entries` (path unchanged, so the caller can find their bytes). */
  files: ImportEntry[];
}

export interface ImportPlan {
  classes: PlannedClass[];
  /** Files left out, each with its reason; the rest can still be imported. */
  problems: ImportProblem[];
  /** What to tell the user; the import may go ahead (e.g. fewer than 2 classes, an empty class). */
  notices: ImportNotice[];
  /** `notices` in English (the command line prints them). */
  warnings: string[];
  /** When set, import NOTHING: the whole drop is over a limit; it says which and what to do. */
  blockedBy: ImportNotice | null;
  /** `blockedBy` in English. */
  blocked: string | null;
  /** System files skipped silently: dotfiles, __MACOSX/, Thumbs.db, desktop.ini. */
  ignored: string[];
  imageCount: number;
  totalBytes: number;
}

export interface PlanOptions {
  /** Classes already in the dataset: same-named folders merge into them. */
  existingClassNames?: string[];
  /** The class loose images were dropped onto (an existing or a new name). */
  targetClass?: string;
  /** Images and bytes already in the dataset, counted against the limits. */
  existingImageCount?: number;
  existingBytes?: number;
}

/** Extensions imported as images (content is checked again by checkImageBytes before decoding). */
export const IMAGE_EXTENSIONS: ReadonlySet<string> = new Set([
  'jpg',
  'jpeg',
  'jpe',
  'jfif',
  'png',
  'apng',
  'gif',
  'webp',
  'bmp',
  'dib',
  'avif',
]);

const KNOWN_NON_IMAGES: Readonly<Record<string, ImportReason>> = {
  heic: { code: 'heic' },
  heif: { code: 'heic' },
  svg: { code: 'svg' },
  tif: { code: 'tiff' },
  tiff: { code: 'tiff' },
  zip: { code: 'zipArchive' },
};

const JUNK_NAMES = new Set(['thumbs.db', 'ehthumbs.db', 'desktop.ini', '__macosx']);

/** Splits a path into clean segments: '\' → '/', NFC, no empty or '.' segments. Keeps '..' (see isUnsafePath). */
export function pathSegments(path: string): string[] {
  return path
    .replace(/\\/g, '/')
    .normalize('NFC')
    .split('/')
    .filter((s) => s !== '' && s !== '.');
}

/** Absolute paths, drive letters and '..' segments: a zip-slip attempt, never imported. */
export function isUnsafePath(path: string): boolean {
  const p = path.replace(/\\/g, '/');
  return p.startsWith('/') || /^[a-zA-Z]:/.test(p) || p.split('/').includes('..');
}

/** System clutter skipped without a message: dotfiles/dot-folders, __MACOSX/, Thumbs.db, desktop.ini. */
export function isJunkPath(path: string): boolean {
  return pathSegments(path).some((s) => s.startsWith('.') || JUNK_NAMES.has(s.toLowerCase()));
}

/** Lower-case extension without the dot ('' when none). */
export function extensionOf(path: string): string {
  const name = pathSegments(path).pop() ?? '';
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** Why a path is not imported as an image by its extension, or null when it is an image extension. */
export function nonImageReason(path: string): ImportReason | null {
  const ext = extensionOf(path);
  if (IMAGE_EXTENSIONS.has(ext)) return null;
  if (Object.hasOwn(KNOWN_NON_IMAGES, ext)) return KNOWN_NON_IMAGES[ext];
  return ext ? { code: 'notImage', ext } : { code: 'noExtension' };
}

/** The key two class names are merged on: NFC, trimmed, case-folded. */
export function classKey(name: string): string {
  return name.normalize('NFC').trim().toLowerCase();
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const byName = (a: string, b: string): number => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);

interface Candidate {
  entry: ImportEntry;
  segments: string[];
  folder: boolean;
}

/** The path's segments as written (not normalised), aligned with pathSegments: NFC and NFD names stay apart. */
const rawSegments = (path: string): string[] =>
  path
    .replace(/\\/g, '/')
    .split('/')
    .filter((s) => s !== '' && s !== '.');

export function planImport(
  entries: readonly ImportEntry[],
  limits: ImportLimits = DEFAULT_LIMITS,
  options: PlanOptions = {},
): ImportPlan {
  const problems: ImportProblem[] = [];
  const ignored: string[] = [];
  const notices: ImportNotice[] = [];
  const images: Candidate[] = [];
  const folders: Candidate[] = [];
  const others: Candidate[] = [];
  const seen = new Set<string>();

  for (const entry of entries) {
    const path = String(entry.path);
    const folder = /[\\/]$/.test(path);
    const segments = pathSegments(path);
    if (isUnsafePath(path)) {
      if (!folder) problems.push({ file: path, reason: { code: 'unsafePath' } });
      continue;
    }
    if (isJunkPath(path) || segments.length === 0) {
      if (!folder) ignored.push(path);
      continue;
    }
    if (folder) {
      folders.push({ entry, segments, folder });
      continue;
    }
    // As written: "Café/1.jpg" composed and decomposed are two files (two folders merged into one class), not one.
    const key = rawSegments(path).join('/');
    if (seen.has(key)) {
      problems.push({ file: path, reason: { code: 'listedTwice' } });
      continue;
    }
    seen.add(key);
    const reason = nonImageReason(path);
    const size = Number(entry.size);
    if (reason) problems.push({ file: path, reason });
    else if (!(size > 0)) problems.push({ file: path, reason: { code: 'emptyFile' } });
    else if (size > limits.maxBytesPerImage) {
      problems.push({ file: path, reason: { code: 'tooLarge', bytes: size, limitBytes: limits.maxBytesPerImage } });
    } else {
      images.push({ entry, segments, folder });
      continue;
    }
    others.push({ entry, segments, folder });
  }

  // Strip single root folders while every image is at least two folders below them (and no folder entry
  // sits beside them: an empty `other/` next to `root/` makes `root` a class).
  let depth = 0;
  while (images.length > 0 && images.every((c) => c.segments.length - depth >= 3)) {
    const root = images[0].segments[depth];
    const shared = (c: Candidate) => c.segments.length <= depth || c.segments[depth] === root;
    if (!images.every(shared) || !folders.every(shared)) break;
    depth += 1;
  }

  const existing = options.existingClassNames ?? [];
  const classes = new Map<
    string,
    PlannedClass & { spellings: Set<string>; unicodeForms: Set<string>; flattened: boolean }
  >();
  const classFor = (rawName: string, written = rawName) => {
    const clean = rawName.normalize('NFC').trim() || 'unnamed class';
    const key = classKey(clean);
    let planned = classes.get(key);
    if (!planned) {
      const existingIndex = existing.findIndex((n) => classKey(n) === key);
      const name = existingIndex >= 0 ? existing[existingIndex] : clean;
      planned = {
        name,
        existingIndex: existingIndex >= 0 ? existingIndex : null,
        files: [],
        spellings: new Set(),
        unicodeForms: new Set(),
        flattened: false,
      };
      classes.set(key, planned);
    }
    planned.spellings.add(clean);
    planned.unicodeForms.add(written.trim());
    return planned;
  };

  const writtenName = (c: Candidate) => rawSegments(c.entry.path)[depth] ?? c.segments[depth];
  for (const f of folders) {
    const rest = f.segments.slice(depth);
    if (rest.length >= 1) classFor(rest[0], writtenName(f));
  }
  let totalBytes = 0;
  images.sort((a, b) => byName(a.segments.join('/'), b.segments.join('/')));
  for (const image of images) {
    const rest = image.segments.slice(depth);
    if (rest.length === 1 && options.targetClass === undefined) {
      problems.push({ file: image.entry.path, reason: { code: 'notInClassFolder' } });
      continue;
    }
    const planned = rest.length === 1 ? classFor(options.targetClass!) : classFor(rest[0], writtenName(image));
    if (rest.length > 2) planned.flattened = true;
    planned.files.push(image.entry);
    totalBytes += Number(image.entry.size);
  }
  for (const other of others) {
    // Non-images were reported above; nothing more to do, but their folder still names a (maybe empty) class.
    const rest = other.segments.slice(depth);
    if (rest.length >= 2) classFor(rest[0], writtenName(other));
  }

  const sorted = [...classes.values()].sort((a, b) => byName(a.name, b.name));
  for (const c of sorted) {
    if (c.spellings.size > 1) {
      const names = [...c.spellings]
        .sort(byName)
        .map((s) => `"${s}"`)
        .join(', ');
      notices.push({ code: 'merged', names, name: c.name });
    } else if (c.unicodeForms.size > 1) {
      notices.push({ code: 'unicodeForms', name: c.name, count: c.unicodeForms.size });
    }
    if (c.flattened) notices.push({ code: 'flattened', name: c.name });
    const advised = limits.minImagesPerClassAdvised;
    if (c.files.length === 0 && c.existingIndex === null) {
      notices.push({ code: 'emptyClass', name: c.name });
    } else if (c.files.length > 0 && c.existingIndex === null && c.files.length < advised) {
      notices.push(
        c.files.length === 1
          ? { code: 'fewImagesOne', name: c.name, advised }
          : { code: 'fewImages', name: c.name, count: c.files.length, advised },
      );
    }
  }
  const classCount = existing.length + sorted.filter((c) => c.existingIndex === null).length;
  if (classCount < limits.minClassesToTrain) {
    const names = sorted.map((c) => `"${c.name}"`).join(', ');
    const min = limits.minClassesToTrain;
    notices.push(
      classCount === 0
        ? { code: 'noClass', min }
        : names
          ? { code: 'fewClasses', count: classCount, names, min }
          : { code: 'fewClassesUnnamed', count: classCount, min },
    );
  }

  const imageCount = sorted.reduce((n, c) => n + c.files.length, 0);
  const allImages = imageCount + (options.existingImageCount ?? 0);
  const allBytes = totalBytes + (options.existingBytes ?? 0);
  const existingImages = options.existingImageCount ?? 0;
  const existingBytes = options.existingBytes ?? 0;
  let blockedBy: ImportNotice | null = null;
  if (allImages > limits.maxImages) {
    const limit = limits.maxImages;
    blockedBy =
      existingImages > 0
        ? { code: 'tooManyImagesWith', count: allImages, existing: existingImages, limit }
        : { code: 'tooManyImages', count: allImages, limit };
  } else if (allBytes > limits.maxTotalBytes) {
    const limitBytes = limits.maxTotalBytes;
    blockedBy =
      existingBytes > 0
        ? { code: 'tooManyBytesWith', bytes: allBytes, existingBytes, limitBytes }
        : { code: 'tooManyBytes', bytes: allBytes, limitBytes };
  } else if (classCount > limits.maxClasses) {
    blockedBy = { code: 'tooManyClasses', count: classCount, limit: limits.maxClasses };
  }

  return {
    classes: sorted.map(({ name, existingIndex, files }) => ({ name, existingIndex, files })),
    problems,
    notices,
    warnings: notices.map(formatImportNotice),
    blockedBy,
    blocked: blockedBy && formatImportNotice(blockedBy),
    ignored,
    imageCount,
    totalBytes,
  };
}
