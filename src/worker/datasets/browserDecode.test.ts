/**
 * Node has no createImageBitmap/OffscreenCanvas: these tests stub them to check what the decoder asks of the
 * browser (resize options, canvas size, white background, WebP→JPEG fallback) and what it returns.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PNG } from 'pngjs';
import { createBrowserDecoder, decodeImageForImport, fitWithin, makeThumbnail, rgbaToRgb } from './browserDecode';
import { DatasetError } from '../../core/data/types';
import { withLimits } from '../../core/data/limits';

function pngBytes(width: number, height: number): Uint8Array {
  const png = new PNG({ width, height });
  return new Uint8Array(PNG.sync.write(png));
}
/** A PNG header claiming width×height (IHDR + IDAT + IEND); the stubbed browser never decodes it. */
function claimedPng(width: number, height: number): Uint8Array {
  const real = pngBytes(1, 1);
  const view = new DataView(real.buffer, real.byteOffset);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return real;
}

const calls: { bitmapOptions: ImageBitmapOptions[]; canvases: FakeCanvas[]; encodes: string[] } = {
  bitmapOptions: [],
  canvases: [],
  encodes: [],
};
let webpSupported = true;
let decodeFails = false;
let closed = 0;

class FakeCanvas {
  ops: string[] = [];
  constructor(
    public width: number,
    public height: number,
  ) {
    calls.canvases.push(this);
  }
  getContext() {
    const ops = this.ops;
    return {
      fillStyle: '',
      imageSmoothingEnabled: false,
      imageSmoothingQuality: 'low',
      fillRect() {
        ops.push(`fill ${this.fillStyle}`);
      },
      drawImage(source: { width: number; height: number }, _x: number, _y: number, w: number, h: number) {
        ops.push(`draw ${source.width}x${source.height} -> ${w}x${h}`);
      },
      getImageData(_x: number, _y: number, w: number, h: number) {
        const data = new Uint8ClampedArray(w * h * 4);
        for (let i = 0; i < data.length; i += 1) data[i] = i % 251;
        return { data };
      },
    };
  }
  async convertToBlob({ type }: { type: string }) {
    calls.encodes.push(type);
    const produced = type === 'image/webp' && !webpSupported ? 'image/png' : type;
    return new Blob([new Uint8Array([1, 2, 3])], { type: produced });
  }
}

