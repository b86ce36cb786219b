import { describe, expect, it } from 'vitest';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { checkImageBytes, readImageHeader, sniffFormat } from './imageHeader';
import { withLimits } from './limits';
import { DatasetError } from './types';

// ---- fixture builders: bytes made in the test, no files on disk ----
const enc = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const cat = (...parts: (Uint8Array | number[])[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const le16 = (n: number) => [n & 255, (n >>> 8) & 255];
const le32 = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255];

function pngChunk(type: string, data: Uint8Array | number[]) {
  return cat(be32(data.length), enc(type), data, [0, 0, 0, 0]); // CRC not checked by the header reader
}
/** A PNG claiming width×height, with one IDAT; `ended` adds IEND. */
function fakePng(width: number, height: number, { ended = true, animated = false } = {}) {
  return cat(
    enc('\x89PNG\r\n\x1a\n'),
    pngChunk('IHDR', [...be32(width), ...be32(height), 8, 2, 0, 0, 0]),
    animated ? pngChunk('acTL', [...be32(2), ...be32(0)]) : [],
    pngChunk('IDAT', [120, 156, 99, 0, 0, 0, 1, 0, 1]),
    ended ? pngChunk('IEND', []) : [],
  );
}
function realPng(width: number, height: number) {
  const png = new PNG({ width, height });
  png.data.fill(128);
  return new Uint8Array(PNG.sync.write(png));
}
function realJpeg(width: number, height: number) {
  const data = Buffer.alloc(width * height * 4, 200);
  return new Uint8Array(jpeg.encode({ data, width, height }, 80).data);
}
/** GIF with `frames` 1×1 frames; `trailer` adds the 0x3B end byte. */
function fakeGif(width: number, height: number, frames: number, trailer = true) {
  const frame = [0x2c, ...le16(0), ...le16(0), ...le16(1), ...le16(1), 0, 2, 2, 0x4c, 0x01, 0];
  const gce = [0x21, 0xf9, 4, 0, 10, 0, 0, 0];
  const body: number[] = [];
  for (let i = 0; i < frames; i += 1) body.push(...gce, ...frame);
  return cat(
    enc('GIF89a'),
    [...le16(width), ...le16(height), 0x80, 0, 0],
    new Array(6).fill(0),
    body,
    trailer ? [0x3b] : [],
  );
}
function fakeWebpVp8x(width: number, height: number, animated: boolean) {
  const u24 = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255];
  const chunk = [animated ? 0x02 : 0, 0, 0, 0, ...u24(width - 1), ...u24(height - 1)];
  return cat(enc('RIFF'), le32(4 + 8 + chunk.length), enc('WEBPVP8X'), le32(chunk.length), chunk);
}
function fakeWebpVp8l(width: number, height: number) {
  const bits = (width - 1) | ((height - 1) << 14);
  const chunk = [0x2f, ...le32(bits), 0, 0, 0, 0, 0];
  return cat(enc('RIFF'), le32(4 + 8 + chunk.length), enc('WEBPVP8L'), le32(chunk.length), chunk);
}
function fakeBmp(width: number, height: number) {
  const pixels = width * height * 4;
  return cat(
    enc('BM'),
    le32(54 + pixels),
    [0, 0, 0, 0],
    le32(54),
    le32(40),
    le32(width),
    le32(-height >>> 0),
    le16(1),
    le16(32),
    new Array(24).fill(0),
    new Array(pixels).fill(7),
  );
}
const ftyp = (major: string, ...compatible: string[]) =>
  cat(
    be32(16 + 4 * compatible.length),
    enc('ftyp'),
    enc(major),
    be32(0),
    ...compatible.map(enc),
    new Array(32).fill(0),
  );

const reject = (bytes: Uint8Array, name: string, limits = withLimits()) => {
  const result = checkImageBytes(bytes, name, limits);
  if (result.ok) throw new Error(`expected ${name} to be rejected`);
  expect(result.error).toBeInstanceOf(DatasetError);
  expect(result.error.file).toBe(name);
  expect(result.error.message.startsWith(`${name}: `)).toBe(true);
  return result.error.message;
};

