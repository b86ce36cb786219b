/**
 * Models loaded from the user's files, kept in this browser (IndexedDB) so the same backbone returns after a reload:
 * the dropped files themselves (model.json and its weight files, byte for byte) under the SHA-256 of their contents,
 * with the name the user knows them by and the catalogue spec they matched. Loading one back goes through the same
 * checks as a drop (droppedModel.ts). Storage failures are reported, never fatal: the model is loaded either way.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { BackboneError } from '../../core/backbones/errors';

const DB_NAME = 'transfer-studio-dropped-models';
const STORE = 'models';

/** A stored model as the studio names it. */
export interface StoredModelRef {
  /** SHA-256 (hex) of model.json followed by the weight files in manifest order. */
  hash: string;
  /** What the user dropped (the folder or model.json), for messages. */
  name: string;
}

interface StoredModelRecord extends StoredModelRef {
  schemaVersion: 1;
  /** Catalogue spec the model matched when it was dropped. */
  specId: string;
  savedAt: number;
  files: { name: string; type: string; data: ArrayBuffer }[];
}

let db: Promise<IDBPDatabase> | null = null;
const open = () =>
  (db ??= openDB(DB_NAME, 1, {
    upgrade: (d) => {
      d.createObjectStore(STORE, { keyPath: 'hash' });
    },
  }));

/** Hex SHA-256 of the files' bytes, in order. */
export async function hashFiles(files: readonly File[]): Promise<string> {
  const parts = await Promise.all(files.map((f) => f.arrayBuffer()));
  const total = parts.reduce((n, p) => n + p.byteLength, 0);
  const all = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    all.set(new Uint8Array(part), offset);
    offset += part.byteLength;
  }
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', all));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Stores `files` (model.json first, then the weights in manifest order); returns how the studio refers to them. */
export async function storeModelFiles(files: readonly File[], name: string, specId: string): Promise<StoredModelRef> {
  const hash = await hashFiles(files);
  const record: StoredModelRecord = {
    schemaVersion: 1,
    hash,
    name,
    specId,
    savedAt: Date.now(),
    files: await Promise.all(files.map(async (f) => ({ name: f.name, type: f.type, data: await f.arrayBuffer() }))),
  };
  await (await open()).put(STORE, record);
  return { hash, name };
}

/**
 * The stored files of `ref` as File objects, ready for the drop's checks; throws a BackboneError saying the model is
 * no longer stored (cleared site data, another browser profile) when it is not there.
 */
export async function readModelFiles(ref: StoredModelRef): Promise<File[]> {
  let record: StoredModelRecord | undefined;
  try {
    record = (await (await open()).get(STORE, ref.hash)) as StoredModelRecord | undefined;
  } catch (error) {
    throw new BackboneError(`this browser’s storage could not be read (${(error as Error).message})`);
  }
  if (!record || record.schemaVersion !== 1) {
    throw new BackboneError(
      `“${ref.name}” is no longer stored in this browser (its site data was cleared, or this is another browser): drop its model folder again`,
    );
  }
  return record.files.map((f) => new File([f.data], f.name, { type: f.type }));
}
