/**
 * Decoding users' images in the browser or the worker: checkImageBytes first (format, size, truncation, a
 * sentence naming the file), then `createImageBitmap` and an OffscreenCanvas to read RGB pixels.
 *
 * Images are DOWNSCALED on import so the longer side is ≤ `limits.decodeMaxSide` (512 px), aspect kept, never
 * upscaled. Why: 5,000 phone photos at 12 MP would be 5,000 × 36 MB of RGB (180 GB); at ≤ 512 px they are at
 * most 0.75 MB each (≈ 3.7 GB worst case, ≈ 1 GB for typical 4:3 photos stored encoded), and every backbone here
 * reads 224 px or less, so nothing the models can see is lost. The resize is asked of `createImageBitmap`
 * (`resizeQuality: 'high'`, the browser's good filter, without allocating a full-size canvas) with both
 * sides given explicitly, computed from the header's size after EXIF rotation (Chrome rotates first, then
 * resizes; giving one side only lets it round 4000×3000 to 512×385). If the bitmap comes back another size
 * (a browser resizing before rotating, or ignoring the option), it is decoded again at full size and the
 * canvas step fits it, so the result is always ≤ 512 px with the right aspect.
 *
 * Transparent pixels are composited onto WHITE (a logo on transparency looks like a logo on paper, not on
 * black). Colours are the canvas' sRGB.
 *
 * Requires `createImageBitmap` and `OffscreenCanvas` (Chrome 69+, Firefox 105+, Safari 16.4+), which exist
 * both in a Worker and on the main thread.
 */
import { checkImageBytes, IMAGE_MIME, type ImageFormat } from '../../core/data/imageHeader';
import type { ImportNotice } from '../../core/data/importNotices';
import { truncateEcho } from '../../core/data/importReasons';
import { DEFAULT_LIMITS, type ImportLimits } from '../../core/data/limits';
import { DatasetError, type DecodedImage, type ImageDecoder } from '../../core/data/types';

export interface BrowserDecodeOptions {
  /** Defaults to DEFAULT_LIMITS; `decodeMaxSide` and `thumbnailSide` come from here. */
  limits?: ImportLimits;
  /** Called with non-fatal sentences ("x.gif: animated GIF: only the first frame is used"). */
  onWarning?: (warning: string) => void;
}

export interface ImportedImage {
  /** RGB, longer side ≤ limits.decodeMaxSide. */
  image: DecodedImage;
  /** WebP (JPEG where the browser cannot encode WebP), longer side ≤ limits.thumbnailSide. */
  thumbnail: Blob;
  format: ImageFormat;
  /** Size stated by the file's header (before EXIF rotation). */
  originalWidth: number;
  originalHeight: number;
  warnings: string[];
  /** `warnings` as codes, for the studio to translate. */
  notices: ImportNotice[];
}

/** Anything drawImage accepts that knows its size: ImageBitmap, OffscreenCanvas. */
export type SizedImageSource = CanvasImageSource & { width: number; height: number };

/** The size that fits `width × height` within `maxSide` on its longer side, aspect kept, never upscaled,
 * each side ≥ 1 px. */
export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** RGBA (ImageData.data) → RGB, dropping alpha (composite onto a background before reading). */
export function rgbaToRgb(rgba: Uint8ClampedArray | Uint8Array): Uint8Array {
  const pixels = rgba.length >> 2;
  const rgb = new Uint8Array(pixels * 3);
  for (let i = 0, j = 0; i < pixels; i += 1, j += 4) {
    rgb[i * 3] = rgba[j];
    rgb[i * 3 + 1] = rgba[j + 1];
    rgb[i * 3 + 2] = rgba[j + 2];
  }
  return rgb;
}

function context2d(canvas: OffscreenCanvas): OffscreenCanvasRenderingContext2D {
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('This browser cannot draw on an OffscreenCanvas (2D context unavailable)');
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  return ctx;
}

/** Draws `source` scaled to fit `maxSide` on a white canvas. */
function drawFitted(source: SizedImageSource, maxSide: number): OffscreenCanvas {
  if (typeof OffscreenCanvas === 'undefined') {
    throw new Error('This browser cannot decode images off the page (OffscreenCanvas is missing): update it');
  }
  const size = fitWithin(source.width, source.height, maxSide);
  const canvas = new OffscreenCanvas(size.width, size.height);
  const ctx = context2d(canvas);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, size.width, size.height);
  ctx.drawImage(source, 0, 0, size.width, size.height);
  return canvas;
}

