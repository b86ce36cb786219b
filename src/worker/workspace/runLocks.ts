/**
 * Which runs are alive, across workers and tabs, with the Web Locks API: a running experiment holds the lock
 * `transfer-studio-run:<id>` until it ends; the browser releases it when its page or worker goes away. A run
 * record still 'running' whose lock nobody holds was interrupted (a reload, a closed tab, a crash); one whose
 * lock is held belongs to a live run elsewhere and must not be marked.
 * Where navigator.locks is missing (old browsers, Node tests), holding is a no-op and `heldRunIds` is null:
 * callers then treat every 'running' record as interrupted, the single-tab assumption.
 * Imports do the same with `transfer-studio-import:<importId>`: a dataset's import marker (core/data/importMarker.ts)
 * whose lock is held belongs to an import running in another tab, not to an interrupted one.
 */
const PREFIX = 'transfer-studio-run:';
const IMPORT_PREFIX = 'transfer-studio-import:';

type LockManagerLike = {
  request(name: string, callback: () => Promise<void>): Promise<void>;
  query(): Promise<{ held?: { name?: string }[] }>;
};

const locks = (): LockManagerLike | null =>
  (typeof navigator !== 'undefined' && (navigator as { locks?: LockManagerLike }).locks) || null;

/** Takes the lock `name`; resolves once it is held, with a function that releases it. */
async function holdLock(name: string): Promise<() => void> {
  const manager = locks();
  if (!manager) return () => {};
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await new Promise<void>((acquired) => {
    void manager.request(name, () => {
      acquired();
      return released;
    });
  });
  return release;
}

/** The ids after `prefix` of the locks held right now; null when locks are unavailable. */
async function heldIds(prefix: string): Promise<Set<string> | null> {
  const manager = locks();
  if (!manager) return null;
  const { held = [] } = await manager.query();
  return new Set(
    held
      .map((l) => l.name ?? '')
      .filter((n) => n.startsWith(prefix))
      .map((n) => n.slice(prefix.length)),
  );
}

/** Takes run `runId`'s lock; resolves once it is held, with a function that releases it. */
export const holdRunLock = (runId: string) => holdLock(PREFIX + runId);

/** Ids of runs whose lock is held right now (alive somewhere); null when locks are unavailable. */
export const heldRunIds = () => heldIds(PREFIX);

/** Takes import `importId`'s lock for as long as the import runs. */
export const holdImportLock = (importId: string) => holdLock(IMPORT_PREFIX + importId);

/** Ids of imports whose lock is held right now (running in some tab); null when locks are unavailable. */
export const heldImportIds = () => heldIds(IMPORT_PREFIX);

/**
 * `heldRunIds`, once the locks of a page that just went away are released: after a reload the old page's workers
 * let go of their run locks a moment AFTER the new page starts, and a run read as alive then would never be
 * reported as interrupted. While any run lock is held, asks again every `stepMs`, for at most `waitMs` (a run that
 * is really alive in another tab only delays start-up by that much).
 */
export async function settledHeldRunIds(
  waitMs = 2000,
  stepMs = 100,
  query: () => Promise<Set<string> | null> = heldRunIds,
): Promise<Set<string> | null> {
  const deadline = Date.now() + waitMs;
  let held = await query();
  while (held !== null && held.size > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, stepMs));
    held = await query();
  }
  return held;
}
