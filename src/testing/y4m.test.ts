import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fitImage, meanRgb, rgbToYuv420, writeY4mClip } from './y4m';

const solid = (w: number, h: number, rgb: number[]) => ({
  width: w,
  height: h,
  data: Uint8Array.from({ length: w * h * 3 }, (_, i) => rgb[i % 3]),
});

describe('fake-camera clips', () => {
  it('converts RGB to full-range YUV 4:2:0 (BT.601)', () => {
    const white = rgbToYuv420(solid(2, 2, [255, 255, 255]));
    expect([...white]).toEqual([255, 255, 255, 255, 128, 128]);
    const red = rgbToYuv420(solid(2, 2, [255, 0, 0]));
    expect(red[0]).toBe(76);
    expect(red[4]).toBe(85);
    expect(red[5]).toBe(255);
  });

  it('writes a header, then every frame as FRAME + planes, each image for its seconds', () => {
    const file = path.join(os.tmpdir(), `clip-${process.pid}.y4m`);
    const frames = writeY4mClip(file, [solid(6, 4, [0, 0, 0]), solid(3, 3, [255, 255, 255])], {
      width: 4,
      height: 2,
      framesPerSecond: 5,
      secondsPerImage: 0.4,
    });
    expect(frames).toBe(4);
    const bytes = readFileSync(file);
    const header = 'YUV4MPEG2 W4 H2 F5:1 Ip A1:1 C420jpeg\n';
    expect(bytes.subarray(0, header.length).toString()).toBe(header);
    expect(bytes.length).toBe(header.length + 4 * (6 + 8 + 2 + 2));
  });

  it('fits an image by centre crop and resize', () => {
    const image = fitImage(solid(10, 4, [10, 20, 30]), 4, 2);
    expect(image.width * image.height * 3).toBe(image.data.length);
    expect(meanRgb(image)).toEqual([10, 20, 30]);
  });
});
