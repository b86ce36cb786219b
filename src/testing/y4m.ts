/**
 * A fake-camera clip for Chromium (`--use-file-for-fake-video-capture=clip.y4m`) made from real photos: each photo
 * fills the frame (centre-cropped to 4:3, bilinear-resized) for `secondsPerImage`, in turn, and Chromium loops the
 * clip. Y4M is an uncompressed header + "FRAME" + planar Y, U, V (4:2:0, full-range BT.601 as 'C420jpeg').
 * Synchronous, so a Playwright spec can write it before its browser starts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import jpeg from 'jpeg-js';
import type { DecodedImage } from '../core/data/types';

/** A JPEG file as RGB (the same contract as the app's decoders). */
export function readJpegRgb(file: string): DecodedImage {
  const decoded = jpeg.decode(readFileSync(file), { useTArray: true, formatAsRGBA: true });
  const rgb = new Uint8Array(decoded.width * decoded.height * 3);
  for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) {
    rgb[i] = decoded.data[j];
    rgb[i + 1] = decoded.data[j + 1];
    rgb[i + 2] = decoded.data[j + 2];
  }
  return { width: decoded.width, height: decoded.height, data: rgb };
}

/** The centred `width`:`height` crop of `image`, bilinear-resized to width × height (RGB). */
export function fitImage(image: DecodedImage, width: number, height: number): DecodedImage {
  const scale = Math.min(image.width / width, image.height / height);
  const x0 = (image.width - width * scale) / 2;
  const y0 = (image.height - height * scale) / 2;
  const out = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(image.height - 1, Math.max(0, y0 + (y + 0.5) * scale - 0.5));
    const ya = Math.floor(sy);
    const yb = Math.min(image.height - 1, ya + 1);
    const fy = sy - ya;
    for (let x = 0; x < width; x++) {
      const sx = Math.min(image.width - 1, Math.max(0, x0 + (x + 0.5) * scale - 0.5));
      const xa = Math.floor(sx);
      const xb = Math.min(image.width - 1, xa + 1);
      const fx = sx - xa;
      for (let c = 0; c < 3; c++) {
        const at = (xx: number, yy: number) => image.data[(yy * image.width + xx) * 3 + c];
        const top = at(xa, ya) * (1 - fx) + at(xb, ya) * fx;
        const bottom = at(xa, yb) * (1 - fx) + at(xb, yb) * fx;
        out[(y * width + x) * 3 + c] = Math.round(top * (1 - fy) + bottom * fy);
      }
    }
  }
  return { width, height, data: out };
}

/** One frame's Y, U and V planes (4:2:0: U and V averaged over 2×2 blocks); width and height must be even. */
export function rgbToYuv420(image: DecodedImage): Uint8Array {
  const { width, height, data } = image;
  const ySize = width * height;
  const cSize = (width / 2) * (height / 2);
  const out = new Uint8Array(ySize + 2 * cSize);
  const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));
  for (let i = 0; i < ySize; i++) {
    const [r, g, b] = [data[3 * i], data[3 * i + 1], data[3 * i + 2]];
    out[i] = clamp(0.299 * r + 0.587 * g + 0.114 * b);
  }
  for (let y = 0; y < height / 2; y++) {
    for (let x = 0; x < width / 2; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ]) {
        const p = ((2 * y + dy) * width + 2 * x + dx) * 3;
        r += data[p] / 4;
        g += data[p + 1] / 4;
        b += data[p + 2] / 4;
      }
      const c = y * (width / 2) + x;
      out[ySize + c] = clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
      out[ySize + cSize + c] = clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
    }
  }
  return out;
}

export interface ClipOptions {
  width: number;
  height: number;
  framesPerSecond: number;
  secondsPerImage: number;
}

/** Writes the clip of `images` (each shown for secondsPerImage, in order) to `file`; returns the frame count. */
export function writeY4mClip(file: string, images: readonly DecodedImage[], options: ClipOptions): number {
  const { width, height, framesPerSecond, secondsPerImage } = options;
  if (width % 2 || height % 2) throw new RangeError('Y4M 4:2:0 needs an even width and height');
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${framesPerSecond}:1 Ip A1:1 C420jpeg\n`);
  const marker = Buffer.from('FRAME\n');
  const perImage = Math.round(framesPerSecond * secondsPerImage);
  const parts: Buffer[] = [header];
  for (const image of images) {
    const planes = Buffer.from(rgbToYuv420(fitImage(image, width, height)));
    for (let f = 0; f < perImage; f++) parts.push(marker, planes);
  }
  writeFileSync(file, Buffer.concat(parts));
  return images.length * perImage;
}

/** Mean R, G and B of an image (to tell which photo a camera frame shows). */
export function meanRgb(image: DecodedImage): [number, number, number] {
  const sum = [0, 0, 0];
  for (let i = 0; i < image.data.length; i += 3) for (let c = 0; c < 3; c++) sum[c] += image.data[i + c];
  const n = image.data.length / 3;
  return [sum[0] / n, sum[1] / n, sum[2] / n];
}
