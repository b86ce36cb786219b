/**
 * Per-format header readers for imageHeader.ts: pixel size, animation, EXIF orientation and cheap truncation
 * checks, read from the bytes without decoding. Each reader returns null when its header is unreadable.
 */
import type { ImageFormat } from './imageHeader';
import type { ImportReason } from './importReasons';

/** Header facts; `defect` says why, when the file is truncated or corrupt. */
export interface ImageHeader {
  width: number;
  height: number;
  animated: boolean;
  /** EXIF orientation 1–8 (JPEG only; 1 = as stored). 5–8 mean the displayed image is rotated a quarter
   * turn, so its displayed width is the stored height. */
  orientation?: number;
  defect?: ImportReason;
}

export const ascii = (b: Uint8Array, at: number, n: number): string =>
  at + n > b.length ? '' : String.fromCharCode(...b.subarray(at, at + n));
const u16be = (b: Uint8Array, at: number): number => (b[at] << 8) | b[at + 1];
const u16le = (b: Uint8Array, at: number): number => b[at] | (b[at + 1] << 8);
export const u32be = (b: Uint8Array, at: number): number =>
  ((b[at] << 24) >>> 0) + ((b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]);
export const u32le = (b: Uint8Array, at: number): number =>
  ((b[at + 3] << 24) >>> 0) + ((b[at + 2] << 16) | (b[at + 1] << 8) | b[at]);

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
  for (let at = 8; at + 8 <= b.length;) {
    const length = u32be(b, at);
    const type = ascii(b, at + 4, 4);
    if (type === 'IEND') {
      if (!sawData) header.defect = { code: 'pngNoData' };
      return header;
    }
    if (type === 'IDAT') sawData = true;
    if (type === 'acTL') header.animated = true;
    at += 12 + length;
  }
  header.defect = { code: 'pngTruncated' };
  return header;
}

const TRUNCATED_JPEG: ImportReason = { code: 'jpegTruncated' };

function readJpeg(b: Uint8Array): ImageHeader | null {
  let size: { width: number; height: number } | null = null;
  let orientation = 1;
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
    if (b[at] !== 0xff) return size ? { ...size, animated: false, orientation, defect: { code: 'jpegBroken' } } : null;
    while (at < b.length && b[at] === 0xff) at += 1; // fill bytes
    if (at >= b.length) break;
    const marker = b[at];
    at += 1;
    if (marker === 0xd9) {
      if (!size) return null;
      return { ...size, animated: false, orientation };
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) continue; // standalone markers
    if (at + 2 > b.length) break;
    const length = u16be(b, at);
    if (length < 2) return null;
    if (at + length > b.length) break;
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof && !size && length >= 7) size = { height: u16be(b, at + 3), width: u16be(b, at + 5) };
    if (marker === 0xe1 && orientation === 1 && ascii(b, at + 2, 6) === 'Exif\0\0') {
      orientation = readExifOrientation(b.subarray(at + 8, at + length));
    }
    if (marker === 0xda) {
      if (!size) return null;
      inScan = true;
    }
    at += length;
  }
  return size ? { ...size, animated: false, orientation, defect: TRUNCATED_JPEG } : null;
}

/** Orientation tag (0x0112) of IFD0 in a TIFF block (the EXIF payload after "Exif\0\0"); 1 when absent. */
function readExifOrientation(tiff: Uint8Array): number {
  const little = ascii(tiff, 0, 2) === 'II';
  if (!little && ascii(tiff, 0, 2) !== 'MM') return 1;
  const u16 = (at: number) => (little ? u16le(tiff, at) : u16be(tiff, at));
  const ifd = little ? u32le(tiff, 4) : u32be(tiff, 4);
  if (ifd + 2 > tiff.length) return 1;
  const count = u16(ifd);
  for (let i = 0; i < count; i += 1) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) break;
    if (u16(entry) === 0x0112) {
      const value = u16(entry + 8);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
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
      if (frames === 0) header.defect = { code: 'gifBroken' };
      break;
    }
  }
  if (frames === 0 && !header.defect) header.defect = { code: 'gifTruncated' };
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
  if (u32le(b, 4) + 8 > b.length) header.defect = { code: 'webpTruncated' };
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
    header.defect = { code: 'bmpTruncated' };
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