describe('sniffFormat', () => {
  it('tells formats apart by magic bytes, not by name', () => {
    expect(sniffFormat(realPng(3, 2))).toBe('png');
    expect(sniffFormat(realJpeg(3, 2))).toBe('jpeg');
    expect(sniffFormat(fakeGif(1, 1, 1))).toBe('gif');
    expect(sniffFormat(fakeWebpVp8l(5, 4))).toBe('webp');
    expect(sniffFormat(fakeBmp(2, 2))).toBe('bmp');
    expect(sniffFormat(ftyp('heic', 'mif1', 'heic'))).toBe('heic');
    expect(sniffFormat(ftyp('mif1', 'mif1', 'avif'))).toBe('avif');
    expect(sniffFormat(ftyp('isom', 'isom', 'mp41'))).toBe('video');
    expect(sniffFormat(enc('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe('svg');
    expect(sniffFormat(enc('<!DOCTYPE html><html><body>404</body></html>'))).toBe('html');
    expect(sniffFormat(enc('just some notes\n'))).toBe('text');
    expect(sniffFormat(enc('PK\x03\x04rest'))).toBe('zip');
    expect(sniffFormat(enc('%PDF-1.7'))).toBe('pdf');
    expect(sniffFormat(enc('II*\0'))).toBe('tiff');
    expect(sniffFormat(new Uint8Array([0, 1, 2, 3, 250, 251]))).toBe('unknown');
    expect(sniffFormat(new Uint8Array(0))).toBe('unknown');
  });
});

describe('readImageHeader', () => {
  it('reads dimensions without decoding', () => {
    expect(readImageHeader(realPng(37, 21), 'png')).toEqual({ width: 37, height: 21, animated: false });
    expect(readImageHeader(realJpeg(40, 23), 'jpeg')).toEqual({
      width: 40,
      height: 23,
      animated: false,
      orientation: 1,
    });
    expect(readImageHeader(fakeGif(320, 200, 1), 'gif')).toMatchObject({ width: 320, height: 200, animated: false });
    expect(readImageHeader(fakeWebpVp8l(640, 480), 'webp')).toMatchObject({ width: 640, height: 480 });
    expect(readImageHeader(fakeWebpVp8x(1920, 1080, true), 'webp')).toMatchObject({
      width: 1920,
      height: 1080,
      animated: true,
    });
    expect(readImageHeader(fakeBmp(3, 5), 'bmp')).toMatchObject({ width: 3, height: 5, animated: false });
    const avif = cat(
      ftyp('avif', 'avif'),
      enc('meta'),
      new Array(20).fill(0),
      be32(20),
      enc('ispe'),
      be32(0),
      be32(800),
      be32(600),
      new Array(8).fill(0),
    );
    expect(readImageHeader(avif, 'avif')).toMatchObject({ width: 800, height: 600 });
  });

  it('accepts a JPEG with data after EOI (motion photos) and a progressive-style second scan', () => {
    const base = realJpeg(16, 16);
    expect(readImageHeader(cat(base, enc('ftypmp42 trailing video bytes')), 'jpeg')?.defect).toBeUndefined();
    // Insert a DHT + second SOS before EOI, as progressive JPEGs have.
    const body = base.subarray(0, base.length - 2);
    const second = [
      0xff, 0xc4, 0, 4, 0xff, 0xd9, 0xff, 0xda, 0, 3, 0, 0x12, 0x34, 0xff, 0x00, 0xff, 0xd3, 0x56, 0xff, 0xd9,
    ];
    expect(readImageHeader(cat(body, second), 'jpeg')).toEqual({
      width: 16,
      height: 16,
      animated: false,
      orientation: 1,
    });
  });
});

describe('checkImageBytes', () => {
  it('accepts real images and reports their format and size', () => {
    expect(checkImageBytes(realPng(12, 8), 'a.png')).toEqual({
      ok: true,
      format: 'png',
      width: 12,
      height: 8,
      displayWidth: 12,
      displayHeight: 8,
      orientation: 1,
      animated: false,
      warnings: [],
      notices: [],
    });
    expect(checkImageBytes(realJpeg(30, 20), 'b.jpg')).toMatchObject({
      ok: true,
      format: 'jpeg',
      width: 30,
      height: 20,
    });
    // A PNG named .jpg is still a PNG.
    expect(checkImageBytes(realPng(4, 4), 'misnamed.jpg')).toMatchObject({ ok: true, format: 'png' });
  });

  it('rejects a zero-byte file', () => {
    expect(reject(new Uint8Array(0), 'empty.jpg')).toBe('empty.jpg: is an empty file (0 bytes)');
  });

  it('rejects a text file named .jpg, an HTML page, an SVG, a HEIC, a zip', () => {
    expect(reject(enc('hello, I am not a picture\n'), 'notes.jpg')).toContain('is a text file, not an image');
    expect(reject(enc('<!doctype html><html></html>'), 'saved.png')).toContain('web page (HTML), not an image');
    expect(reject(enc('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'), 'logo.svg')).toBe(
      'logo.svg: SVG is not supported: export it as PNG',
    );
    expect(reject(ftyp('heic', 'mif1', 'heic'), 'IMG_0001.HEIC')).toBe(
      'IMG_0001.HEIC: HEIC is not supported by browsers: convert to JPEG',
    );
    expect(reject(enc('PK\x03\x04\x14\0\0\0'), 'cats.png')).toContain('is a zip archive');
  });

  it('rejects a corrupt JPEG and a JPEG truncated before EOI', () => {
    expect(reject(cat([0xff, 0xd8, 0xff, 0xe0, 0, 2], new Array(50).fill(0x41)), 'corrupt.jpg')).toContain('corrupt');
    const full = realJpeg(32, 32);
    const message = reject(full.subarray(0, Math.floor(full.length * 0.7)), 'cut.jpg');
    expect(message).toContain('truncated');
    expect(message).toContain('EOI');
  });

  it('rejects a PNG truncated before IEND, and one cut inside its header', () => {
    expect(reject(fakePng(10, 10, { ended: false }), 'cut.png')).toContain('ends before its end marker (IEND)');
    const real = realPng(20, 20);
    expect(reject(real.subarray(0, real.length - 12), 'cut2.png')).toContain('IEND');
    expect(reject(real.subarray(0, 20), 'tiny.png')).toContain('header is unreadable');
  });

  it('rejects a header claiming 30000×30000 pixels, naming the megapixels and the limit', () => {
    const message = reject(fakePng(30000, 30000), 'huge.png', withLimits({ maxMegapixels: 100 }));
    expect(message).toBe(
      'huge.png: header claims 30000×30000 = 900 megapixels, over the limit of 100 megapixels: scale it down first',
    );
  });

  it('rejects files over the byte limit and a 0×0 header', () => {
    expect(reject(realPng(8, 8), 'big.png', withLimits({ maxBytesPerImage: 10 }))).toContain(
      'over the limit of 10 bytes per image',
    );
    expect(reject(fakePng(0, 10), 'zero.png')).toContain('0×10');
  });

  it('accepts an animated GIF (two frames) with a first-frame warning', () => {
    const result = checkImageBytes(fakeGif(64, 48, 2), 'dance.gif');
    expect(result).toMatchObject({ ok: true, format: 'gif', width: 64, height: 48, animated: true });
    expect(result.ok && result.warnings).toEqual(['dance.gif: animated GIF: only the first frame is used']);
    expect(checkImageBytes(fakeGif(64, 48, 1), 'still.gif')).toMatchObject({ ok: true, animated: false, warnings: [] });
    expect(checkImageBytes(fakePng(5, 5, { animated: true }), 'a.png')).toMatchObject({ ok: true, animated: true });
    expect(checkImageBytes(fakeWebpVp8x(5, 5, true), 'a.webp')).toMatchObject({ ok: true, animated: true });
  });

  it('rejects a GIF cut inside its first frame but accepts one cut after it', () => {
    const two = fakeGif(10, 10, 2, false);
    expect(checkImageBytes(two.subarray(0, 30), 'cut.gif').ok).toBe(false);
    expect(checkImageBytes(fakeGif(10, 10, 1, false), 'notrailer.gif').ok).toBe(true);
  });

  it('rejects a truncated WebP and BMP', () => {
    const webp = fakeWebpVp8l(10, 10);
    expect(reject(cat(webp.subarray(0, 4), le32(500), webp.subarray(8)), 'cut.webp')).toContain('truncated');
    const bmp = fakeBmp(10, 10);
    expect(reject(bmp.subarray(0, 100), 'cut.bmp')).toContain('truncated');
  });

  it('never throws on random bytes behind a real magic number', () => {
    const magics = [
      [0xff, 0xd8, 0xff],
      [...enc('\x89PNG\r\n\x1a\n')],
      [...enc('GIF89a')],
      [...enc('RIFF\0\0\0\0WEBP')],
      [...enc('BM')],
    ];
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 255;
    for (let i = 0; i < 500; i += 1) {
      const magic = magics[i % magics.length];
      const bytes = cat(magic, Array.from({ length: i % 97 }, rand));
      expect(() => checkImageBytes(bytes, 'fuzz.bin')).not.toThrow();
    }
  });
});
