import { expect, type Locator, type Page } from '@playwright/test';
import { deleteWorkspace } from './freshWorkspace';

/**
 * Helpers of the "Trust" journeys (bad-input, limits, cancel, privacy specs): drops through the app's REAL drop
 * handler (a synthetic folder drop with FileSystemEntry handles, or a real DataTransfer of loose files), the import
 * report as the Dataset panel shows it, and what IndexedDB holds, read independently of the app's code.
 */

/** A file of a drop: its path relative to the drop ("mixed/cats/1.png"); a path ending in '/' is an empty folder. */
export interface TreeFile {
  path: string;
  bytes?: Uint8Array;
  /** Instead of `bytes`: a file of this many zero bytes, made in the page (big files without the transfer). */
  fill?: number;
}

/** Base64 for page.evaluate (structured clone of large Uint8Arrays through the protocol is slower). */
const encode = (files: readonly TreeFile[]) =>
  files.map((f) => ({
    path: f.path,
    base64: f.bytes ? Buffer.from(f.bytes).toString('base64') : '',
    fill: f.fill ?? 0,
  }));

/**
 * Opens the studio on an empty workspace (IndexedDB deleted before the app starts: e2e/freshWorkspace.ts) and
 * waits for the Dataset panel to be ready.
 */
export async function openFreshStudio(page: Page): Promise<void> {
  await deleteWorkspace(page);
  await page.goto('/');
  await expect(page.locator('#dataset').getByRole('heading', { level: 2, name: 'Dataset' })).toBeVisible();
  await expect(page.getByTestId('dataset.dropZone')).toBeVisible();
}

export const dropZone = (page: Page) => page.getByTestId('dataset.dropZone');

/**
 * Dismisses the report of the previous import (if any), so waitForImport sees the NEXT import end, not the last
 * one's status.
 */
export async function dismissImportReport(page: Page): Promise<void> {
  const report = page.getByTestId('dataset.import');
  if ((await report.count()) === 0) return;
  await report.getByRole('button', { name: 'Dismiss' }).click();
  await expect(report).toHaveCount(0);
}

/**
 * Drops a folder tree on `target` as Chromium delivers a folder drop: DataTransfer items whose webkitGetAsEntry()
 * gives directory entries (createReader().readEntries() in batches of ≤ 100) and file entries. The top-level
 * segments of the paths are the dropped items; empty folders are given as 'path/'.
 */
export async function dropTree(target: Locator, files: readonly TreeFile[]): Promise<void> {
  await prepareTree(target.page(), files);
  await dispatchPreparedDrop(target);
}

/**
 * The first half of dropTree: builds the Files and entries in the page (the test's own work, which takes a while
 * for thousands of files) without dropping them yet, so a measurement can start between the two halves.
 */
export async function prepareTree(page: Page, files: readonly TreeFile[]): Promise<void> {
  await dismissImportReport(page);
  await page.evaluate((encoded) => {
    type Node = { name: string; fullPath: string; children?: Map<string, Node>; file?: File };
    const root: Node = { name: '', fullPath: '', children: new Map() };
    for (const { path, base64, fill } of encoded) {
      const segments = path.split('/').filter(Boolean);
      const isFolder = path.endsWith('/');
      let node = root;
      segments.forEach((segment, i) => {
        const fullPath = `/${segments.slice(0, i + 1).join('/')}`;
        const last = i === segments.length - 1;
        if (last && !isFolder) {
          const bytes = fill > 0 ? new Uint8Array(fill) : Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
          node.children!.set(segment, { name: segment, fullPath, file: new File([bytes], segment) });
          return;
        }
        if (!node.children!.has(segment)) node.children!.set(segment, { name: segment, fullPath, children: new Map() });
        node = node.children!.get(segment)!;
      });
    }
    // Entries answer asynchronously, one task later, as Chromium's do (over IPC). Not setTimeout(0): the app awaits
    // each file() in turn, so the timers nest and Chromium clamps them to 4 ms each (measured: 2,000 in 9 s, against
    // 45 ms for a MessageChannel), which made the 10,001-file drop of e2e/limits.spec.ts wait ~45 s on the fake.
    const channel = new MessageChannel();
    const pending: (() => void)[] = [];
    channel.port1.onmessage = () => pending.shift()!();
    const later = (answer: () => void) => {
      pending.push(answer);
      channel.port2.postMessage(null);
    };
    const toEntry = (node: Node): unknown =>
      node.children
        ? {
            isFile: false,
            isDirectory: true,
            name: node.name,
            fullPath: node.fullPath,
            createReader() {
              const all = [...node.children!.values()].map(toEntry);
              let offset = 0;
              return {
                readEntries(resolve: (batch: unknown[]) => void) {
                  const batch = all.slice(offset, offset + 100);
                  offset += batch.length;
                  later(() => resolve(batch));
                },
              };
            },
          }
        : {
            isFile: true,
            isDirectory: false,
            name: node.name,
            fullPath: node.fullPath,
            file: (resolve: (f: File) => void) => later(() => resolve(node.file!)),
          };
    const tops = [...root.children!.values()];
    (window as unknown as { __preparedDrop: unknown }).__preparedDrop = {
      types: ['Files'],
      files: [] as File[],
      dropEffect: 'copy',
      items: tops.map((node) => ({
        kind: 'file',
        type: '',
        webkitGetAsEntry: () => toEntry(node),
        getAsFile: () => node.file ?? null,
      })),
    };
  }, encode(files));
}