beforeEach(() => {
  calls.bitmapOptions = [];
  calls.canvases = [];
  calls.encodes = [];
  webpSupported = true;
  decodeFails = false;
  closed = 0;
  vi.stubGlobal('OffscreenCanvas', FakeCanvas);
  vi.stubGlobal('createImageBitmap', async (blob: Blob, options: ImageBitmapOptions) => {
    calls.bitmapOptions.push(options);
    if (decodeFails) throw new Error('The source image could not be decoded.');
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const view = new DataView(bytes.buffer);
    let width = view.getUint32(16);
    let height = view.getUint32(20);
    if (options.resizeWidth && options.resizeHeight) [width, height] = [options.resizeWidth, options.resizeHeight];
    return { width, height, close: () => (closed += 1) };
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('fitWithin / rgbaToRgb', () => {
  it('fits the longer side, keeps aspect, never upscales', () => {
    expect(fitWithin(4000, 3000, 512)).toEqual({ width: 512, height: 384 });
    expect(fitWithin(3000, 4000, 512)).toEqual({ width: 384, height: 512 });
    expect(fitWithin(100, 50, 512)).toEqual({ width: 100, height: 50 });
    expect(fitWithin(10000, 1, 512)).toEqual({ width: 512, height: 1 });
  });
  it('drops alpha', () => {
    expect(rgbaToRgb(new Uint8ClampedArray([1, 2, 3, 4, 5, 6, 7, 8]))).toEqual(new Uint8Array([1, 2, 3, 5, 6, 7]));
  });
});

describe('decodeImageForImport', () => {
  it('downscales a large image to ≤ 512 px via createImageBitmap, on white, and makes a WebP thumbnail', async () => {
    const result = await decodeImageForImport(claimedPng(4000, 3000), 'big.png');
    expect(calls.bitmapOptions[0]).toMatchObject({
      resizeWidth: 512,
      resizeHeight: 384,
      resizeQuality: 'high',
      imageOrientation: 'from-image',
    });
    expect(result.image.width).toBe(512);
    expect(result.image.height).toBe(384);
    expect(result.image.data.length).toBe(512 * 384 * 3);
    expect(result).toMatchObject({ format: 'png', originalWidth: 4000, originalHeight: 3000, warnings: [] });
    expect(calls.canvases[0].ops).toEqual(['fill #ffffff', 'draw 512x384 -> 512x384']);
    expect(calls.canvases[1].ops[1]).toBe('draw 512x384 -> 96x72');
    expect(result.thumbnail.type).toBe('image/webp');
    expect(closed).toBe(1);
  });

  it('asks for both sides of portrait images and leaves small images alone', async () => {
    await decodeImageForImport(claimedPng(1000, 2000), 'tall.png');
    expect(calls.bitmapOptions[0]).toMatchObject({ resizeWidth: 256, resizeHeight: 512 });
    await decodeImageForImport(pngBytes(20, 10), 'small.png');
    expect(calls.bitmapOptions[1].resizeWidth).toBeUndefined();
    expect(calls.bitmapOptions[1].resizeHeight).toBeUndefined();
  });

  it('decodes again at full size and fits when the browser returns another size (resize before rotation)', async () => {
    let call = 0;
    vi.stubGlobal('createImageBitmap', async (_blob: Blob, options: ImageBitmapOptions) => {
      calls.bitmapOptions.push(options);
      call += 1;
      return call === 1
        ? { width: 512, height: 683, close: () => (closed += 1) }
        : { width: 3000, height: 4000, close: () => (closed += 1) };
    });
    const result = await decodeImageForImport(claimedPng(4000, 3000), 'rotated.png');
    expect(calls.bitmapOptions[1].resizeWidth).toBeUndefined();
    expect([result.image.width, result.image.height]).toEqual([384, 512]);
    expect(closed).toBe(2);
  });

  it('swaps the target for EXIF-rotated JPEGs (orientation 6)', async () => {
    const check = await import('../../core/data/imageHeader');
    const jpeg = (await import('jpeg-js')).default;
    const base = new Uint8Array(jpeg.encode({ data: Buffer.alloc(40 * 30 * 4, 90), width: 40, height: 30 }, 80).data);
    const tiff = [0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0];
    const body = [...new TextEncoder().encode('Exif\0\0'), ...tiff];
    const rotated = new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0, body.length + 2, ...body, ...base.subarray(2)]);
    expect(check.checkImageBytes(rotated, 'r.jpg')).toMatchObject({
      width: 40,
      height: 30,
      displayWidth: 30,
      displayHeight: 40,
      orientation: 6,
    });
    vi.stubGlobal('createImageBitmap', async (_blob: Blob, options: ImageBitmapOptions) => {
      calls.bitmapOptions.push(options);
      return { width: options.resizeWidth, height: options.resizeHeight, close: () => (closed += 1) };
    });
    const result = await decodeImageForImport(rotated, 'r.jpg', withLimits({ decodeMaxSide: 20 }));
    expect(calls.bitmapOptions[0]).toMatchObject({ resizeWidth: 15, resizeHeight: 20 });
    expect([result.image.width, result.image.height]).toEqual([15, 20]);
  });

  it('falls back to a JPEG thumbnail where WebP cannot be encoded', async () => {
    webpSupported = false;
    const blob = await makeThumbnail({ width: 200, height: 100 } as unknown as ImageBitmap, 96);
    expect(calls.encodes).toEqual(['image/webp', 'image/jpeg']);
    expect(blob.type).toBe('image/jpeg');
  });

  it('rejects bad files with a DatasetError naming the file, before decoding', async () => {
    const text = new TextEncoder().encode('not an image at all');
    await expect(decodeImageForImport(text, 'cats/notes.jpg')).rejects.toThrow(
      'cats/notes.jpg: is a text file, not an image',
    );
    await expect(decodeImageForImport(claimedPng(30000, 30000), 'huge.png')).rejects.toBeInstanceOf(DatasetError);
    expect(calls.bitmapOptions).toHaveLength(0);
  });

  it('turns a browser decode failure into a DatasetError naming the file', async () => {
    decodeFails = true;
    const error = await decodeImageForImport(pngBytes(4, 4), 'odd.png').catch((e) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect(error.file).toBe('odd.png');
    expect(error.message).toContain('odd.png: could not be decoded as PNG');
  });
});

describe('createBrowserDecoder', () => {
  it('implements ImageDecoder with the limits given', async () => {
    const decoder = createBrowserDecoder({ limits: withLimits({ decodeMaxSide: 64 }) });
    const image = await decoder.decode(claimedPng(640, 480), 'x.png');
    expect([image.width, image.height]).toEqual([64, 48]);
    expect(closed).toBe(1);
  });
});
