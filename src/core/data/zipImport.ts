/**
 * A dropped zip → its image files, safely. The central directory is read FIRST (fflate `unzipSync` with a
 * `filter` that inflates nothing), every entry is judged on its declared sizes and name, and only the
 * accepted entries are then inflated. fflate inflates into a buffer of the declared size, so an entry that
 * lies about its size cannot grow past it: memory is bounded by what was checked.
 *
 * Whole zip rejected (files = [], one problem naming the zip):
 * - not a zip / truncated; more than `limits.maxZipEntries` entries;
 * - a zip bomb: any entry expanding more than `limits.maxZipRatio`× (when above `limits.zipRatioFloorBytes`),
 *   or accepted entries unpacking to more than `limits.maxTotalBytes` in total.
 * Entry skipped (one problem naming "zip › entry"; the rest is imported):
 * - '..' segments or absolute paths (zip-slip; we never write files, but such a zip is not honest);
 * - a zip (or other archive) inside the zip: "unzip it first"; non-image extensions; unsupported compression;
 *   over `limits.maxBytesPerImage`; duplicate names; an entry that fails to inflate.
 * Skipped silently: folders (returned in `folders`, so empty class folders can be reported), __MACOSX/,
 * dotfiles, Thumbs.db, desktop.ini.
 *
 * Synchronous: call it in the worker. Image content is NOT checked here; checkImageBytes does that per file.
 */
import { unzipSync, type UnzipFileInfo } from 'fflate';
import { formatImportNotice, type ImportNotice } from './importNotices';
import type { ImportReason } from './importReasons';
import { DEFAULT_LIMITS, type ImportLimits } from './limits';
import { extensionOf, isJunkPath, isUnsafePath, nonImageReason, type ImportProblem } from './importPlan';
import { decodeZipNames, readRawZipNames } from './zipNames';

export interface ZipFile {
  /** The entry's name inside the zip, as stored (e.g. "cats/001.jpg"). */
  path: string;
  bytes: Uint8Array;
}

export interface ZipListing {
  /** Accepted image entries, inflated, in central-directory order. */
  files: ZipFile[];
  /** Folder entries ("cats/"), for planImport to see empty class folders. */
  folders: string[];
  problems: ImportProblem[];
  /** What to tell the user; the import goes ahead (e.g. entry names whose encoding was guessed). */
  notices: ImportNotice[];
  /** `notices` in English. */
  warnings: string[];
}

/** Names of zip compression methods users meet (APPNOTE 4.4.5), for messages. */
const COMPRESSION_NAMES: Readonly<Record<number, string>> = {
  9: 'Deflate64',
  12: 'bzip2',
  14: 'LZMA',
  93: 'Zstandard',
  95: 'XZ',
  98: 'PPMd',
};

/** A compression method's name for messages: "bzip2", or its number in the zip standard. */
export function compressionName(method: number): string {
  return COMPRESSION_NAMES[method] ?? `#${method}`;
}

const ARCHIVE_EXTENSIONS = new Set(['7z', 'rar', 'tar', 'gz', 'tgz', 'bz2', 'xz']);

/** How problems name an entry: "photos.zip › cats/001.jpg". */
export function zipEntryLabel(zipName: string, entry: string): string {
  return `${zipName} › ${entry}`;
}

class TooManyEntries extends Error {}

