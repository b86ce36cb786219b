/**
 * The workspace in IndexedDB (via `idb`), so datasets, models and runs survive a reload.
 *
 * Stores (schema v1): `datasets` (key id), `images` (key id, index `datasetId`), `runs` (key id, index
 * `status`), `models` (key id), `settings` (key `key`). Record shapes: schema.ts.
 *
 * Guarantees:
 * - Every multi-record write is ONE transaction: if any record fails (invalid, a duplicate id, the disk
 *   full), the transaction is aborted and nothing of it is written; what was there before is untouched.
 * - Records are validated (zod) before the transaction starts.
 * - A full disk (`QuotaExceededError`, sync or at commit) becomes a `StorageFullError` with a sentence for the
 *   user; other failures become `WorkspaceError`.
 * - `markInterruptedRuns()` at start-up turns runs left 'running' by a reload or a crash into 'interrupted'.
 *
 * Migrations: the IndexedDB version IS the schema version. `MIGRATIONS[i]` brings a database from version
 * `i` to `i + 1` inside the upgrade transaction; opening an older database runs the missing ones in order
 * (a new user runs them all from 0). A v2 that, say, moved pixels out of `images` into their own store so
 * the thumbnail grid stops loading them would append `{version: 2, migrate(db, tx) {…create 'pixels', walk
 * images with a cursor, move each payload…}}`; the test "migrates a v1 database to a v2" runs one such step.
 * If a migration throws, the upgrade is aborted and the database stays at its old version, data intact.
 */
import { openDB, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { z } from 'zod';
import {
  datasetRecordSchema,
  imageRecordSchema,
  modelRecordSchema,
  runRecordSchema,
  settingRecordSchema,
  WORKSPACE_SCHEMA_VERSION,
  type DatasetRecord,
  type ImageRecord,
  type JsonValue,
  type ModelRecord,
  type RunRecord,
  type SettingRecord,
  type WorkspaceSnapshot,
} from './schema';

/** The stores by name; `idb`'s typed schema is not used so migrations can create stores of future versions. */
export type StoreName = keyof WorkspaceSnapshot;
export const STORE_NAMES: readonly StoreName[] = ['datasets', 'images', 'runs', 'models', 'settings'];

type AnyDb = IDBPDatabase<unknown>;
type UpgradeTx = IDBPTransaction<unknown, StoreNames<unknown>[], 'versionchange'>;

export interface Migration {
  /** The version this migration produces (1 for the first). */
  version: number;
  description: string;
  migrate(db: AnyDb, tx: UpgradeTx): void | Promise<void>;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'datasets; images by datasetId; runs by status; models; settings',
    migrate(db) {
      db.createObjectStore('datasets', { keyPath: 'id' });
      db.createObjectStore('images', { keyPath: 'id' }).createIndex('datasetId', 'datasetId');
      db.createObjectStore('runs', { keyPath: 'id' }).createIndex('status', 'status');
      db.createObjectStore('models', { keyPath: 'id' });
      db.createObjectStore('settings', { keyPath: 'key' });
    },
  },
];

export const DEFAULT_DB_NAME = 'transfer-studio';

/** The browser's storage is full; nothing of `what` was written and earlier data is intact. */
export class StorageFullError extends Error {
  constructor(
    readonly what: string,
    options?: { cause?: unknown },
  ) {
    super(
      `Browser storage is full: ${what} could not be saved, and nothing of it was written. ` +
        'Free space by deleting datasets, runs or models you no longer need, or export the workspace to a file.',
      options,
    );
    this.name = 'StorageFullError';
  }
}

/** Any other failure to open, read or write the workspace; the message says what and why. */
export class WorkspaceError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WorkspaceError';
  }
}

const QUOTA_ERROR_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);
const isQuota = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && QUOTA_ERROR_NAMES.has(String((e as { name?: unknown }).name));

function validate<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return value as T; // keep the caller's objects (and their ArrayBuffers) as they are
  const issue = parsed.error.issues[0];
  throw new WorkspaceError(
    `${what} is invalid (${issue.path.join('.') || 'record'}: ${issue.message}); nothing was written`,
  );
}

export interface OpenOptions {
  /** Database name (tests use a fresh one each). */
  name?: string;
  /** Defaults to MIGRATIONS; the schema version is the last migration's version. */
  migrations?: readonly Migration[];
  /** Another tab wants to upgrade the schema: the connection is closed; reload to continue. */
  onVersionChange?: () => void;
}

export class WorkspaceDb {
  private constructor(readonly db: AnyDb) {}

