/**
 * Which examples are the same picture, so a split can keep them on one side (issue 13, item 5): the same photo
 * imported twice, a re-saved or resized copy, the frames of one webcam burst. Left on both sides of a split,
 * validation measures memory, not generalisation, and accuracy looks better than it is.
 *
 * - Exact duplicates: the same decoded pixels (`pixelHash`, a 53-bit hash of size and RGB).
 * - Near duplicates: the images' 16 × 16 grey thumbnails (area averages), mean-centred and scaled to unit length,
 *   correlate at NEAR_CORRELATION or more, AND their mean colours are within NEAR_MEAN_LEVELS per channel (grey
 *   correlation ignores colour). Measured on ../shared/datasets (see duplicates.test.ts): distinct images correlate
 *   at most 0.88 (flowers), 0.90 (MNIST-M), 0.92 (omniglot), 0.977 (MNIST: two very similar digits); copies
 *   re-saved as JPEG at quality 75 and resized by 0.5 (photos) or 0.75 (small images) correlate at 0.994 or more
 *   for flowers, 0.981 for omniglot, but as little as 0.73 for 28-px digits, whose copies a resize really changes.
 *   Flat images (no grey variation) are never near duplicates of anything; only exact copies group them.
 * - Webcam bursts: examples with the same `burst` id (the frames of one hold of "Hold to record").
 * Groups are the connected components of these relations (union-find), so a chain of near copies is one group.
 * Candidate pairs for the near test come from banding a 256-bit difference hash (dHash: one bit per horizontal
 * neighbour pair of a 17 × 16 grey grid, "left is brighter") into 16 bands of 16 bits: a near copy flips a few
 * bits (8–33 in the measurements above), so it still shares at least one band with its original, while the
 * correlation test decides. Buckets of more than MAX_BUCKET images (near-blank images sharing a band) are compared
 * only among their first MAX_BUCKET members.
 */
import type { DecodedImage } from './types';

/** Least correlation of the two grey thumbnails for two images to count as near duplicates. */
export const NEAR_CORRELATION = 0.98;
/** Most difference of the mean R, G or B (0–255) for two images to count as near duplicates. */
export const NEAR_MEAN_LEVELS = 12;
const COLS = 17;
const ROWS = 16;
const THUMB = 16;
const BANDS = 16;
/** Samples per side read for the perceptual hash (see perceptualHash). */
const SAMPLES = 128;
/** Buckets bigger than this (hundreds of near-blank images sharing a band) are only compared this far. */
const MAX_BUCKET = 256;