/** Reads `bytes` (a .zip named `zipName`) into image files; never throws. See the module comment. */
export function listZip(bytes: Uint8Array, zipName: string, limits: ImportLimits = DEFAULT_LIMITS): ZipListing {
  const rejectAll = (reason: ImportReason): ZipListing => ({
    files: [],
    folders: [],
    problems: [{ file: zipName, reason }],
    notices: [],
    warnings: [],
  });
  const problems: ImportProblem[] = [];
  const folders: string[] = [];
  const skip = (entry: string, reason: ImportReason) => problems.push({ file: zipEntryLabel(zipName, entry), reason });

  // Pass 1: the central directory only.
  const infos: UnzipFileInfo[] = [];
  try {
    unzipSync(bytes, {
      filter: (info) => {
        infos.push(info);
        if (infos.length > limits.maxZipEntries) throw new TooManyEntries();
        return false;
      },
    });
  } catch (error) {
    if (error instanceof TooManyEntries) {
      return rejectAll({ code: 'zipTooManyEntries', limit: limits.maxZipEntries });
    }
    return rejectAll({ code: 'zipInvalid' });
  }

  // Names as their tool meant them (UTF-8 without the flag, CP437, GBK: zipNames.ts), not as Latin-1.
  const raw = readRawZipNames(bytes);
  const decoded = raw && raw.length === infos.length ? decodeZipNames(raw) : null;
  const nameOf = (index: number) => decoded?.names[index] ?? infos[index].name;
  const notices: ImportNotice[] = [];
  if (decoded?.guessed)
    notices.push({ code: decoded.guessed === 'gbk' ? 'zipNamesGbk' : 'zipNamesCp437', zip: zipName });
  const warnings = notices.map(formatImportNotice);

  const accepted = new Set<number>();
  const names = new Set<string>();
  let totalBytes = 0;
  for (let index = 0; index < infos.length; index += 1) {
    const { size, originalSize, compression } = infos[index];
    const name = nameOf(index);
    if (isUnsafePath(name)) {
      skip(name, { code: 'zipSlip' });
      continue;
    }
    if (isJunkPath(name)) continue;
    if (/[\\/]$/.test(name)) {
      folders.push(name);
      continue;
    }
    const ratio = originalSize / Math.max(size, 1);
    if (originalSize > limits.zipRatioFloorBytes && ratio > limits.maxZipRatio) {
      return rejectAll({
        code: 'zipBomb',
        entry: name,
        ratio: Math.round(ratio),
        compressedBytes: size,
        bytes: originalSize,
      });
    }
    const ext = extensionOf(name);
    const notImage = nonImageReason(name);
    if (ext === 'zip') skip(name, { code: 'zipInZip' });
    else if (ARCHIVE_EXTENSIONS.has(ext)) skip(name, { code: 'archiveInZip' });
    else if (notImage) skip(name, notImage);
    else if (raw?.[index]?.encrypted) skip(name, { code: 'encrypted' });
    else if (compression !== 0 && compression !== 8) {
      skip(name, { code: 'compression', method: compressionName(compression) });
    } else if (originalSize > limits.maxBytesPerImage) {
      skip(name, { code: 'tooLarge', bytes: originalSize, limitBytes: limits.maxBytesPerImage });
    } else if (names.has(name)) skip(name, { code: 'listedTwiceInZip' });
    else {
      names.add(name);
      accepted.add(index);
      totalBytes += originalSize;
    }
  }
  if (totalBytes > limits.maxTotalBytes) {
    return rejectAll({ code: 'zipTooBig', bytes: totalBytes, limitBytes: limits.maxTotalBytes });
  }

  // Pass 2: inflate the accepted entries. An entry that fails names itself (it was the last one let through) and
  // is dropped; the entries before it are inflated again (they were fine) and the next pass starts after it. So
  // every bad entry is skipped and the good ones kept, however many are bad (issue 13, item 7).
  const out: Record<string, Uint8Array> = {};
  const inflate = (keep: (index: number) => boolean, onEntry: (index: number) => void = () => {}) => {
    let index = -1;
    Object.assign(
      out,
      unzipSync(bytes, {
        filter: () => {
          index += 1;
          if (!accepted.has(index) || !keep(index)) return false;
          onEntry(index);
          return true;
        },
      }),
    );
  };
  let after = -1;
  for (let attempt = 0; attempt <= infos.length; attempt += 1) {
    let current = -1;
    try {
      inflate(
        (i) => i > after,
        (i) => (current = i),
      );
      const files = [...accepted].sort((a, b) => a - b).map((i) => ({ path: nameOf(i), bytes: out[infos[i].name] }));
      return { files, folders, problems, notices, warnings };
    } catch {
      if (current < 0) break;
      accepted.delete(current);
      skip(nameOf(current), { code: 'corruptEntry' });
      const from = after;
      try {
        inflate((i) => i > from && i < current);
      } catch {
        break;
      }
      after = current;
    }
  }
  return rejectAll({ code: 'zipCorrupt' });
}
