/**
 * What the user dropped, as relative paths and File objects, read on the MAIN thread (DataTransfer items and
 * their FileSystemEntry handles cannot be sent to a worker; the Files can, and are).
 *
 * Call `readDataTransfer(event.dataTransfer)` directly inside the `drop` handler: the items are only readable
 * during the event, and this function takes every entry synchronously before its first `await`.
 *
 * - Folders are walked recursively; `readEntries` returns at most ~100 entries per call, so it is called until
 *   it returns an empty batch (a common bug drops everything past the first 100 files).
 * - Paths are relative to the drop, with '/' separators: dropping folder `pets` gives `pets/cats/1.jpg`;
 *   planImport then strips the single root.
 * - Without entry support (or for non-file items) the plain `dataTransfer.files` are used, with their names.
 * - A file or folder that cannot be read is reported through `onProblem` and skipped; the rest is returned.
 */
import type { ImportProblem } from '../../core/data/importPlan';
import { truncateEcho } from '../../core/data/importReasons';

export interface DroppedFile {
  /** Relative path with '/' separators, e.g. "pets/cats/001.jpg". */
  path: string;
  file: File;
}

export interface ReadDropOptions {
  /** A file or folder that could not be read (the others are still returned). */
  onProblem?: (problem: ImportProblem) => void;
  /** Every folder met, as "pets/cats/" (trailing '/'), so planImport can report empty class folders. */
  onFolder?: (path: string) => void;
}

const relative = (fullPath: string) => fullPath.replace(/^\/+/, '');
const describe = (error: unknown) =>
  truncateEcho(error instanceof Error && error.message ? error.message : String(error));

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function readAllEntries(directory: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = directory.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

async function walk(entry: FileSystemEntry, out: DroppedFile[], options: ReadDropOptions): Promise<void> {
  const path = relative(entry.fullPath || entry.name);
  if (entry.isFile) {
    try {
      out.push({ path, file: await fileOf(entry as FileSystemFileEntry) });
    } catch (error) {
      options.onProblem?.({ file: path, reason: { code: 'readFailed', detail: describe(error) } });
    }
    return;
  }
  if (!entry.isDirectory) return;
  options.onFolder?.(`${path}/`);
  let children: FileSystemEntry[];
  try {
    children = await readAllEntries(entry as FileSystemDirectoryEntry);
  } catch (error) {
    options.onProblem?.({ file: `${path}/`, reason: { code: 'folderReadFailed', detail: describe(error) } });
    return;
  }
  for (const child of children) await walk(child, out, options);
}

/** Files of a drop, folders walked recursively. See the module comment for when to call it. */
export async function readDataTransfer(
  dataTransfer: DataTransfer,
  options: ReadDropOptions = {},
): Promise<DroppedFile[]> {
  // Synchronous part: DataTransfer items are emptied once the drop event returns.
  const entries: FileSystemEntry[] = [];
  const loose: File[] = [];
  for (const item of Array.from(dataTransfer.items ?? [])) {
    if (item.kind !== 'file') continue;
    const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
    if (entry) {
      entries.push(entry);
    } else {
      const file = item.getAsFile();
      if (file) loose.push(file);
    }
  }
  if (entries.length === 0 && loose.length === 0) return readFileList(dataTransfer.files);

  const out: DroppedFile[] = loose.map((file) => ({ path: file.name, file }));
  for (const entry of entries) await walk(entry, out, options);
  return out;
}

/** Files from `<input type="file" multiple webkitdirectory>` (paths from `webkitRelativePath`) or a plain list. */
export function readFileList(files: FileList | readonly File[]): DroppedFile[] {
  return Array.from(files).map((file) => ({ path: file.webkitRelativePath || file.name, file }));
}