  /** Opens (creating or migrating) the workspace database. */
  static async open(options: OpenOptions = {}): Promise<WorkspaceDb> {
    const migrations = options.migrations ?? MIGRATIONS;
    const version = migrations.length;
    if (!options.migrations && version !== WORKSPACE_SCHEMA_VERSION)
      throw new Error('MIGRATIONS and WORKSPACE_SCHEMA_VERSION disagree');
    migrations.forEach((m, i) => {
      if (m.version !== i + 1) throw new Error(`migration ${i} must produce version ${i + 1}, not ${m.version}`);
    });
    let failure: unknown = null;
    try {
      const db = await openDB<unknown>(options.name ?? DEFAULT_DB_NAME, version, {
        upgrade(database, oldVersion, newVersion, tx) {
          tx.done.catch(() => undefined); // a failed migration is reported through `failure` below
          let chain: Promise<void> = Promise.resolve();
          for (const m of migrations.slice(oldVersion, newVersion ?? version)) {
            chain = chain.then(() => m.migrate(database, tx));
          }
          chain.catch((error) => {
            failure = error;
            tx.abort();
          });
        },
        blocking() {
          db.close();
          options.onVersionChange?.();
        },
      });
      return new WorkspaceDb(db);
    } catch (error) {
      if (failure) {
        throw new WorkspaceError(
          `The saved workspace could not be upgraded to version ${version}: ${String(failure)}`,
          {
            cause: failure,
          },
        );
      }
      if (error instanceof Error && error.name === 'VersionError') {
        throw new WorkspaceError(
          `The saved workspace was made by a newer version of Transfer Studio; this one reads schema ${version} at most: reload the page`,
          { cause: error },
        );
      }
      throw new WorkspaceError(`The workspace database could not be opened (${String(error)})`, { cause: error });
    }
  }

  get schemaVersion(): number {
    return this.db.version;
  }

  close(): void {
    this.db.close();
  }