/**
 * A thumbnail of `source` (longer side ≤ `side`, aspect kept) as WebP, or JPEG where WebP encoding is not
 * available (Safari encodes PNG instead of an unknown type; we then ask for JPEG). The caller keeps `source`.
 */
export async function makeThumbnail(source: SizedImageSource, side = DEFAULT_LIMITS.thumbnailSide): Promise<Blob> {
  const canvas = drawFitted(source, side);
  const webp = await canvas.convertToBlob({ type: 'image/webp', quality: 0.8 });
  if (webp.type === 'image/webp') return webp;
  return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
}

/** Checks and decodes into an ImageBitmap already reduced towards `maxSide`; the caller must close() it. */
async function checkedBitmap(bytes: Uint8Array, fileName: string, limits: ImportLimits) {
  const check = checkImageBytes(bytes, fileName, limits);
  if (!check.ok) throw check.error;
  const { format, displayWidth, displayHeight } = check;
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: IMAGE_MIME[format] });
  const target = fitWithin(displayWidth, displayHeight, limits.decodeMaxSide);
  const plain: ImageBitmapOptions = { imageOrientation: 'from-image', premultiplyAlpha: 'none' };
  const shrink = target.width < displayWidth || target.height < displayHeight;
  try {
    if (!shrink) return { check, bitmap: await createImageBitmap(blob, plain) };
    const resized = await createImageBitmap(blob, {
      ...plain,
      resizeWidth: target.width,
      resizeHeight: target.height,
      resizeQuality: 'high',
    });
    if (resized.width === target.width && resized.height === target.height) return { check, bitmap: resized };
    // A browser that resizes before applying EXIF rotation (or ignores the option): decode at full size and
    // let the canvas fit it, rather than keep a squashed image.
    resized.close();
    return { check, bitmap: await createImageBitmap(blob, plain) };
  } catch (error) {
    const detail = error instanceof Error && error.message ? error.message : String(error);
    throw DatasetError.because(
      { code: 'decodeFailed', format: format.toUpperCase(), detail: truncateEcho(detail) },
      fileName,
    );
  }
}

function readRgb(canvas: OffscreenCanvas): DecodedImage {
  const data = context2d(canvas).getImageData(0, 0, canvas.width, canvas.height).data;
  return { width: canvas.width, height: canvas.height, data: rgbaToRgb(data) };
}

/**
 * Import one file: check, decode, downscale to ≤ limits.decodeMaxSide, read RGB, and make its thumbnail from
 * the downscaled canvas. Throws DatasetError naming `fileName` for anything wrong with the file.
 */
export async function decodeImageForImport(
  bytes: Uint8Array,
  fileName: string,
  limits: ImportLimits = DEFAULT_LIMITS,
): Promise<ImportedImage> {
  const { check, bitmap } = await checkedBitmap(bytes, fileName, limits);
  try {
    const canvas = drawFitted(bitmap, limits.decodeMaxSide);
    return {
      image: readRgb(canvas),
      thumbnail: await makeThumbnail(canvas, limits.thumbnailSide),
      format: check.format,
      originalWidth: check.width,
      originalHeight: check.height,
      warnings: check.warnings,
      notices: check.notices,
    };
  } finally {
    bitmap.close();
  }
}

/** The core ImageDecoder contract for the browser: RGB, longer side ≤ limits.decodeMaxSide. */
export function createBrowserDecoder(options: BrowserDecodeOptions = {}): ImageDecoder {
  const limits = options.limits ?? DEFAULT_LIMITS;
  return {
    async decode(bytes: Uint8Array, fileName: string): Promise<DecodedImage> {
      const { check, bitmap } = await checkedBitmap(bytes, fileName, limits);
      try {
        check.warnings.forEach((w) => options.onWarning?.(w));
        return readRgb(drawFitted(bitmap, limits.decodeMaxSide));
      } finally {
        bitmap.close();
      }
    },
  };
}
