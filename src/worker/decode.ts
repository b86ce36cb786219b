/**
 * Browser image decoding for the worker (core's ImageDecoder contract): encoded bytes → RGB pixels via
 * createImageBitmap and an OffscreenCanvas. No colour-space conversion or alpha premultiplication, so pixel
 * values are the file's own (a greyscale PNG decodes to R = G = B = its grey level); transparency is composited
 * onto white.
 */
import type { DecodedImage, ImageDecoder } from '../core/data/types';
import { DatasetError } from '../core/data/types';

export async function decodeToRgb(bytes: Uint8Array, fileName: string): Promise<DecodedImage> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([bytes as BlobPart]), { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  } catch {
    throw new DatasetError('is not an image this browser can decode (expected PNG or JPEG)', fileName);
  }
  try {
    const { width, height } = bitmap;
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new DatasetError('could not be decoded (no 2D canvas in this browser)', fileName);
    // Transparent pixels become white paper (a drawn digit on a transparent background stays readable).
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    context.drawImage(bitmap, 0, 0);
    const rgba = context.getImageData(0, 0, width, height).data;
    const data = new Uint8Array(width * height * 3);
    for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
      data[j] = rgba[i];
      data[j + 1] = rgba[i + 1];
      data[j + 2] = rgba[i + 2];
    }
    return { width, height, data };
  } finally {
    bitmap.close();
  }
}

export const browserDecoder: ImageDecoder = { decode: decodeToRgb };