  /**
   * Runs `body` in one read-write transaction over `stores`. Every request made through `queue` is awaited;
   * any failure aborts the whole transaction. `what` names the data in error messages ("dataset “Pets”").
   */
  private async write<T>(
    stores: StoreName[],
    what: string,
    body: (
      tx: IDBPTransaction<unknown, StoreName[], 'readwrite'>,
      queue: (p: Promise<unknown>) => void,
    ) => Promise<T> | T,
  ): Promise<T> {
    const tx = this.db.transaction(stores, 'readwrite');
    const pending: Promise<unknown>[] = [];
    const queue = (p: Promise<unknown>) => {
      p.catch(() => undefined); // observed below; avoid unhandled rejections after an abort
      pending.push(p);
    };
    tx.done.catch(() => undefined);
    try {
      const result = await body(tx, queue);
      await Promise.all(pending);
      await tx.done;
      return result;
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // already finished or aborted
      }
      if (error instanceof WorkspaceError) throw error;
      if (isQuota(error) || isQuota(tx.error)) throw new StorageFullError(what, { cause: error });
      throw new WorkspaceError(`${what} could not be saved (${String(error)}); nothing was written`, { cause: error });
    }
  }

  /** Creates or replaces a dataset and adds `images` to it, in one transaction. */
  async saveDataset(dataset: DatasetRecord, images: readonly ImageRecord[] = []): Promise<void> {
    const what = `dataset “${dataset.name}”`;
    validate(datasetRecordSchema, dataset, what);
    images.forEach((img, i) => validate(imageRecordSchema, img, `image ${i + 1} (${img?.source}) of ${what}`));
    await this.write(['datasets', 'images'], what, (tx, queue) => {
      queue(tx.objectStore('datasets').put(dataset));
      const store = tx.objectStore('images');
      for (const image of images) queue(store.add({ ...image, datasetId: dataset.id }));
    });
  }

  /** Adds images to an existing dataset (ids must be new), in one transaction. */
  async addImages(datasetId: string, images: readonly ImageRecord[]): Promise<void> {
    images.forEach((img, i) => validate(imageRecordSchema, img, `image ${i + 1} (${img?.source})`));
    await this.write(['datasets', 'images'], `${images.length} images`, async (tx, queue) => {
      if (!(await tx.objectStore('datasets').get(datasetId)))
        throw new WorkspaceError(`dataset ${datasetId} does not exist; nothing was written`);
      const store = tx.objectStore('images');
      for (const image of images) queue(store.add({ ...image, datasetId }));
    });
  }

  /** Deletes a dataset and all its images, in one transaction. */
  async deleteDataset(id: string): Promise<void> {
    await this.write(['datasets', 'images'], `deleting dataset ${id}`, async (tx) => {
      await tx.objectStore('datasets').delete(id);
      let cursor = await tx.objectStore('images').index('datasetId').openKeyCursor(id);
      while (cursor) {
        await tx.objectStore('images').delete(cursor.primaryKey);
        cursor = await cursor.continue();
      }
    });
  }

  async deleteImages(ids: readonly string[]): Promise<void> {
    await this.write(['images'], `deleting ${ids.length} images`, (tx, queue) => {
      for (const id of ids) queue(tx.objectStore('images').delete(id));
    });
  }

  listDatasets(): Promise<DatasetRecord[]> {
    return this.db.getAll('datasets') as Promise<DatasetRecord[]>;
  }

  getDataset(id: string): Promise<DatasetRecord | undefined> {
    return this.db.get('datasets', id) as Promise<DatasetRecord | undefined>;
  }

  /** All images of a dataset (pixels and thumbnails included: for 5,000 images, use forEachImage). */
  getImages(datasetId: string): Promise<ImageRecord[]> {
    return this.db.getAllFromIndex('images', 'datasetId', datasetId) as Promise<ImageRecord[]>;
  }

  /** Streams a dataset's images one by one (bounded memory). `visit` must not await non-IndexedDB work. */
  async forEachImage(datasetId: string, visit: (image: ImageRecord) => void): Promise<void> {
    const tx = this.db.transaction('images');
    let cursor = await tx.store.index('datasetId').openCursor(datasetId);
    while (cursor) {
      visit(cursor.value as ImageRecord);
      cursor = await cursor.continue();
    }
  }

  countImages(datasetId: string): Promise<number> {
    return this.db.countFromIndex('images', 'datasetId', datasetId);
  }

  async putRun(run: RunRecord): Promise<void> {
    validate(runRecordSchema, run, `run ${run?.id}`);
    await this.write(['runs'], `run ${run.id}`, (tx, queue) => queue(tx.objectStore('runs').put(run)));
  }

  /** Read-modify-write of one run in one transaction; `updatedAt` defaults to now. */
  async updateRun(id: string, patch: Partial<Omit<RunRecord, 'id'>>, now = Date.now()): Promise<RunRecord> {
    return this.write(['runs'], `run ${id}`, async (tx) => {
      const store = tx.objectStore('runs');
      const current = (await store.get(id)) as RunRecord | undefined;
      if (!current) throw new WorkspaceError(`run ${id} does not exist; nothing was written`);
      const next = validate(runRecordSchema, { ...current, updatedAt: now, ...patch, id }, `run ${id}`);
      await store.put(next);
      return next;
    });
  }

  getRun(id: string): Promise<RunRecord | undefined> {
    return this.db.get('runs', id) as Promise<RunRecord | undefined>;
  }

  listRuns(): Promise<RunRecord[]> {
    return this.db.getAll('runs') as Promise<RunRecord[]>;
  }

  async deleteRun(id: string): Promise<void> {
    await this.write(['runs'], `deleting run ${id}`, (tx, queue) => queue(tx.objectStore('runs').delete(id)));
  }

  /** Call once at start-up: runs still 'running' (the page was reloaded or crashed) become 'interrupted'.
   * Returns the runs changed. */
  async markInterruptedRuns(now = Date.now()): Promise<RunRecord[]> {
    return this.write(['runs'], 'interrupted runs', async (tx) => {
      const changed: RunRecord[] = [];
      let cursor = await tx.objectStore('runs').index('status').openCursor('running');
      while (cursor) {
        const run: RunRecord = { ...(cursor.value as RunRecord), status: 'interrupted', updatedAt: now };
        await cursor.update(run);
        changed.push(run);
        cursor = await cursor.continue();
      }
      return changed;
    });
  }

  async saveModel(model: ModelRecord): Promise<void> {
    validate(modelRecordSchema, model, `model “${model?.name}”`);
    await this.write(['models'], `model “${model.name}”`, (tx, queue) => queue(tx.objectStore('models').put(model)));
  }

  getModel(id: string): Promise<ModelRecord | undefined> {
    return this.db.get('models', id) as Promise<ModelRecord | undefined>;
  }

  listModels(): Promise<ModelRecord[]> {
    return this.db.getAll('models') as Promise<ModelRecord[]>;
  }

  async deleteModel(id: string): Promise<void> {
    await this.write(['models'], `deleting model ${id}`, (tx, queue) => queue(tx.objectStore('models').delete(id)));
  }

  async getSetting(key: string): Promise<JsonValue | undefined> {
    return ((await this.db.get('settings', key)) as SettingRecord | undefined)?.value;
  }

  async putSetting(key: string, value: JsonValue): Promise<void> {
    const record = validate(settingRecordSchema, { key, value }, `setting ${key}`);
    await this.write(['settings'], `setting ${key}`, (tx, queue) => queue(tx.objectStore('settings').put(record)));
  }

  /** Every record of every store, read in one transaction (a consistent snapshot), in key order. */
  async readAll(): Promise<WorkspaceSnapshot> {
    const tx = this.db.transaction([...STORE_NAMES], 'readonly');
    const [datasets, images, runs, models, settings] = await Promise.all(
      STORE_NAMES.map((s) => tx.objectStore(s).getAll()),
    );
    await tx.done;
    return { datasets, images, runs, models, settings } as WorkspaceSnapshot;
  }

  /**
   * Writes a whole snapshot in ONE transaction: 'replace' clears every store first, 'merge' overwrites
   * records with the same keys and keeps the rest. On any failure nothing changes.
   */
  async writeAll(
    snapshot: WorkspaceSnapshot,
    mode: 'replace' | 'merge',
    what = 'the imported workspace',
  ): Promise<void> {
    await this.write([...STORE_NAMES], what, (tx, queue) => {
      for (const name of STORE_NAMES) {
        const store = tx.objectStore(name);
        if (mode === 'replace') queue(store.clear());
        for (const record of snapshot[name]) queue(store.put(record));
      }
    });
  }
}
