/**
 * What a dropped file really is, read from its first bytes, and its pixel size read from its header, without
 * decoding it. Used before every decode so that a user's stray file gets a sentence naming it and the reason
 * instead of a decoder exception or a tab that runs out of memory.
 *
 * Decisions:
 * - Animated GIF / animated WebP / APNG are ACCEPTED: browsers decode the first frame, which is what is used;
 *   the check returns a warning saying so.
 * - SVG, HEIC/HEIF, TIFF, PDF, videos, text/HTML and zips are rejected with what to do instead.
 * - Truncation is detected where it is cheap: PNG without IEND (chunk walk), JPEG without EOI (marker walk +
 *   one linear scan of the entropy-coded data), GIF ending inside its first frame, WebP/BMP shorter than
 *   their header says. JPEGs with data after EOI (motion photos, maker trailers) are fine.
 * - The file's extension is ignored: browsers sniff content too, so a PNG named .jpg is just a PNG.
 */
import { DEFAULT_LIMITS, formatBytes, type ImportLimits } from './limits';
import { DatasetError } from './types';

/** Formats the studio decodes (browser createImageBitmap; Node: see src/cli/nodeDecode.ts for its subset). */
export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'bmp' | 'avif';

/** Everything sniffFormat can tell apart. */
export type SniffedFormat =
  | ImageFormat
  | 'svg'
  | 'html'
  | 'text'
  | 'heic'
  | 'tiff'
  | 'pdf'
  | 'zip'
  | 'video'
  | 'unknown';

export const IMAGE_MIME: Readonly<Record<ImageFormat, string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
  avif: 'image/avif',
};

export type ImageCheck =
  | {
      ok: true;
      format: ImageFormat;
      /** Pixel size as stored in the header (before any EXIF rotation). */
      width: number;
      height: number;
      animated: boolean;
      /** Sentences starting with the file name; the import goes ahead. */
      warnings: string[];
    }
  | { ok: false; error: DatasetError };

/** Header facts; `defect` is a plain-words reason when the file is truncated or corrupt. */
export interface ImageHeader {
  width: number;
  height: number;
  animated: boolean;
  defect?: string;
}

const ascii = (b: Uint8Array, at: number, n: number): string =>
  at + n > b.length ? '' : String.fromCharCode(...b.subarray(at, at + n));
const u16be = (b: Uint8Array, at: number): number => (b[at] << 8) | b[at + 1];
const u16le = (b: Uint8Array, at: number): number => b[at] | (b[at + 1] << 8);
const u32be = (b: Uint8Array, at: number): number => ((b[at] << 24) >>> 0) + ((b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]);
const u32le = (b: Uint8Array, at: number): number => ((b[at + 3] << 24) >>> 0) + ((b[at + 2] << 16) | (b[at + 1] << 8) | b[at]);

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1']);
const BMP_DIB_SIZES = new Set([12, 16, 40, 52, 56, 64, 108, 124]);

