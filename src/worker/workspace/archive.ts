/**
 * The whole workspace as one file, and back: `exportWorkspace(ws)` → a zip Blob; `importWorkspace(ws, blob)`
 * validates it fully (zod + cross-references) BEFORE touching the database, then writes it in one
 * transaction, so a bad file changes nothing. Export → import reproduces every record exactly.
 *
 * Zip layout:
 *   manifest.json          { format, schemaVersion, exportedAt, datasets, images, runs, models, settings }
 *                          (the records, binary fields replaced by the names of the files below)
 *   images/N.bin           pixel payload of images[N] (deflated when raw RGB, stored when already encoded)
 *   thumbnails/N.bin       thumbnail of images[N] (its MIME type is in the manifest)
 *   models/N.bin           weightData of models[N]
 * Built with fflate's streaming Zip into a list of chunks, so no single buffer of the whole size is made.
 */
import { Zip, ZipDeflate, ZipPassThrough, strFromU8, strToU8, unzipSync } from 'fflate';
import { formatBytes } from '../../core/data/limits';
import { type WorkspaceDb, WorkspaceError } from './db';
import {
  manifestSchema,
  WORKSPACE_SCHEMA_VERSION,
  type ImageRecord,
  type ModelRecord,
  type WorkspaceManifest,
  type WorkspaceSnapshot,
} from './schema';

export const WORKSPACE_FORMAT = 'transfer-studio-workspace';
/** Largest total (uncompressed) size of a workspace file accepted by importWorkspace, bytes. */
export const MAX_WORKSPACE_BYTES = 4 * 1024 ** 3;

const toBuffer = (bytes: Uint8Array): ArrayBuffer => bytes.slice().buffer as ArrayBuffer;

/** Writes the workspace to a zip Blob (application/zip). Reads one consistent snapshot first. */
export async function exportWorkspace(ws: WorkspaceDb, now = new Date()): Promise<Blob> {
  const snapshot = await ws.readAll();
  const thumbnails = await Promise.all(
    snapshot.images.map(async (img) => (img.thumbnail ? new Uint8Array(await img.thumbnail.arrayBuffer()) : null)),
  );

  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else chunks.push(chunk);
  });
  const add = (name: string, data: Uint8Array, level: 0 | 1 | 6) => {
    const file = level === 0 ? new ZipPassThrough(name) : new ZipDeflate(name, { level });
    zip.add(file);
    file.push(data, true);
  };

  const manifest: WorkspaceManifest = {
    format: WORKSPACE_FORMAT,
    schemaVersion: WORKSPACE_SCHEMA_VERSION,
    exportedAt: now.toISOString(),
    datasets: snapshot.datasets,
    images: snapshot.images.map((img, i) => {
      const file = `images/${i}.bin`;
      add(file, new Uint8Array(img.pixels.data), img.pixels.kind === 'rgb' ? 1 : 0);
      const thumb = thumbnails[i];
      if (thumb) add(`thumbnails/${i}.bin`, thumb, 0);
      const pixels =
        img.pixels.kind === 'rgb'
          ? { kind: 'rgb' as const, width: img.pixels.width, height: img.pixels.height, file }
          : { kind: 'encoded' as const, mime: img.pixels.mime, file };
      return { ...img, pixels, thumbnail: thumb ? { type: img.thumbnail!.type, file: `thumbnails/${i}.bin` } : null };
    }),
    runs: snapshot.runs,
    models: snapshot.models.map((model, i) => {
      add(`models/${i}.bin`, new Uint8Array(model.artifacts.weightData), 0);
      return { ...model, artifacts: { ...model.artifacts, weightData: `models/${i}.bin` } };
    }),
    settings: snapshot.settings,
  };
  add('manifest.json', strToU8(JSON.stringify(manifest)), 6);
  zip.end();
  if (failure) throw new WorkspaceError(`The workspace could not be exported (${String(failure)})`);
  return new Blob(chunks as Uint8Array<ArrayBuffer>[], { type: 'application/zip' });
}

export interface ImportSummary {
  datasets: number;
  images: number;
  runs: number;
  models: number;
  settings: number;
}

/**
 * Reads a file made by exportWorkspace and writes it to `ws` in one transaction. 'replace' (default) makes
 * the workspace exactly the file's; 'merge' adds the file's records, overwriting those with the same ids.
 * Throws WorkspaceError (file named, reason in plain words) or StorageFullError; on any error nothing changes.
 */
