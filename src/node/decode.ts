/**
 * Node's ImageDecoder: JPEG (jpeg-js) and PNG (pngjs) bytes → RGB pixels, the same contract and the same
 * pixel conventions as the browser decoder (src/worker/decode.ts): a greyscale or 1-bit PNG gives R = G = B
 * = its grey level, and transparency is composited onto white paper.
 *
 * EXIF orientation is applied (core/data/orientation.ts), as browsers do: a phone photo stored landscape with
 * orientation 6 comes out upright, the same pixels the studio trains on.
 *
 * Every file is checked before decoding by core's checkImageBytes (data/imageHeader.ts): empty files, files
 * that are not images (text, SVG, HEIC, …, by magic bytes, not by extension), truncated files and headers
 * claiming more than `maxMegapixels` fail with a DatasetError naming the file and the reason, before any
 * pixel memory is allocated. Formats a browser reads but these libraries do not (GIF, WebP, BMP, AVIF) are
 * refused with a sentence saying so.
 */
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { checkImageBytes } from '../core/data/imageHeader';
import { DEFAULT_LIMITS } from '../core/data/limits';
import { applyOrientation } from '../core/data/orientation';
import { DatasetError, type DecodedImage, type ImageDecoder } from '../core/data/types';

export interface NodeDecoderOptions {
  /** Largest image accepted, width × height from the header, in megapixels (default 50). */
  maxMegapixels?: number;
}

/** The studio's limit (core/data/limits.ts), so a file the studio accepts is accepted here too. */
export const DEFAULT_MAX_MEGAPIXELS = DEFAULT_LIMITS.maxMegapixels;

export function createNodeDecoder(options: NodeDecoderOptions = {}): ImageDecoder {
  const maxMegapixels = options.maxMegapixels ?? DEFAULT_MAX_MEGAPIXELS;
  return { decode: async (bytes, fileName) => decodeImageBytes(bytes, fileName, maxMegapixels) };
}

/** Synchronous core of the decoder; throws DatasetError (message starts with `fileName`). */
export function decodeImageBytes(
  bytes: Uint8Array,
  fileName: string,
  maxMegapixels = DEFAULT_MAX_MEGAPIXELS,
): DecodedImage {
  const check = checkImageBytes(bytes, fileName, { ...DEFAULT_LIMITS, maxMegapixels });
  if (!check.ok) throw check.error;
  if (check.format === 'jpeg') return applyOrientation(decodeJpeg(bytes, fileName, maxMegapixels), check.orientation);
  if (check.format === 'png') return decodePng(bytes, fileName);
  throw new DatasetError(
    `is ${check.format === 'avif' ? 'an' : 'a'} ${check.format.toUpperCase()} image; the command line reads only JPEG and PNG: convert it`,
    fileName,
  );
}

function decodeJpeg(bytes: Uint8Array, fileName: string, maxMegapixels: number): DecodedImage {
  try {
    // The header was checked already; jpeg-js's own limits are a second fence (memory: RGB output plus its
    // per-component buffers, roughly 8 bytes per pixel, with the library's default 512 MB as a floor).
    const image = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: false,
      maxResolutionInMP: maxMegapixels,
      maxMemoryUsageInMB: Math.max(512, Math.ceil(maxMegapixels * 8)),
    });
    return { width: image.width, height: image.height, data: image.data };
  } catch (error) {
    throw new DatasetError(`is corrupt or an unsupported JPEG variant (${reasonOf(error)})`, fileName);
  }
}

function decodePng(bytes: Uint8Array, fileName: string): DecodedImage {
  let png: PNG;
  try {
    // pngjs expands every colour type and bit depth (1-bit, greyscale, palette, 16-bit) to 8-bit RGBA.
    png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    throw new DatasetError(`is corrupt: the PNG data cannot be decoded (${reasonOf(error)})`, fileName);
  }
  const { width, height } = png;
  const rgba = png.data;
  const data = new Uint8Array(width * height * 3);
  for (let i = 0, j = 0; j < data.length; i += 4, j += 3) {
    const alpha = rgba[i + 3];
    if (alpha === 255) {
      data[j] = rgba[i];
      data[j + 1] = rgba[i + 1];
      data[j + 2] = rgba[i + 2];
    } else {
      // Over white: c·α + 255·(1 − α), α in [0, 1].
      const paper = 255 - alpha;
      data[j] = Math.round((rgba[i] * alpha) / 255 + paper);
      data[j + 1] = Math.round((rgba[i + 1] * alpha) / 255 + paper);
      data[j + 2] = Math.round((rgba[i + 2] * alpha) / 255 + paper);
    }
  }
  return { width, height, data };
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A decoder with the default limits. */
export const nodeDecoder: ImageDecoder = createNodeDecoder();
