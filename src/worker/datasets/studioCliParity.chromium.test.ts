/**
 * Issue 13, done-when: the same folder or zip gives the same classes, in the same order, with the same pixels
 * (EXIF orientation applied) in the command line and in the studio.
 *
 * The studio side is the studio's own import pipeline (runImport: listZip, planImport, decodeImageForImport) in a
 * REAL Chromium worker (bundled with esbuild, as browserDecode.chromium.test.ts does); the CLI side is
 * readFolderDataset / readZipDataset with the Node decoder. The folder holds what made them differ: a class in two
 * spellings ("Rose", "rose"), names whose natural and code-point orders differ ("class2", "class10"), images in a
 * subfolder of a class, and a portrait phone photo (EXIF orientation 6). Skipped where Chromium is not installed.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import jpeg from 'jpeg-js';
import { chromium } from 'playwright';
import { describe, expect, it } from 'vitest';
import { patternPng, withExifOrientation, zip } from '../../core/testing/badInputs';
import { nodeDecoder } from '../../node/decode';
import { readFolderDataset } from '../../node/folderDataset';
import { readZipDataset } from '../../node/zipDataset';

const CHROMIUM = '/usr/bin/chromium';
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** What one import gave: class names, and per stored image its class, its path in the drop and its pixels. */
interface Imported {
  classNames: string[];
  images: { classIndex: number; path: string; width: number; height: number; data: number[] }[];
}

const workerSource = `
import { runImport } from ${JSON.stringify(here('./import.ts'))};
import { decodeImageForImport } from ${JSON.stringify(here('./browserDecode.ts'))};
self.onmessage = async ({ data: drops }) => {
  const results = [];
  for (const files of drops) {
    const decoded = new Map();
    let classNames = [];
    const stored = [];
    await runImport(
      { type: 'import.start', importId: 'i', datasetId: 'd', createName: 'D', folders: [], readProblems: [],
        files: files.map((f) => ({ path: f.path, file: new File([f.bytes], f.path.split('/').pop()) })) },
      {
        existing: undefined,
        existingImageCount: 0,
        decode: async (bytes, label, limits) => {
          const image = await decodeImageForImport(bytes, label, limits);
          decoded.set(label, image.image);
          return image;
        },
        saveDataset: async (dataset) => { classNames = dataset.classNames; },
        addImages: async (_id, images) => { stored.push(...images); },
        emit: () => {},
        signal: new AbortController().signal,
        concurrency: 1,
      },
    );
    results.push({
      classNames,
      images: stored.map((r) => {
        const image = decoded.get(r.source);
        return { classIndex: r.classIndex, path: r.source, width: image.width, height: image.height,
          data: Array.from(image.data) };
      }),
    });
  }
  self.postMessage(results);
};`;

/** A 24×16 landscape JPEG (left half red, right half blue) stored with orientation 6: upright it is 16×24. */
function portraitPhoto(): Uint8Array {
  const width = 24;
  const height = 16;
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set(i % width < 12 ? [220, 30, 30, 255] : [30, 30, 220, 255], i * 4);
  return withExifOrientation(new Uint8Array(jpeg.encode({ data, width, height }, 95).data), 6);
}

/** The folder (relative path → bytes). */
const FOLDER: Record<string, Uint8Array> = {
  'Rose/1.png': patternPng(1, 8, 0),
  'rose/2.png': patternPng(2, 8, 0),
  'rose/garden/3.png': patternPng(3, 8, 0),
  'class10/a.png': patternPng(4, 8, 1),
  'class10/b.png': patternPng(5, 8, 1),
  'class2/portrait.jpg': portraitPhoto(),
  'class2/z10.png': patternPng(6, 8, 2),
  'class2/z9.png': patternPng(7, 8, 2),
};

/** The CLI's import as the same record: paths relative to the folder (or zip), pixels as decoded. */
function fromCli(dataset: Awaited<ReturnType<typeof readFolderDataset>>['dataset'], prefix: RegExp): Imported {
  return {
    classNames: dataset.classNames,
    images: dataset.examples.map((e) => ({
      classIndex: e.label,
      path: e.source.replace(prefix, ''),
      width: e.image.width,
      height: e.image.height,
      data: Array.from(e.image.data),
    })),
  };
}