export async function importWorkspace(
  ws: WorkspaceDb,
  file: Blob,
  options: { mode?: 'replace' | 'merge'; fileName?: string; maxBytes?: number } = {},
): Promise<ImportSummary> {
  const name = options.fileName ?? 'The workspace file';
  const fail = (reason: string, cause?: unknown): never => {
    throw new WorkspaceError(`${name} ${reason}; nothing was changed`, { cause });
  };
  const maxBytes = options.maxBytes ?? MAX_WORKSPACE_BYTES;

  let entries: Record<string, Uint8Array> = {};
  try {
    let total = 0;
    entries = unzipSync(new Uint8Array(await file.arrayBuffer()), {
      filter: (info) => {
        if (!/^(manifest\.json|(images|thumbnails|models)\/\d+\.bin)$/.test(info.name)) return false;
        total += info.originalSize;
        if (total > maxBytes) throw new RangeError(`unpacks to more than ${formatBytes(maxBytes)}`);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof RangeError) fail(`is too large: it ${error.message}`, error);
    fail('is not a workspace file (not a readable zip)', error);
  }
  if (!entries['manifest.json']) fail('is not a workspace file (no manifest.json inside)');

  let raw: unknown;
  try {
    raw = JSON.parse(strFromU8(entries['manifest.json']));
  } catch (error) {
    fail('has a damaged manifest.json (not valid JSON)', error);
  }
  const header = raw as { format?: unknown; schemaVersion?: unknown };
  if (header?.format !== WORKSPACE_FORMAT) fail('is not a Transfer Studio workspace');
  if (typeof header.schemaVersion === 'number' && header.schemaVersion > WORKSPACE_SCHEMA_VERSION) {
    fail(
      `was made by a newer version of Transfer Studio (schema ${header.schemaVersion}; this one reads ${WORKSPACE_SCHEMA_VERSION}): reload the page to update`,
    );
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(`has an invalid manifest (${issue.path.join('.')}: ${issue.message})`);
  }
  const snapshot = toSnapshot(parsed.data!, entries, fail);
  await ws.writeAll(snapshot, options.mode ?? 'replace', name);
  return {
    datasets: snapshot.datasets.length,
    images: snapshot.images.length,
    runs: snapshot.runs.length,
    models: snapshot.models.length,
    settings: snapshot.settings.length,
  };
}

/** Manifest + files → records, checking every cross-reference. */
function toSnapshot(
  manifest: WorkspaceManifest,
  entries: Record<string, Uint8Array>,
  fail: (reason: string) => never,
): WorkspaceSnapshot {
  const fileOf = (path: string) => entries[path] ?? fail(`is missing ${path}`);
  const unique = (ids: string[], what: string) => {
    if (new Set(ids).size !== ids.length) fail(`lists the same ${what} id twice`);
  };
  unique(
    manifest.datasets.map((d) => d.id),
    'dataset',
  );
  unique(
    manifest.images.map((i) => i.id),
    'image',
  );
  unique(
    manifest.runs.map((r) => r.id),
    'run',
  );
  unique(
    manifest.models.map((m) => m.id),
    'model',
  );
  unique(
    manifest.settings.map((s) => s.key),
    'setting',
  );
  const classCounts = new Map(manifest.datasets.map((d) => [d.id, d.classNames.length]));

  const images: ImageRecord[] = manifest.images.map((img) => {
    const classes = classCounts.get(img.datasetId);
    if (classes === undefined) fail(`has image ${img.id} of a dataset that is not in it (${img.datasetId})`);
    if (img.classIndex >= classes!)
      fail(`has image ${img.id} in class ${img.classIndex}, but its dataset has ${classes} classes`);
    const data = toBuffer(fileOf(img.pixels.file));
    const { file: _file, ...rest } = img.pixels;
    if (rest.kind === 'rgb' && data.byteLength !== rest.width * rest.height * 3) {
      fail(`has image ${img.id} whose pixel data does not match its size (${rest.width}×${rest.height})`);
    }
    const thumbnail = img.thumbnail
      ? new Blob([toBuffer(fileOf(img.thumbnail.file))], { type: img.thumbnail.type })
      : null;
    return { ...img, pixels: { ...rest, data }, thumbnail };
  });
  const models: ModelRecord[] = manifest.models.map((model) => ({
    ...model,
    artifacts: { ...model.artifacts, weightData: toBuffer(fileOf(model.artifacts.weightData)) },
  }));
  return { datasets: manifest.datasets, images, runs: manifest.runs, models, settings: manifest.settings };
}
