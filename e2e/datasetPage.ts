import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { deleteWorkspace } from './freshWorkspace';

/** A file for a drop: its path relative to the drop ("flowers/daisy/1.jpg") and its bytes. */
export interface DropFile {
  path: string;
  bytes: Buffer | Uint8Array;
}

export const FLOWERS_DIR = '/work/shared/datasets/flowers';

/** Every file under `dir`, with paths relative to dir's PARENT (so the folder's own name comes first). */
export function readFolder(dir: string, filter: (rel: string) => boolean = () => true): DropFile[] {
  const root = path.dirname(dir);
  const walk = (d: string): DropFile[] =>
    readdirSync(d)
      .sort()
      .flatMap((name) => {
        const full = path.join(d, name);
        if (statSync(full).isDirectory()) return walk(full);
        const rel = path.relative(root, full).split(path.sep).join('/');
        return filter(rel) ? [{ path: rel, bytes: readFileSync(full) }] : [];
      });
  return walk(dir);
}

const encode = (files: readonly DropFile[]) =>
  files.map((f) => ({ path: f.path, base64: Buffer.from(f.bytes).toString('base64') }));

/**
 * Drops `files` on `target` the way a browser drops a FOLDER: a drop event whose DataTransfer items give
 * FileSystemEntry handles (directories with createReader().readEntries() returning at most 100 entries per
 * call, files with file()), so the app's real drop handler walks them. Paths' first segment is the dropped
 * folder.
 */
export async function dropFolder(target: Locator, files: readonly DropFile[]): Promise<void> {
  await target.evaluate((element, encoded) => {
    type Node = { name: string; fullPath: string; children?: Map<string, Node>; file?: File };
    const root: Node = { name: '', fullPath: '', children: new Map() };
    for (const { path: p, base64 } of encoded) {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const segments = p.split('/');
      let node = root;
      segments.forEach((segment, i) => {
        const fullPath = `/${segments.slice(0, i + 1).join('/')}`;
        if (i === segments.length - 1) {
          node.children!.set(segment, {
            name: segment,
            fullPath,
            file: new File([bytes], segment, { type: segment.endsWith('.png') ? 'image/png' : 'image/jpeg' }),
          });
        } else {
          if (!node.children!.has(segment))
            node.children!.set(segment, { name: segment, fullPath, children: new Map() });
          node = node.children!.get(segment)!;
        }
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
    const dataTransfer = {
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
    for (const type of ['dragenter', 'dragover', 'drop']) {
      const event = new Event(type, { bubbles: true, cancelable: true });
      Object.defineProperty(event, 'dataTransfer', { value: dataTransfer });
      element.dispatchEvent(event);
    }
  }, encode(files));
}

/** Drops loose files (e.g. one zip) on `target` with a real DataTransfer holding File objects. */
export async function dropFiles(target: Locator, files: readonly DropFile[]): Promise<void> {
  await target.evaluate((element, encoded) => {
    const dataTransfer = new DataTransfer();
    for (const { path: p, base64 } of encoded) {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      dataTransfer.items.add(new File([bytes], p, { type: p.endsWith('.zip') ? 'application/zip' : '' }));
    }
    for (const type of ['dragenter', 'dragover', 'drop']) {
      element.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer }));
    }
  }, encode(files));
}

/** The Dataset panel. */
export class DatasetPanel {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.locator('#dataset');
  }
  get dropZone() {
    return this.page.getByTestId('dataset.dropZone');
  }
  get importStatus() {
    return this.page.getByTestId('dataset.import');
  }
  classCard(index: number) {
    return this.page.getByTestId(`dataset.class.${index}`);
  }
  classCount(index: number) {
    return this.page.getByTestId(`dataset.class.${index}.count`);
  }
  /** Class names and counts as shown, in order. */
  async classes(): Promise<{ name: string; count: number }[]> {
    return this.root.locator('.class-card').evaluateAll((cards) =>
      cards.map((card) => ({
        name: card.querySelector('.class-name')?.textContent ?? '',
        count: Number(card.querySelector('.class-count')?.getAttribute('data-count')),
      })),
    );
  }
  async waitForImport(status = 'done', timeout = 120_000) {
    await expect(this.importStatus).toHaveAttribute('data-status', /done|cancelled|blocked|failed/, { timeout });
    await expect(this.importStatus).toHaveAttribute('data-status', status);
  }
  /** Visible thumbnails that actually decoded (object URL loaded), in the DOM right now. */
  async loadedThumbnails(): Promise<number> {
    return this.root
      .locator('.thumb img')
      .evaluateAll(
        (imgs) =>
          (imgs as HTMLImageElement[]).filter(
            (img) => img.src.startsWith('blob:') && img.complete && img.naturalWidth > 0,
          ).length,
      );
  }
}

/**
 * Opens the studio on a fresh workspace (IndexedDB deleted first, before the app starts: e2e/freshWorkspace.ts)
 * and waits for the Dataset panel.
 */
export async function openFreshStudio(page: Page): Promise<DatasetPanel> {
  await deleteWorkspace(page);
  await page.goto('/');
  const panel = new DatasetPanel(page);
  await expect(panel.root.getByRole('heading', { level: 2, name: 'Dataset' })).toBeVisible();
  await expect(panel.root.getByText('Opening the datasets saved in this browser…')).toHaveCount(0);
  return panel;
}

/**
 * What is stored in the workspace, read straight from IndexedDB in the page (independently of the app's code):
 * dataset names and class names, image counts per class, and a SHA-256 over every image's id, class and pixel
 * bytes in id order.
 */
export async function storedDigest(page: Page) {
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
    type Img = { id: string; datasetId: string; classIndex: number; pixels: { data: ArrayBuffer } };
    const datasets = await all<{ id: string; name: string; classNames: string[] }>('datasets');
    const images = (await all<Img>('images')).sort((a, b) => (a.id < b.id ? -1 : 1));
    db.close();
    const parts: Uint8Array[] = [];
    const text = new TextEncoder();
    for (const img of images) {
      parts.push(text.encode(`${img.id}:${img.datasetId}:${img.classIndex}:`), new Uint8Array(img.pixels.data));
    }
    const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let offset = 0;
    for (const p of parts) {
      joined.set(p, offset);
      offset += p.length;
    }
    const hash = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', joined)), (b) =>
      b.toString(16).padStart(2, '0'),
    ).join('');
    return {
      datasets: datasets.map((d) => ({
        name: d.name,
        classNames: d.classNames,
        counts: d.classNames.map((_, c) => images.filter((i) => i.datasetId === d.id && i.classIndex === c).length),
      })),
      images: images.length,
      pixelBytes: joined.length,
      hash,
    };
  });
}