/** The second half of dropTree: dragenter, dragover and drop of the prepared tree on `target`. */
export async function dispatchPreparedDrop(target: Locator): Promise<void> {
  await target.evaluate((element) => {
    const w = window as unknown as { __preparedDrop: unknown };
    const dataTransfer = w.__preparedDrop;
    w.__preparedDrop = undefined;
    for (const type of ['dragenter', 'dragover', 'drop']) {
      const event = new Event(type, { bubbles: true, cancelable: true });
      Object.defineProperty(event, 'dataTransfer', { value: dataTransfer });
      element.dispatchEvent(event);
    }
  });
}

/** Drops loose files (zips, single images) on `target` with a real DataTransfer of File objects. */
export async function dropLooseFiles(target: Locator, files: readonly TreeFile[]): Promise<void> {
  await dismissImportReport(target.page());
  await target.evaluate((element, encoded) => {
    const dataTransfer = new DataTransfer();
    for (const { path, base64 } of encoded) {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      dataTransfer.items.add(new File([bytes], path, { type: path.endsWith('.zip') ? 'application/zip' : '' }));
    }
    for (const type of ['dragenter', 'dragover', 'drop']) {
      element.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer }));
    }
  }, encode(files));
}

/** Waits for the current import to end and checks how it ended. */
export async function waitForImport(
  page: Page,
  status: 'done' | 'cancelled' | 'blocked' | 'failed' = 'done',
  timeout = 120_000,
) {
  const report = page.getByTestId('dataset.import');
  await expect(report).toHaveAttribute('data-status', /done|cancelled|blocked|failed/, { timeout });
  await expect(report, (await page.getByTestId('dataset.import.summary').textContent()) ?? '').toHaveAttribute(
    'data-status',
    status,
  );
}

/** The problems the import report lists, as file → reason. */
export async function listedProblems(page: Page): Promise<Record<string, string>> {
  const items = page.getByTestId('dataset.import.problems').locator('li');
  const listed = await items.evaluateAll((lis) =>
    lis.map(
      (li) =>
        [
          li.querySelector('.problem-file')?.textContent ?? '',
          li.querySelector('.problem-reason')?.textContent ?? '',
        ] as const,
    ),
  );
  return Object.fromEntries(listed);
}

/** The warnings the import report lists. */
export async function importWarnings(page: Page): Promise<string[]> {
  const list = page.getByRole('list', { name: 'Warnings about this import' });
  if ((await list.count()) === 0) return [];
  return list.locator('li').allTextContents();
}

/** Class names and image counts as the Dataset panel shows them, in order. */
export async function shownClasses(page: Page): Promise<{ name: string; count: number }[]> {
  return page.locator('#dataset .class-card').evaluateAll((cards) =>
    cards.map((card) => ({
      name: card.querySelector('.class-name')?.textContent ?? '',
      count: Number(card.querySelector('.class-count')?.getAttribute('data-count')),
    })),
  );
}

export interface StoredImage {
  id: string;
  datasetId: string;
  classIndex: number;
  source: string;
  /** SHA-256 of the stored pixel payload. */
  sha: string;
}

/** Every image record in the workspace (IndexedDB 'transfer-studio'), read in the page without the app's code. */
export async function storedImages(
  page: Page,
): Promise<{ datasets: { id: string; name: string; classNames: string[] }[]; images: StoredImage[] }> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('transfer-studio');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = <T>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(request.error);
      });
    type Img = { id: string; datasetId: string; classIndex: number; source: string; pixels: { data: ArrayBuffer } };
    const datasets = await all<{ id: string; name: string; classNames: string[] }>('datasets');
    const records = await all<Img>('images');
    db.close();
    const hex = (buffer: ArrayBuffer) =>
      Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
    const images = await Promise.all(
      records.map(async (r) => ({
        id: r.id,
        datasetId: r.datasetId,
        classIndex: r.classIndex,
        source: r.source,
        sha: hex(await crypto.subtle.digest('SHA-256', r.pixels.data)),
      })),
    );
    return {
      datasets: datasets.map((d) => ({ id: d.id, name: d.name, classNames: d.classNames })),
      images: images.sort((a, b) => (a.id < b.id ? -1 : 1)),
    };
  });
}

/** Unchecks every strategy but `keep` and sets a small budget, through the Strategy panel's own controls. */
export async function smallExperiment(
  page: Page,
  keep: 'scratch' | 'feature-extraction' | 'fine-tune' = 'feature-extraction',
  epochs = 2,
): Promise<void> {
  for (const kind of ['scratch', 'feature-extraction', 'fine-tune'] as const) {
    const box = page.getByTestId(`strategy.${kind}`);
    if (kind === keep) await box.check();
    else await box.uncheck();
  }
  await page.locator('#seeds').fill('1');
  await page.locator('#epochs').fill(String(epochs));
  await expect(page.getByTestId('strategy.summary')).not.toHaveClass(/field-error/);
}

/** Clicks Run and waits for THIS experiment to end; returns its final status and error message, if any. */
export async function runToEnd(page: Page, timeout = 5 * 60_000): Promise<{ status: string; error: string | null }> {
  const run = page.getByTestId('experiment.run');
  await expect(run).toBeEnabled({ timeout: 60_000 });
  const previous = await page.evaluate(() => window.__transferStudio?.state().run?.runId ?? null);
  await run.click();
  const ended = await page.waitForFunction(
    (before) => {
      const r = window.__transferStudio?.state().run;
      return r && r.runId !== before && r.status !== 'running'
        ? { status: r.status as string, error: r.error ?? null }
        : null;
    },
    previous,
    { timeout, polling: 100 },
  );
  return (await ended.jsonValue())!;
}