/** A hash of the decoded pixels (cyrb53 over width, height and RGB): equal for equal images. 14 hex digits. */
export function pixelHash(image: DecodedImage): string {
  let h1 = 0xdeadbeef ^ image.width;
  let h2 = 0x41c6ce57 ^ image.height;
  const { data } = image;
  // Four bytes at a time where the bytes are 4-aligned (decoders hand over fresh arrays), then the tail.
  const words = data.byteOffset % 4 === 0 ? new Uint32Array(data.buffer, data.byteOffset, data.length >>> 2) : null;
  const tail = words ? words.length * 4 : 0;
  if (words) {
    for (let i = 0; i < words.length; i += 1) {
      h1 = Math.imul(h1 ^ words[i], 2654435761);
      h2 = Math.imul(h2 ^ words[i], 1597334677);
    }
  }
  for (let i = tail; i < data.length; i += 1) {
    h1 = Math.imul(h1 ^ data[i], 2654435761);
    h2 = Math.imul(h2 ^ data[i], 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

export interface PerceptualHash {
  /** dHash, 256 bits as 8 words (for finding candidates). */
  bits: Uint32Array;
  /** The 16 × 16 grey thumbnail, mean-centred, unit length (all zeros for a flat image). */
  thumbnail: Float32Array;
  /** Mean R, G, B in 0–255. */
  mean: [number, number, number];
}

/** Per pixel column (or row) of an image `size` pixels long, its cell of `cells` equal parts. */
function cellOf(size: number, cells: number): Int32Array {
  return Int32Array.from({ length: size }, (_, x) => Math.min(cells - 1, Math.floor((x * cells) / size)));
}

/** Mean grey of `cols` × `rows` equal cells, from per-cell sums and counts (an empty cell: its nearest pixel). */
function cellMeans(
  image: DecodedImage,
  cols: number,
  rows: number,
  sums: Float64Array,
  counts: Float64Array,
): Float64Array {
  const { width, height, data } = image;
  for (let i = 0; i < sums.length; i += 1) {
    if (counts[i] > 0) sums[i] /= counts[i];
    else {
      // Images narrower or shorter than the grid leave cells empty.
      const x = Math.min(width - 1, Math.floor((((i % cols) + 0.5) * width) / cols));
      const y = Math.min(height - 1, Math.floor(((Math.floor(i / cols) + 0.5) * height) / rows));
      const at = (y * width + x) * 3;
      sums[i] = 0.299 * data[at] + 0.587 * data[at + 1] + 0.114 * data[at + 2];
    }
  }
  return sums;
}

/** The dHash, grey thumbnail and mean colour of an image (any size ≥ 1 × 1). */
export function perceptualHash(image: DecodedImage): PerceptualHash {
  const { width, height, data } = image;
  // One pass: mean colour, and grey sums of the dHash grid (17 × 16) and of the thumbnail (16 × 16).
  const [xsA, ysA, xsB, ysB] = [cellOf(width, COLS), cellOf(height, ROWS), cellOf(width, THUMB), cellOf(height, THUMB)];
  const [sumsA, countsA] = [new Float64Array(COLS * ROWS), new Float64Array(COLS * ROWS)];
  const [sumsB, countsB] = [new Float64Array(THUMB * THUMB), new Float64Array(THUMB * THUMB)];
  let r = 0;
  let g = 0;
  let b = 0;
  // Every `step`-th pixel in each direction: ~128 × 128 samples are plenty for 17 × 16 cells, and big photos cost
  // no more than small ones.
  const step = Math.max(1, Math.floor(Math.max(width, height) / SAMPLES));
  for (let y = 0; y < height; y += step) {
    const rowA = ysA[y] * COLS;
    const rowB = ysB[y] * THUMB;
    let at = y * width * 3;
    for (let x = 0; x < width; x += step, at += 3 * step) {
      const pr = data[at];
      const pg = data[at + 1];
      const pb = data[at + 2];
      r += pr;
      g += pg;
      b += pb;
      const grey = 0.299 * pr + 0.587 * pg + 0.114 * pb;
      const a = rowA + xsA[x];
      sumsA[a] += grey;
      countsA[a] += 1;
      const c = rowB + xsB[x];
      sumsB[c] += grey;
      countsB[c] += 1;
    }
  }
  const pixels = Math.max(
    1,
    countsB.reduce((n, c) => n + c, 0),
  );
  const mean: [number, number, number] = [r / pixels, g / pixels, b / pixels];
  const grey = cellMeans(image, COLS, ROWS, sumsA, countsA);
  const small = cellMeans(image, THUMB, THUMB, sumsB, countsB);
  const bits = new Uint32Array(8);
  for (let row = 0; row < ROWS; row += 1) {
    for (let col = 0; col < COLS - 1; col += 1) {
      const bit = row * (COLS - 1) + col;
      if (grey[row * COLS + col] > grey[row * COLS + col + 1]) bits[bit >>> 5] |= 1 << (bit & 31);
    }
  }

  const average = small.reduce((a, b) => a + b, 0) / small.length;
  let norm = 0;
  for (let i = 0; i < small.length; i += 1) {
    small[i] -= average;
    norm += small[i] * small[i];
  }
  norm = Math.sqrt(norm);
  // Below one grey level of variation in all, the image is flat: no shape to compare.
  const thumbnail = new Float32Array(small.length);
  if (norm >= 1) for (let i = 0; i < small.length; i += 1) thumbnail[i] = small[i] / norm;
  return { bits, thumbnail, mean };
}

/** Correlation of two grey thumbnails, in [−1, 1] (0 when either image is flat). */
export function thumbnailCorrelation(a: PerceptualHash, b: PerceptualHash): number {
  let sum = 0;
  for (let i = 0; i < a.thumbnail.length; i += 1) sum += a.thumbnail[i] * b.thumbnail[i];
  return sum;
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Differing bits of two dHashes (0–256). */
export function hashDistance(a: PerceptualHash, b: PerceptualHash): number {
  let d = 0;
  for (let i = 0; i < 8; i += 1) d += popcount(a.bits[i] ^ b.bits[i]);
  return d;
}

/** True when two images count as near duplicates (see the module comment). */
export function areNearDuplicates(a: PerceptualHash, b: PerceptualHash): boolean {
  // The three mean colours first: they are cheaper than the 256-term correlation and reject most pairs of photos.
  return meansClose(a, b) && thumbnailCorrelation(a, b) >= NEAR_CORRELATION;
}

/** The mean R, G and B of two images are each within NEAR_MEAN_LEVELS. */
function meansClose(a: PerceptualHash, b: PerceptualHash): boolean {
  return a.mean.every((m, c) => Math.abs(m - b.mean[c]) <= NEAR_MEAN_LEVELS);
}

/** Thumbnail values summed between early-exit checks in areNearDuplicatesBounded. */
const CHUNK = 32;

/** Per chunk c of a thumbnail, the length of its values from c · CHUNK on (float64; one more entry, 0, at the end):
 * areNearDuplicatesBounded's bound. */
export function thumbnailTails(hash: PerceptualHash): Float64Array {
  const t = hash.thumbnail;
  const chunks = Math.ceil(t.length / CHUNK);
  const tails = new Float64Array(chunks + 1);
  let sum = 0;
  for (let c = chunks - 1; c >= 0; c -= 1) {
    for (let i = c * CHUNK; i < Math.min(t.length, (c + 1) * CHUNK); i += 1) sum += t[i] * t[i];
    tails[c] = Math.sqrt(sum);
  }
  return tails;
}

/**
 * areNearDuplicates, answering no as soon as the correlation cannot reach NEAR_CORRELATION: after each chunk, the
 * rest of the sum is at most the product of the two tails' lengths (Cauchy–Schwarz). Pairs that pass sum every
 * term, in the same order, so the answer is areNearDuplicates'; most pairs of different images stop after a chunk
 * or two, which matters for datasets of small images whose blank rows make many candidate pairs.
 */
export function areNearDuplicatesBounded(
  a: PerceptualHash,
  b: PerceptualHash,
  tailsA: Float64Array,
  tailsB: Float64Array,
): boolean {
  if (!meansClose(a, b)) return false;
  const [x, y] = [a.thumbnail, b.thumbnail];
  let sum = 0;
  for (let c = 0; c * CHUNK < x.length; c += 1) {
    for (let i = c * CHUNK; i < Math.min(x.length, (c + 1) * CHUNK); i += 1) sum += x[i] * y[i];
    // A margin far above rounding keeps a pair at the threshold from being dropped by the bound's own arithmetic.
    if (sum + tailsA[c + 1] * tailsB[c + 1] < NEAR_CORRELATION - 1e-9) return false;
  }
  return sum >= NEAR_CORRELATION;
}

/** Band `band` (0–15) of a dHash: its 16 bits. */
function bandOf(hash: PerceptualHash, band: number): number {
  return (hash.bits[band >>> 1] >>> ((band & 1) * 16)) & 0xffff;
}

/** An example as grouping sees it. */
export interface GroupableExample {
  image: DecodedImage;
  /** Frames of one webcam burst share an id. */
  burst?: string;
}

export interface DuplicateGroups {
  /** Per example, its group: the smallest example index of the group (an example alone is its own group). */
  groups: number[];
  /** Examples whose pixels equal an earlier example's. */
  exactCopies: number;
  /** Examples joined to a group by looking alike (not equal pixels, not the same burst). */
  nearCopies: number;
  /** Examples in webcam bursts of two or more frames. */
  burstFrames: number;
  /** Groups of two or more examples. */
  groupCount: number;
  /** Groups whose examples carry different labels (the same picture in two classes); needs `labels`. */
  mixedLabelGroups: number;
}

class UnionFind {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root];
    while (this.parent[i] !== root) [i, this.parent[i]] = [this.parent[i], root];
    return root;
  }
  /** Joins the two groups; true when they were apart. The smaller index stays the root. */
  union(a: number, b: number): boolean {
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra === rb) return false;
    if (ra < rb) this.parent[rb] = ra;
    else this.parent[ra] = rb;
    return true;
  }
}

/**
 * Groups `examples` by exact pixels, perceptual likeness and webcam burst (module comment). Deterministic; reads
 * each image once. `labels` (optional, one per example) only feeds `mixedLabelGroups`.
 */
export function findDuplicateGroups(
  examples: readonly GroupableExample[],
  labels?: readonly number[],
): DuplicateGroups {
  const n = examples.length;
  const sets = new UnionFind(n);
  let exactCopies = 0;
  let nearCopies = 0;
  const byPixels = new Map<string, number>();
  const byBurst = new Map<string, number[]>();
  const hashes: PerceptualHash[] = [];
  examples.forEach((example, i) => {
    const key = pixelHash(example.image);
    const first = byPixels.get(key);
    if (first === undefined) byPixels.set(key, i);
    else if (sets.union(first, i)) exactCopies += 1;
    hashes.push(perceptualHash(example.image));
    if (example.burst !== undefined) {
      const frames = byBurst.get(example.burst) ?? [];
      frames.push(i);
      byBurst.set(example.burst, frames);
    }
  });
  let burstFrames = 0;
  for (const frames of byBurst.values()) {
    if (frames.length < 2) continue;
    burstFrames += frames.length;
    for (const i of frames.slice(1)) sets.union(frames[0], i);
  }
  // Banding: candidate pairs share one of the dHash's 16-bit bands exactly.
  // Each pair is compared once, in the first band whose bucket holds both within its first MAX_BUCKET: blank rows
  // put most small images (digits) in the same few buckets, which would otherwise compare the same pairs again.
  const buckets = new Map<number, number[]>();
  // Per example and band, its place in that band's bucket (buckets fill in example order).
  const place = new Int32Array(n * BANDS);
  hashes.forEach((hash, i) => {
    for (let band = 0; band < BANDS; band += 1) {
      const key = band * 65536 + bandOf(hash, band);
      const bucket = buckets.get(key);
      place[i * BANDS + band] = bucket ? bucket.length : 0;
      if (bucket) bucket.push(i);
      else buckets.set(key, [i]);
    }
  });
  const tails = hashes.map(thumbnailTails);
  const comparedBefore = (i: number, j: number, band: number): boolean => {
    for (let k = 0; k < band; k += 1) {
      if (
        bandOf(hashes[i], k) === bandOf(hashes[j], k) &&
        place[i * BANDS + k] < MAX_BUCKET &&
        place[j * BANDS + k] < MAX_BUCKET
      )
        return true;
    }
    return false;
  };
  for (const [key, bucket] of buckets) {
    const band = Math.floor(key / 65536);
    const members = bucket.slice(0, MAX_BUCKET);
    for (let a = 0; a < members.length; a += 1) {
      for (let b = a + 1; b < members.length; b += 1) {
        const [i, j] = [members[a], members[b]];
        if (sets.find(i) === sets.find(j) || comparedBefore(i, j, band)) continue;
        if (areNearDuplicatesBounded(hashes[i], hashes[j], tails[i], tails[j]) && sets.union(i, j)) nearCopies += 1;
      }
    }
  }
  const groups = Array.from({ length: n }, (_, i) => sets.find(i));
  const sizes = new Map<number, number>();
  const labelsOf = new Map<number, Set<number>>();
  groups.forEach((g, i) => {
    sizes.set(g, (sizes.get(g) ?? 0) + 1);
    if (labels) labelsOf.set(g, (labelsOf.get(g) ?? new Set()).add(labels[i]));
  });
  return {
    groups,
    exactCopies,
    nearCopies,
    burstFrames,
    groupCount: [...sizes.values()].filter((s) => s > 1).length,
    mixedLabelGroups: [...labelsOf.values()].filter((s) => s.size > 1).length,
  };
}

/** Groups found per dataset, so the repeats, sweeps and scores of one dataset group it once. */
const groupsOfDataset = new WeakMap<object, DuplicateGroups>();

/**
 * The duplicate groups of a dataset's examples (findDuplicateGroups with their labels), computed once per dataset
 * object and remembered while it lives. Datasets are never mutated after they are made, so this is safe.
 */
export function duplicateGroupsOf(dataset: {
  examples: readonly (GroupableExample & { label: number })[];
}): DuplicateGroups {
  let found = groupsOfDataset.get(dataset);
  if (!found) {
    found = findDuplicateGroups(
      dataset.examples,
      dataset.examples.map((e) => e.label),
    );
    groupsOfDataset.set(dataset, found);
  }
  return found;
}
