/**
 * Test fixtures for the bad-input matrix (docs/guarantees.md), GENERATED so no binary is committed: valid PNGs
 * made from pixels, and the files users really drop by mistake — a corrupt JPEG, a truncated PNG, a text file
 * renamed .jpg, an SVG, a header claiming 30000×30000, an animated GIF, a HEIC, a zip inside a zip, a zip bomb, a
 * zip-slip entry. Plain Uint8Arrays, no Node or DOM API, so vitest, the CLI tests and Playwright share them.
 * Test-only: nothing in the product imports this file.
 */
import { strToU8, zipSync, zlibSync, type Zippable } from 'fflate';

/** CRC-32 as PNG chunks need it. */
export function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];

function concat(parts: readonly (Uint8Array | number[])[]): Uint8Array {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const typeAndData = concat([strToU8(type), data]);
  return concat([u32(data.length), typeAndData, u32(crc32(typeAndData))]);
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A valid 8-bit RGB PNG (real CRCs, real zlib data) whose pixel (x, y) is `pixel(x, y)` = [r, g, b]. */
export function encodePng(
  width: number,
  height: number,
  pixel: (x: number, y: number) => readonly number[],
): Uint8Array {
  const raw = new Uint8Array(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 3);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) raw.set(pixel(x, y).slice(0, 3), row + 1 + x * 3);
  }
  const ihdr = new Uint8Array([...u32(width), ...u32(height), 8, 2, 0, 0, 0]);
  return concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlibSync(raw)),
    pngChunk('IEND', new Uint8Array(0)),
  ]);
}

/**
 * A small valid PNG, different for every `seed`: a diagonal gradient whose colour depends on the seed (and on
 * `hue`, so two classes can look different). Deterministic.
 */
export function patternPng(seed: number, size = 8, hue = 0): Uint8Array {
  return encodePng(size, size, (x, y) => [
    (seed * 37 + x * 16 + hue * 90) & 255,
    (seed * 11 + y * 16) & 255,
    (hue * 120 + (x + y) * 8 + seed) & 255,
  ]);
}

/** The first `fraction` of `bytes` (a download cut short). */
export function truncate(bytes: Uint8Array, fraction = 0.5): Uint8Array {
  return bytes.slice(0, Math.max(1, Math.floor(bytes.length * fraction)));
}

/** A PNG with a complete structure (IHDR, a token IDAT, IEND) whose header claims width × height pixels. */
export function pngClaiming(width: number, height: number): Uint8Array {
  const ihdr = new Uint8Array([...u32(width), ...u32(height), 8, 2, 0, 0, 0]);
  return concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlibSync(new Uint8Array(4))),
    pngChunk('IEND', new Uint8Array(0)),
  ]);
}

/**
 * A corrupt JPEG: the JPEG signature and a JFIF segment, then bytes that are not a JPEG marker (what a disk
 * error or a bad transfer leaves). Not merely truncated: its header itself is unreadable.
 */
