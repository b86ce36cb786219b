/**
 * EXIF orientation applied to decoded pixels, as browsers do (`createImageBitmap(…, {imageOrientation:
 * 'from-image'})`): a phone photo stored landscape with orientation 6 is shown, and trained on, upright. The
 * browser decoder gets this from the browser; a decoder that returns stored pixels (Node's jpeg-js) must call
 * `applyOrientation`, or the command line trains on sideways images the studio shows upright.
 *
 * Orientation values (EXIF 2.32, tag 0x0112), as the transform from stored to displayed pixels:
 * 1 as stored · 2 mirrored left-right · 3 turned 180° · 4 mirrored top-bottom · 5 transposed (mirrored across
 * the main diagonal) · 6 turned 90° clockwise · 7 transversed (across the other diagonal) · 8 turned 90°
 * anticlockwise. 5–8 swap width and height. Any other value is treated as 1, as browsers do.
 */
import type { DecodedImage } from './types';

/** Source pixel (x, y) of displayed pixel (dx, dy), for a stored image of width w and height h. */
type SourceOf = (dx: number, dy: number, w: number, h: number) => [number, number];

const SOURCE_OF: Readonly<Record<number, SourceOf>> = {
  2: (dx, dy, w) => [w - 1 - dx, dy],
  3: (dx, dy, w, h) => [w - 1 - dx, h - 1 - dy],
  4: (dx, dy, _w, h) => [dx, h - 1 - dy],
  5: (dx, dy) => [dy, dx],
  6: (dx, dy, _w, h) => [dy, h - 1 - dx],
  7: (dx, dy, w, h) => [w - 1 - dy, h - 1 - dx],
  8: (dx, dy, w) => [w - 1 - dy, dx],
};

/** True for orientations 5–8, which swap width and height. */
export const swapsSides = (orientation: number): boolean => orientation >= 5 && orientation <= 8;

/**
 * The image as displayed for EXIF `orientation`: a new image (RGB, same pixel values moved), or `image` itself for
 * orientation 1 or an unknown value. Never mutates `image`.
 */
export function applyOrientation(image: DecodedImage, orientation: number): DecodedImage {
  const sourceOf = SOURCE_OF[orientation];
  if (!sourceOf) return image;
  const { width: w, height: h, data } = image;
  const swapped = swapsSides(orientation);
  const width = swapped ? h : w;
  const height = swapped ? w : h;
  const out = new Uint8Array(width * height * 3);
  for (let dy = 0; dy < height; dy += 1) {
    for (let dx = 0; dx < width; dx += 1) {
      const [x, y] = sourceOf(dx, dy, w, h);
      const from = (y * w + x) * 3;
      const to = (dy * width + dx) * 3;
      out[to] = data[from];
      out[to + 1] = data[from + 1];
      out[to + 2] = data[from + 2];
    }
  }
  return { width, height, data: out };
}
