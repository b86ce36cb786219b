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
import { ascii, readImageHeader, u32be, u32le } from './headerReaders';
import { formatImportNotice, type ImportNotice } from './importNotices';
import type { ImportReason } from './importReasons';
import { DEFAULT_LIMITS, type ImportLimits } from './limits';
import { DatasetError } from './types';

export { readImageHeader, type ImageHeader } from './headerReaders';

/** Formats the studio decodes (browser createImageBitmap; Node: see src/node/decode.ts for its subset). */
export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'bmp' | 'avif';

/** Everything sniffFormat can tell apart. */
export type SniffedFormat =
  ImageFormat | 'svg' | 'html' | 'text' | 'heic' | 'tiff' | 'pdf' | 'zip' | 'video' | 'unknown';

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
      /** Size as displayed: width/height swapped when EXIF orientation is 5–8 (browsers apply it). */
      displayWidth: number;
      displayHeight: number;
      /** EXIF orientation 1–8 (1 = as stored; always 1 except JPEG). Browsers apply it; a Node decoder must. */
      orientation: number;
      animated: boolean;
      /** Sentences starting with the file name; the import goes ahead. */
      notices: ImportNotice[];
      warnings: string[];
    }
  | { ok: false; error: DatasetError };

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

const REJECTIONS: Partial<Record<SniffedFormat, ImportReason>> = {
  svg: { code: 'svg' },
  heic: { code: 'heic' },
  tiff: { code: 'tiff' },
  html: { code: 'html' },
  text: { code: 'text' },
  pdf: { code: 'pdf' },
  zip: { code: 'zipArchive' },
  video: { code: 'video' },
  unknown: { code: 'unknownFormat' },
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
  const fail = (reason: ImportReason): ImageCheck => ({ ok: false, error: DatasetError.because(reason, fileName) });
  if (bytes.length === 0) return fail({ code: 'emptyFile' });
  if (bytes.length > limits.maxBytesPerImage) {
    return fail({ code: 'tooLarge', bytes: bytes.length, limitBytes: limits.maxBytesPerImage });
  }
  const sniffed = sniffFormat(bytes);
  if (!(sniffed in IMAGE_MIME)) return fail(REJECTIONS[sniffed] ?? REJECTIONS.unknown!);
  const format = sniffed as ImageFormat;
  const header = readImageHeader(bytes, format);
  const name = format.toUpperCase();
  if (!header) return fail({ code: 'headerUnreadable', format: name });
  if (header.defect) return fail(header.defect);
  const { width, height } = header;
  if (width === 0 || height === 0) return fail({ code: 'zeroSize', format: name, width, height });
  const megapixels = (width * height) / 1e6;
  if (megapixels > limits.maxMegapixels) {
    const mp = megapixels >= 10 ? Math.round(megapixels) : Math.round(megapixels * 10) / 10;
    return fail({ code: 'tooManyPixels', width, height, megapixels: mp, limitMegapixels: limits.maxMegapixels });
  }
  const notices: ImportNotice[] = header.animated ? [{ code: 'animated', file: fileName, format: name }] : [];
  const orientation = header.orientation ?? 1;
  const turned = orientation >= 5;
  return {
    ok: true,
    format,
    width,
    height,
    displayWidth: turned ? height : width,
    displayHeight: turned ? width : height,
    orientation,
    animated: header.animated,
    notices,
    warnings: notices.map(formatImportNotice),
  };
}