export function corruptJpeg(): Uint8Array {
  const jfif = [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...strToU8('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const garbage = Array.from({ length: 600 }, (_, i) => (i * 73 + 17) % 0xfe);
  garbage[0] = 0x12;
  return new Uint8Array([...jfif, ...garbage]);
}

/** A two-frame animated GIF, 1×1 pixel (white, then black), looping. Browsers decode its first frame. */
export function animatedGif(): Uint8Array {
  const frame = (colour: number) => [
    0x21,
    0xf9,
    0x04,
    0x04,
    0x0a,
    0x00,
    0x00,
    0x00, // graphic control: 0.1 s
    0x2c,
    0,
    0,
    0,
    0,
    1,
    0,
    1,
    0,
    0x80, // image descriptor with a 2-colour local table
    ...(colour ? [0, 0, 0, 0, 0, 0] : [255, 255, 255, 255, 255, 255]),
    0x02,
    0x02,
    0x44,
    0x01,
    0x00, // LZW: clear, index 0, end
  ];
  return new Uint8Array([
    ...strToU8('GIF89a'),
    1,
    0,
    1,
    0,
    0x80,
    0,
    0,
    255,
    255,
    255,
    0,
    0,
    0,
    0x21,
    0xff,
    0x0b,
    ...strToU8('NETSCAPE2.0'),
    0x03,
    0x01,
    0x00,
    0x00,
    0x00,
    ...frame(0),
    ...frame(1),
    0x3b,
  ]);
}

/** The start of an iPhone HEIC photo: an ISO-BMFF `ftyp` box with brand heic, then a `meta` box. */
export function heicPhoto(): Uint8Array {
  const ftyp = [0, 0, 0, 0x18, ...strToU8('ftypheic'), 0, 0, 0, 0, ...strToU8('mif1heic')];
  const meta = [0, 0, 0, 0x28, ...strToU8('meta'), ...new Array(32).fill(0)];
  return new Uint8Array([...ftyp, ...meta]);
}

export const SVG_TEXT =
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>\n';
export const svgImage = (): Uint8Array => strToU8(SVG_TEXT);

/** A text file (what "notes.jpg" usually is). */
export const textFile = (text = 'These are my notes about the photos, not a photo.\n'): Uint8Array => strToU8(text);

/** A zip of `files` (path → bytes), deflated. */
export function zip(files: Record<string, Uint8Array>): Uint8Array {
  return zipSync(files as Zippable, { level: 6 });
}

/**
 * A zip bomb: one entry of `megabytes` MB of zeros, deflated at level 9 (about 1,000× smaller), named like an
 * image so only the expansion ratio gives it away.
 */
export function zipBomb(megabytes = 20, entry = 'cats/huge.png'): Uint8Array {
  return zipSync({ [entry]: [new Uint8Array(megabytes * 1024 * 1024), { level: 9 }] } as Zippable);
}

/** Unicode class names that look the same but are different strings: "Café" composed (NFC) and decomposed (NFD). */
export const CAFE_NFC = 'Caf\u00e9';
export const CAFE_NFD = 'Cafe\u0301';

/**
 * `jpeg` (starting with SOI) with an EXIF APP1 segment inserted after SOI whose IFD0 holds only the orientation tag
 * (0x0112) = `orientation`, big-endian: what a phone writes when the photo was taken held sideways.
 */
export function withExifOrientation(jpeg: Uint8Array, orientation: number): Uint8Array {
  const tiff = [0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0];
  const body = [...strToU8('Exif\0\0'), ...tiff];
  return concat([[0xff, 0xd8, 0xff, 0xe1, 0, body.length + 2], body, jpeg.subarray(2)]);
}

/**
 * A zip whose entry names are stored as the given raw bytes WITHOUT the UTF-8 flag (bit 11), as Info-ZIP `zip`, macOS
 * Finder (UTF-8) and Chinese Windows (GBK) write them. Built by zipping ASCII placeholders of the same byte length
 * and overwriting them in the local and central headers.
 */
export function zipWithRawNames(
  entries: readonly (readonly [name: readonly number[], bytes: Uint8Array])[],
): Uint8Array {
  const placeholders = entries.map(([name], i) => `${String.fromCharCode(65 + i)}`.repeat(name.length));
  const out = zipSync(Object.fromEntries(entries.map(([, bytes], i) => [placeholders[i], bytes])) as Zippable, {
    level: 0,
  });
  // Overwrite each placeholder where a header names it: local headers (name at +30), central ones (at +46).
  const index = new Map(placeholders.map((p, i) => [p, i]));
  const nameAt = (at: number, offset: number) => {
    const length = out[at + 26 + (offset === 46 ? 2 : 0)] | (out[at + 27 + (offset === 46 ? 2 : 0)] << 8);
    const i = index.get(String.fromCharCode(...out.subarray(at + offset, at + offset + length)));
    if (i !== undefined) out.set(entries[i][0], at + offset);
  };
  for (let at = 0; at + 4 <= out.length; at += 1) {
    if (out[at] !== 0x50 || out[at + 1] !== 0x4b) continue;
    if (out[at + 2] === 3 && out[at + 3] === 4) nameAt(at, 30);
    else if (out[at + 2] === 1 && out[at + 3] === 2) nameAt(at, 46);
  }
  return out;
}

/** Bytes of `text` in UTF-8 (for zipWithRawNames). */
export const utf8 = (text: string): number[] => [...strToU8(text)];
