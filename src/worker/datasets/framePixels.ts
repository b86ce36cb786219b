/**
 * Browser pixels for prediction and for example thumbnails, in the worker (OffscreenCanvas).
 * - framePixels: a webcam frame → the classifier's input pixels, cropped and scaled ONCE on the canvas straight to
 *   the model's side (a 640×480 frame becomes 224×224 or 28×28 RGB), so core's preprocessing only scales values.
 * - encodePixels: decoded RGB → a PNG Blob (sample digits have no stored thumbnail).
 */
import type { Preprocessing } from '../../core/backbones/types';
import type { DecodedImage } from '../../core/data/types';
import { rgbaToRgb } from './browserDecode';

let canvas: OffscreenCanvas | null = null;
let context: OffscreenCanvasRenderingContext2D | null = null;

function square(side: number): OffscreenCanvasRenderingContext2D {
  if (typeof OffscreenCanvas === 'undefined')
    throw new Error('This browser cannot process frames off the page (no OffscreenCanvas): update it');
  if (!canvas || canvas.width !== side) {
    canvas = new OffscreenCanvas(side, side);
    context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('This browser cannot draw on an OffscreenCanvas (2D context unavailable)');
  }
  return context!;
}

/**
 * The frame as `size`×`size` RGB: the centred square when `pre.centreCrop` (MobileNet, Teachable Machine), else
 * the whole frame squashed (as preprocess.ts does without a crop). Does not close `frame`.
 */
export function framePixels(frame: ImageBitmap, pre: Preprocessing, size: number): DecodedImage {
  const ctx = square(size);
  let [sx, sy, sw, sh] = [0, 0, frame.width, frame.height];
  if (pre.centreCrop) {
    const side = Math.min(frame.width, frame.height);
    [sx, sy, sw, sh] = [(frame.width - side) / 2, (frame.height - side) / 2, side, side];
  }
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, size, size);
  ctx.drawImage(frame, sx, sy, sw, sh, 0, 0, size, size);
  return { width: size, height: size, data: rgbaToRgb(ctx.getImageData(0, 0, size, size).data) };
}

/** RGB pixels as a PNG (lossless: a 28-px digit stays exact; shown scaled up with pixelated rendering). */
export async function encodePixels(image: DecodedImage): Promise<Blob> {
  const target = new OffscreenCanvas(image.width, image.height);
  const ctx = target.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw on an OffscreenCanvas (2D context unavailable)');
  const rgba = new Uint8ClampedArray(image.width * image.height * 4);
  for (let i = 0, j = 0; i < image.data.length; i += 3, j += 4) {
    rgba[j] = image.data[i];
    rgba[j + 1] = image.data[i + 1];
    rgba[j + 2] = image.data[i + 2];
    rgba[j + 3] = 255;
  }
  ctx.putImageData(new ImageData(rgba, image.width, image.height), 0, 0);
  return target.convertToBlob({ type: 'image/png' });
}
