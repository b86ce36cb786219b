/**
 * The browser decoder and the IndexedDB workspace in a REAL Chromium worker (Debian's /usr/bin/chromium, as
 * the e2e tests use): what the stubs in browserDecode.test.ts cannot show — createImageBitmap's resize and
 * EXIF rotation, transparency on white, WebP thumbnails, Blobs in IndexedDB, export → import.
 * The worker code is bundled with esbuild from the real modules; a local server on 127.0.0.1 serves it.
 * Skipped where Chromium is not installed.
 */
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { chromium } from 'playwright';
import { describe, expect, it } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';

interface WorkerReport {
  decoded: {
    name: string;
    width?: number;
    height?: number;
    first?: number[];
    thumbnail?: string;
    warnings?: string[];
    error?: string;
  }[];
  summary: { datasets: number; images: number };
  thumbnailsAreBlobs: boolean;
}
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

const workerSource = `
import { decodeImageForImport } from ${JSON.stringify(here('./browserDecode.ts'))};
import { WorkspaceDb } from ${JSON.stringify(here('../workspace/db.ts'))};
import { exportWorkspace, importWorkspace } from ${JSON.stringify(here('../workspace/archive.ts'))};
import { choosePixelPayload } from ${JSON.stringify(here('../workspace/schema.ts'))};
self.onmessage = async ({ data: files }) => {
  const decoded = [];
  const images = [];
  for (const f of files) {
    try {
      const r = await decodeImageForImport(f.bytes, f.name);
      decoded.push({ name: f.name, width: r.image.width, height: r.image.height, first: Array.from(r.image.data.subarray(0, 3)),
        thumbnail: r.thumbnail.type, warnings: r.warnings });
      images.push({ id: f.name, datasetId: 'd', classIndex: 0, source: f.name, width: r.image.width, height: r.image.height,
        pixels: choosePixelPayload(f.bytes, 'image/' + r.format, r.image), thumbnail: r.thumbnail });
    } catch (e) {
      decoded.push({ name: f.name, error: e.name + ': ' + e.message });
    }
  }
  const ws = await WorkspaceDb.open({ name: 'source' });
  await ws.saveDataset({ id: 'd', name: 'D', classNames: ['a'], createdAt: 1 }, images);
  const copy = await WorkspaceDb.open({ name: 'copy' });
  const summary = await importWorkspace(copy, await exportWorkspace(ws));
  const back = await copy.getImages('d');
  self.postMessage({ decoded, summary, thumbnailsAreBlobs: back.every((b) => b.thumbnail instanceof Blob) });
};`;

function jpegBytes(width: number, height: number): Uint8Array {
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i += 1) data.set([200, (i % width) % 256, 0, 255], i * 4);
  return new Uint8Array(jpeg.encode({ data, width, height }, 85).data);
}
/** Inserts an EXIF APP1 with orientation 6 (stored landscape, displayed portrait) after SOI. */
function withOrientation6(jpg: Uint8Array): Uint8Array {
  const tiff = [0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0];
  const body = [...Buffer.from('Exif\0\0', 'binary'), ...tiff];
  return new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0, body.length + 2, ...body, ...jpg.subarray(2)]);
}
function transparentPng(): Uint8Array {
  return new Uint8Array(PNG.sync.write(new PNG({ width: 10, height: 10 })));
}
function twoFrameGif(): Uint8Array {
  const frame = [0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0];
  return new Uint8Array([
    ...Buffer.from('GIF89a'),
    1,
    0,
    1,
    0,
    0x80,
    0,
    0,
    255,
    0,
    0,
    0,
    0,
    0,
    ...frame,
    ...frame,
    0x3b,
  ]);
}

describe.skipIf(!existsSync(CHROMIUM))('browser decoding in Chromium', () => {
  it('downscales, rotates, composites on white, makes WebP thumbnails, and persists them', async () => {
    const bundle = await build({
      stdin: { contents: workerSource, resolveDir: here('.'), loader: 'ts' },
      bundle: true,
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    const script = bundle.outputFiles[0].text;
    const server = http.createServer((req, res) => {
      const type = req.url === '/worker.js' ? 'text/javascript' : 'text/html';
      res.writeHead(200, { 'content-type': type });
      res.end(req.url === '/worker.js' ? script : '<!doctype html><title>decode</title>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      const big = jpegBytes(2000, 1500);
      const files = [
        ['big.jpg', big],
        ['rotated.jpg', withOrientation6(big)],
        ['alpha.png', transparentPng()],
        ['anim.gif', twoFrameGif()],
        ['notes.jpg', new TextEncoder().encode('not a picture')],
        ['cut.jpg', big.subarray(0, big.length >> 1)],
      ].map(([name, bytes]) => ({ name, bytes: Array.from(bytes as Uint8Array) }));
      const result = await page.evaluate(async (list) => {
        const worker = new Worker('/worker.js', { type: 'module' });
        return new Promise<WorkerReport>((resolve, reject) => {
          worker.onmessage = (event) => resolve(event.data);
          worker.onerror = (event) => reject(new Error(event.message));
          worker.postMessage(list.map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes) })));
        });
      }, files);
      const byName = Object.fromEntries(result.decoded.map((d) => [d.name, d]));
      expect(byName['big.jpg']).toMatchObject({ width: 512, height: 384, thumbnail: 'image/webp', warnings: [] });
      expect(byName['rotated.jpg']).toMatchObject({ width: 384, height: 512 });
      expect(byName['alpha.png']).toMatchObject({ width: 10, height: 10, first: [255, 255, 255] });
      expect(byName['anim.gif']).toMatchObject({
        first: [255, 0, 0],
        warnings: ['anim.gif: animated GIF: only the first frame is used'],
      });
      expect(byName['notes.jpg'].error).toBe('DatasetError: notes.jpg: is a text file, not an image');
      expect(byName['cut.jpg'].error).toContain('cut.jpg: is truncated or corrupt');
      expect(result.summary).toMatchObject({ datasets: 1, images: 4 });
      expect(result.thumbnailsAreBlobs).toBe(true);
    } finally {
      await browser.close();
      server.close();
    }
  });
});
