/**
 * A dataset from a .zip of class folders (`--dataset photos.zip`), read by the same rules as a zip dropped on the
 * studio: core's listZip (central directory first; zip bombs, zip-slip paths, zips inside the zip and non-images
 * refused by name) and planImport (a single root folder stripped, classes named by folder, names merged ignoring
 * case and Unicode form, the image-count and size limits), then each image decoded by the Node decoder.
 *
 * Problems name the entry as "photos.zip › cats/001.jpg" (with the zip's path as given); whole-zip refusals (not
 * a zip, a bomb, over a limit) and structural mistakes (fewer than two classes, an empty class) throw a
 * DatasetError naming the zip, like readFolderDataset does for folders.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { planImport, type ImportEntry } from '../core/data/importPlan';
import { formatImportReason } from '../core/data/importReasons';
import { DEFAULT_LIMITS, formatBytes, type ImportLimits } from '../core/data/limits';
import { DatasetError, type ImageDecoder, type LabeledImage } from '../core/data/types';
import { listZip, zipEntryLabel } from '../core/data/zipImport';
import type { FolderImport } from './folderDataset';

/** True when `file` names a zip archive (by extension; the content is checked when it is read). */
export const isZipPath = (file: string): boolean => /\.zip$/i.test(file);

export async function readZipDataset(
  file: string,
  decoder: ImageDecoder,
  limits: ImportLimits = DEFAULT_LIMITS,
): Promise<FolderImport> {
  const info = await stat(file).catch(() => null);
  if (!info) throw new DatasetError('file not found', file);
  if (!info.isFile()) throw new DatasetError('is not a file (expected a .zip of class folders)', file);
  if (info.size > limits.maxTotalBytes) {
    throw new DatasetError(
      `is ${formatBytes(info.size)}, over the limit of ${formatBytes(limits.maxTotalBytes)}: split it into smaller zips`,
      file,
    );
  }
  const listing = listZip(new Uint8Array(await readFile(file)), file, limits);
  const refusal = listing.problems.find((p) => p.file === file);
  if (refusal) throw DatasetError.because(refusal.reason, file);

  const bytesOf = new Map(listing.files.map((f) => [f.path, f.bytes]));
  const entries: ImportEntry[] = [
    ...listing.folders.map((folder) => ({ path: folder, size: 0 })),
    ...listing.files.map((f) => ({ path: f.path, size: f.bytes.byteLength })),
  ];
  const plan = planImport(entries, limits);
  if (plan.blocked) throw new DatasetError(plan.blocked, file);
  const empty = plan.classes.find((c) => c.files.length === 0);
  // Entries the zip cannot give up (bzip2, LZMA, a password): say so rather than "found 0 class folders".
  const locked = listing.problems.filter((p) => p.reason.code === 'compression' || p.reason.code === 'encrypted');
  if (locked.length > 0 && (empty || plan.classes.length < 2)) {
    const [first] = locked;
    throw new DatasetError(
      `${locked.length} of its images cannot be unpacked (${first.file.slice(file.length + 3)} ` +
        `${formatImportReason(first.reason)})`,
      file,
    );
  }
  if (empty) throw new DatasetError(`class folder "${empty.name}" has no images`, file);
  if (plan.classes.length < 2) {
    throw new DatasetError(
      `needs at least 2 class folders (one folder of images per class), found ${plan.classes.length}` +
        (plan.classes.length === 1 ? ` ("${plan.classes[0].name}")` : ''),
      file,
    );
  }

  const problems = [
    ...listing.problems.map((p) => ({ file: p.file, reason: formatImportReason(p.reason) })),
    ...plan.problems.map((p) => ({ file: zipEntryLabel(file, p.file), reason: formatImportReason(p.reason) })),
  ];
  const examples: LabeledImage[] = [];
  for (const [label, planned] of plan.classes.entries()) {
    for (const entry of planned.files) {
      const source = zipEntryLabel(file, entry.path);
      try {
        const image = await decoder.decode(bytesOf.get(entry.path)!, source);
        examples.push({ id: `${planned.name}/${entry.path}`, label, source, image });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        problems.push({
          file: source,
          reason: message.startsWith(`${source}: `) ? message.slice(source.length + 2) : message,
        });
      }
    }
  }
  const name = path.basename(file).replace(/\.zip$/i, '');
  return {
    dataset: { name, classNames: plan.classes.map((c) => c.name), examples },
    problems,
    warnings: [...listing.warnings, ...plan.warnings],
  };
}