/** Identifies a file by its magic bytes. Never throws; an empty array is 'unknown'. */
export function sniffFormat(bytes: Uint8Array): SniffedFormat {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (ascii(b, 0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a') return 'gif';
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'webp';
  if (ascii(b, 0, 2) === 'BM' && b.length >= 26 && BMP_DIB_SIZES.has(u32le(b, 14))) return 'bmp';
  if (ascii(b, 0, 4) === 'II*\0' || ascii(b, 0, 4) === 'MM\0*') return 'tiff';
  if (ascii(b, 0, 5) === '%PDF-') return 'pdf';
  if (ascii(b, 0, 4) === 'PK\x03\x04' || ascii(b, 0, 4) === 'PK\x05\x06') return 'zip';
  if (ascii(b, 4, 4) === 'ftyp') return sniffIsoBrand(b);
  return sniffText(b);
}

/** ISO base media (ftyp box): AVIF, HEIC/HEIF, or else a video (mp4, mov, 3gp). */
function sniffIsoBrand(b: Uint8Array): SniffedFormat {
  const boxEnd = Math.min(b.length, Math.max(16, u32be(b, 0)));
  const brands = [ascii(b, 8, 4)];
  for (let at = 16; at + 4 <= boxEnd; at += 4) brands.push(ascii(b, at, 4));
  if (brands.some((brand) => brand === 'avif' || brand === 'avis')) return 'avif';
  if (brands.some((brand) => HEIF_BRANDS.has(brand))) return 'heic';
  return 'video';
}

function sniffText(b: Uint8Array): SniffedFormat {
  const start = b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  const head = b.subarray(start, Math.min(b.length, start + 4096));
  if (head.length === 0) return 'unknown';
  let textLike = 0;
  for (const byte of head) {
    if (byte === 0) return 'unknown';
    if (byte >= 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) textLike += 1;
  }
  if (textLike < head.length * 0.95) return 'unknown';
  const text = String.fromCharCode(...head).toLowerCase();
  if (text.includes('<svg')) return 'svg';
  if (text.includes('<html') || text.includes('<!doctype html')) return 'html';
  return 'text';
}

/** Reads width/height (and animation, truncation) from the header of a sniffed image format; null when the
 * header itself is unreadable. Cost: a chunk/marker walk; for JPEG one pass over the bytes. */
export function readImageHeader(bytes: Uint8Array, format: ImageFormat): ImageHeader | null {
  switch (format) {
    case 'png':
      return readPng(bytes);
    case 'jpeg':
      return readJpeg(bytes);
    case 'gif':
      return readGif(bytes);
    case 'webp':
      return readWebp(bytes);
    case 'bmp':
      return readBmp(bytes);
    case 'avif':
      return readAvif(bytes);
  }
}

function readPng(b: Uint8Array): ImageHeader | null {
  if (b.length < 33 || u32be(b, 8) !== 13 || ascii(b, 12, 4) !== 'IHDR') return null;
  const header: ImageHeader = { width: u32be(b, 16), height: u32be(b, 20), animated: false };
  let sawData = false;
  for (let at = 8; at + 8 <= b.length; ) {
    const length = u32be(b, at);
    const type = ascii(b, at + 4, 4);
    if (type === 'IEND') {
      if (!sawData) header.defect = 'is corrupt: the PNG has no image data (IDAT)';
      return header;
    }
    if (type === 'IDAT') sawData = true;
    if (type === 'acTL') header.animated = true;
    at += 12 + length;
  }
  header.defect = 'is truncated or corrupt: the PNG ends before its end marker (IEND); re-download or re-export it';
  return header;
}

const TRUNCATED_JPEG = 'is truncated or corrupt: the JPEG ends before its end marker (EOI); re-download or re-save it';

function readJpeg(b: Uint8Array): ImageHeader | null {
  let size: { width: number; height: number } | null = null;
  let at = 2;
  let inScan = false;
  while (at < b.length) {
    if (inScan) {
      // Entropy-coded data: 0xFF is followed by 0x00 (stuffing), RSTn, fill 0xFF, or the next marker.
      const ff = b.indexOf(0xff, at);
      if (ff < 0 || ff + 1 >= b.length) break;
      const next = b[ff + 1];
      if (next === 0x00 || (next >= 0xd0 && next <= 0xd7) || next === 0xff) {
        at = ff + (next === 0xff ? 1 : 2);
        continue;
      }
      at = ff;
      inScan = false;
    }
    if (b[at] !== 0xff) return size ? { ...size, animated: false, defect: 'is corrupt: the JPEG structure is broken' } : null;
    while (at < b.length && b[at] === 0xff) at += 1; // fill bytes
    if (at >= b.length) break;
    const marker = b[at];
    at += 1;
    if (marker === 0xd9) {
      if (!size) return null;
      return { ...size, animated: false };
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) continue; // standalone markers
    if (at + 2 > b.length) break;
    const length = u16be(b, at);
    if (length < 2) return null;
    if (at + length > b.length) break;
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof && !size && length >= 7) size = { height: u16be(b, at + 3), width: u16be(b, at + 5) };
    if (marker === 0xda) {
      if (!size) return null;
      inScan = true;
    }
    at += length;
  }
  return size ? { ...size, animated: false, defect: TRUNCATED_JPEG } : null;
}

function readGif(b: Uint8Array): ImageHeader | null {
  if (b.length < 13) return null;
  const header: ImageHeader = { width: u16le(b, 6), height: u16le(b, 8), animated: false };
  const tableSize = (packed: number) => (packed & 0x80 ? 3 * 2 ** ((packed & 7) + 1) : 0);
  const skipSubBlocks = (from: number): number => {
    let at = from;
    while (at < b.length && b[at] !== 0) at += b[at] + 1;
    return at + 1; // past the 0 terminator (may exceed b.length when truncated)
  };
  let at = 13 + tableSize(b[10]);
  let frames = 0;
  while (at < b.length) {
    const block = b[at];
    if (block === 0x3b) break; // trailer
    if (block === 0x21) {
      at = skipSubBlocks(at + 2);
    } else if (block === 0x2c) {
      if (at + 10 > b.length) break;
      at = skipSubBlocks(at + 10 + tableSize(b[at + 9]) + 1);
      if (at > b.length) break;
      frames += 1;
      if (frames >= 2) {
        header.animated = true;
        break;
      }
    } else {
      if (frames === 0) header.defect = 'is corrupt: the GIF structure is broken before its first frame';
      break;
    }
  }
  if (frames === 0 && !header.defect) header.defect = 'is truncated or corrupt: the GIF ends inside its first frame';
  return header;
}

function readWebp(b: Uint8Array): ImageHeader | null {
  if (b.length < 30) return null;
  const chunk = ascii(b, 12, 4);
  const d = 20;
  let header: ImageHeader;
  if (chunk === 'VP8 ' && b[d + 3] === 0x9d && b[d + 4] === 0x01 && b[d + 5] === 0x2a) {
    header = { width: u16le(b, d + 6) & 0x3fff, height: u16le(b, d + 8) & 0x3fff, animated: false };
  } else if (chunk === 'VP8L' && b[d] === 0x2f) {
    const bits = u32le(b, d + 1);
    header = { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1, animated: false };
  } else if (chunk === 'VP8X') {
    const u24 = (at: number) => b[at] | (b[at + 1] << 8) | (b[at + 2] << 16);
    header = { width: u24(d + 4) + 1, height: u24(d + 7) + 1, animated: (b[d] & 0x02) !== 0 };
  } else {
    return null;
  }
  if (u32le(b, 4) + 8 > b.length) header.defect = 'is truncated: the WebP file is shorter than its header says';
  return header;
}

function readBmp(b: Uint8Array): ImageHeader | null {
  const dib = u32le(b, 14);
  const header: ImageHeader =
    dib === 12
      ? { width: u16le(b, 18), height: u16le(b, 20), animated: false }
      : { width: Math.abs(u32le(b, 18) | 0), height: Math.abs(u32le(b, 22) | 0), animated: false };
  const declared = u32le(b, 2);
  if ((declared > 0 && declared > b.length) || u32le(b, 10) > b.length) {
    header.defect = 'is truncated: the BMP file is shorter than its header says';
  }
  return header;
}

/** AVIF: the largest 'ispe' (image spatial extent) property in the first 64 KB (the primary image's). */
function readAvif(b: Uint8Array): ImageHeader | null {
  let best: ImageHeader | null = null;
  const end = Math.min(b.length - 16, 65536);
  for (let at = 0; at <= end; at += 1) {
    if (b[at] !== 0x69 || ascii(b, at, 4) !== 'ispe') continue;
    const width = u32be(b, at + 8);
    const height = u32be(b, at + 12);
    if (!best || width * height > best.width * best.height) best = { width, height, animated: false };
  }
  return best;
}

const REJECTIONS: Partial<Record<SniffedFormat, string>> = {
  svg: 'SVG is not supported: export it as PNG',
  heic: 'HEIC is not supported by browsers: convert to JPEG',
  tiff: 'TIFF is not supported by browsers: convert to PNG or JPEG',
  html: 'is a web page (HTML), not an image: save the image itself',
  text: 'is a text file, not an image',
  pdf: 'is a PDF document, not an image: export its pages as PNG',
  zip: 'is a zip archive, not an image: drop the zip on its own to import the images inside',
  video: 'is a video, not an image: export frames as JPEG or PNG',
  unknown: 'is not a recognised image (JPEG, PNG, GIF, WebP, BMP or AVIF expected)',
};

/**
 * Checks one file before decoding it: size, real format, header dimensions against `limits.maxMegapixels`,
 * truncation. Never throws; a rejected file gives `{ok: false, error}` with a DatasetError whose message
 * starts with `fileName`.
 */
export function checkImageBytes(
  bytes: Uint8Array,
  fileName: string,
  limits: ImportLimits = DEFAULT_LIMITS,
): ImageCheck {
  const fail = (reason: string): ImageCheck => ({ ok: false, error: new DatasetError(reason, fileName) });
  if (bytes.length === 0) return fail('is an empty file (0 bytes)');
  if (bytes.length > limits.maxBytesPerImage) {
    return fail(`is ${formatBytes(bytes.length)}, over the limit of ${formatBytes(limits.maxBytesPerImage)} per image`);
  }
  const sniffed = sniffFormat(bytes);
  if (!(sniffed in IMAGE_MIME)) return fail(REJECTIONS[sniffed] ?? REJECTIONS.unknown!);
  const format = sniffed as ImageFormat;
  const header = readImageHeader(bytes, format);
  const name = format.toUpperCase();
  if (!header) return fail(`is corrupt: its ${name} header is unreadable`);
  if (header.defect) return fail(header.defect);
  const { width, height } = header;
  if (width === 0 || height === 0) return fail(`is corrupt: its ${name} header gives a size of ${width}×${height} pixels`);
  const megapixels = (width * height) / 1e6;
  if (megapixels > limits.maxMegapixels) {
    const mp = megapixels >= 10 ? Math.round(megapixels) : Math.round(megapixels * 10) / 10;
    return fail(
      `header claims ${width}×${height} = ${mp} megapixels, over the limit of ${limits.maxMegapixels} megapixels: scale it down first`,
    );
  }
  const warnings: string[] = [];
  if (header.animated) {
    const kind = format === 'png' ? 'animated PNG' : `animated ${name}`;
    warnings.push(`${fileName}: ${kind}: only the first frame is used`);
  }
  return { ok: true, format, width, height, animated: header.animated, warnings };
}
