/**
 * Synthetic colour digits: an MNIST-M-style target domain made from the built-in digits alone, so the studio's
 * domain-adaptation preset works offline. This is NOT MNIST-M: Ganin & Lempitsky (2015, §4.1) blend each MNIST digit
 * over a patch of a real photo (BSDS500); the app ships no photos, so here the background is a procedural texture —
 * a random base colour, two or three oriented colour gratings, a few soft colour blobs and pixel noise — and the digit
 * is blended by the same rule, out = |background − stroke| per channel (the stroke shows the background's colours
 * inverted). Real MNIST-M stays the user's import (../shared/datasets/digits-mnistm) or the CLI preset
 * digits-mnist-to-mnistm; src/node/mnistmDataset.ts builds it from photos.
 *
 * Deterministic: example (class, index) gets the same background for the same seed, whatever else is in the
 * dataset, so the studio (worker) and the CLI make identical images. Pure; the input is not modified. Like every
 * digits source here the result is black on white, 255 − |background − stroke|: the digits network's `invert`
 * preprocessing gives back the blended image.
 */
import { createRng, type Rng } from '../math/rng';
import type { Dataset, DecodedImage, LabeledImage } from './types';

/** Id prefix of the generated examples: `colour:<class name>:<index>`. */
export const COLOUR_DIGITS_ID_PREFIX = 'colour';

/** One grating: colour amplitude per channel, spatial frequency (cycles per image side), orientation, phase. */
interface Grating {
  amplitude: [number, number, number];
  cycles: number;
  angle: number;
  phase: number;
}

/** A soft disc of colour: centre and radius as fractions of the side, colour shift per channel. */
interface Blob {
  x: number;
  y: number;
  radius: number;
  shift: [number, number, number];
}

const colourShift = (rng: Rng, scale: number): [number, number, number] => [
  (rng.next() * 2 - 1) * scale,
  (rng.next() * 2 - 1) * scale,
  (rng.next() * 2 - 1) * scale,
];

/**
 * A width × height RGB texture (values 0–255) drawn from `rng`: base colour uniform per channel, 2–3 gratings of
 * 1–7 cycles with amplitude ≤ 70 per channel, 1–3 blobs shifting colour by ≤ 90, and uniform noise ±16.
 */
export function colourTexture(width: number, height: number, rng: Rng): Uint8Array {
  const base = [rng.int(256), rng.int(256), rng.int(256)];
  const gratings: Grating[] = Array.from({ length: 2 + rng.int(2) }, () => ({
    amplitude: colourShift(rng, 70),
    cycles: 1 + rng.next() * 6,
    angle: rng.next() * Math.PI,
    phase: rng.next() * 2 * Math.PI,
  }));
  const blobs: Blob[] = Array.from({ length: 1 + rng.int(3) }, () => ({
    x: rng.next(),
    y: rng.next(),
    radius: 0.15 + rng.next() * 0.35,
    shift: colourShift(rng, 90),
  }));
  const out = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const v = (y + 0.5) / height;
    for (let x = 0; x < width; x++) {
      const u = (x + 0.5) / width;
      const pixel = [base[0], base[1], base[2]];
      for (const g of gratings) {
        const wave = Math.sin(2 * Math.PI * g.cycles * (u * Math.cos(g.angle) + v * Math.sin(g.angle)) + g.phase);
        for (let c = 0; c < 3; c++) pixel[c] += g.amplitude[c] * wave;
      }
      for (const b of blobs) {
        const d2 = ((u - b.x) ** 2 + (v - b.y) ** 2) / (b.radius * b.radius);
        const weight = Math.exp(-d2);
        for (let c = 0; c < 3; c++) pixel[c] += b.shift[c] * weight;
      }
      const noise = (rng.next() * 2 - 1) * 16;
      for (let c = 0; c < 3; c++) out[3 * (y * width + x) + c] = Math.max(0, Math.min(255, pixel[c] + noise));
    }
  }
  return out;
}

/** The seed of one example's background: from (seed, label, index), independent of the dataset's other examples. */
function exampleSeed(seed: number, label: number, index: number): number {
  return (Math.imul(seed + 1, 1_000_003) + Math.imul(label + 1, 10_007) + index) | 0;
}

/** The index part of an id `<prefix>:<class>:<index>`, or `fallback` when the id has no such part. */
function indexOf(id: string, fallback: number): number {
  const index = Number(id.split(':').at(-1));
  return Number.isInteger(index) && index >= 0 ? index : fallback;
}

/** One black-on-white digit over its background: 255 − |background − stroke| per channel, stroke = 255 − pixel. */
export function blendDigit(digit: DecodedImage, background: Uint8Array): DecodedImage {
  if (background.length !== digit.data.length) throw new RangeError('blendDigit: background and digit differ in size');
  const data = new Uint8Array(digit.data.length);
  for (let i = 0; i < data.length; i++) data[i] = 255 - Math.abs(background[i] - (255 - digit.data[i]));
  return { width: digit.width, height: digit.height, data };
}

/**
 * `clean` (black-on-white digits, ids ending in `:<index>`) on coloured textured backgrounds chosen by `seed`.
 * Ids become `colour:<class name>:<index>`; labels and class names are kept.
 */
export function colourDigits(clean: Dataset, seed: number): Dataset {
  const examples: LabeledImage[] = clean.examples.map((example, position) => {
    const index = indexOf(example.id, position);
    const rng = createRng(exampleSeed(seed, example.label, index));
    const { width, height } = example.image;
    const image = blendDigit(example.image, colourTexture(width, height, rng));
    const id = `${COLOUR_DIGITS_ID_PREFIX}:${clean.classNames[example.label]}:${index}`;
    return { id, label: example.label, source: `${example.source} (synthetic colour background)`, image };
  });
  return { name: `${clean.name}, synthetic colour backgrounds (seed ${seed})`, classNames: clean.classNames, examples };
}