/** Mean absolute difference of two 8-bit pixel arrays (JPEG decoders round differently; PNGs must be equal). */
const meanDifference = (a: number[], b: number[]) => a.reduce((sum, v, i) => sum + Math.abs(v - b[i]), 0) / a.length;

describe.skipIf(!existsSync(CHROMIUM))('the CLI and the studio import the same folder and zip alike', () => {
  it('same classes, same order, same pixels (orientation applied), from a folder and from its zip', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'studio-cli-parity-'));
    const server = http.createServer();
    try {
      for (const [rel, bytes] of Object.entries(FOLDER)) {
        mkdirSync(path.dirname(path.join(root, 'pets', rel)), { recursive: true });
        writeFileSync(path.join(root, 'pets', rel), bytes);
      }
      const zipBytes = zip(Object.fromEntries(Object.entries(FOLDER).map(([rel, b]) => [`pets/${rel}`, b])));
      writeFileSync(path.join(root, 'pets.zip'), zipBytes);
      const cliFolder = fromCli(
        (await readFolderDataset(path.join(root, 'pets'), nodeDecoder)).dataset,
        new RegExp(`^${root}/pets/`),
      );
      const cliZip = fromCli((await readZipDataset(path.join(root, 'pets.zip'), nodeDecoder)).dataset, /^.*› pets\//);

      const bundle = await build({
        stdin: { contents: workerSource, resolveDir: here('.'), loader: 'ts' },
        bundle: true,
        format: 'esm',
        write: false,
        logLevel: 'silent',
      });
      const script = bundle.outputFiles[0].text;
      server.on('request', (req, res) => {
        res.writeHead(200, { 'content-type': req.url === '/worker.js' ? 'text/javascript' : 'text/html' });
        res.end(req.url === '/worker.js' ? script : '<!doctype html><title>parity</title>');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
      let studio: Imported[];
      try {
        const page = await browser.newPage();
        await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
        const folderDrop = Object.entries(FOLDER).map(([rel, b]) => ({ path: `pets/${rel}`, bytes: Array.from(b) }));
        const zipDrop = [{ path: 'pets.zip', bytes: Array.from(zipBytes) }];
        studio = await page.evaluate(
          async (drops) => {
            const worker = new Worker('/worker.js', { type: 'module' });
            return new Promise<Imported[]>((resolve, reject) => {
              worker.onmessage = (event) => resolve(event.data);
              worker.onerror = (event) => reject(new Error(event.message));
              worker.postMessage(drops.map((files) => files.map((f) => ({ ...f, bytes: new Uint8Array(f.bytes) }))));
            });
          },
          [folderDrop, zipDrop],
        );
      } finally {
        await browser.close();
      }
      const relative = (imported: Imported) => ({
        ...imported,
        images: imported.images.map((i) => ({ ...i, path: i.path.replace(/^(pets\.zip › )?pets\//, '') })),
      });
      const [studioFolder, studioZip] = studio.map(relative);

      const order = ['class2/portrait.jpg', 'class2/z9.png', 'class2/z10.png', 'class10/a.png', 'class10/b.png'];
      for (const imported of [cliFolder, cliZip, studioFolder, studioZip]) {
        expect(imported.classNames).toEqual(['class2', 'class10', 'Rose']);
        expect(imported.images.map((i) => i.path)).toEqual([...order, 'Rose/1.png', 'rose/2.png', 'rose/garden/3.png']);
        expect(imported.images.map((i) => i.classIndex)).toEqual([0, 0, 0, 1, 1, 2, 2, 2]);
      }
      for (const other of [cliZip, studioFolder, studioZip]) {
        for (const [i, image] of other.images.entries()) {
          const cli = cliFolder.images[i];
          expect([image.width, image.height], image.path).toEqual([cli.width, cli.height]);
          if (image.path.endsWith('.png')) expect(image.data, image.path).toEqual(cli.data);
          else expect(meanDifference(image.data, cli.data), image.path).toBeLessThan(3);
        }
      }
      // The portrait photo is upright in both: 16 wide, 24 high, red on top (the stored left half).
      const portrait = cliFolder.images[0];
      expect([portrait.width, portrait.height]).toEqual([16, 24]);
      expect(portrait.data.slice(0, 3)[0]).toBeGreaterThan(150);
      expect(portrait.data.slice(-3)[2]).toBeGreaterThan(150);
    } finally {
      server.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
