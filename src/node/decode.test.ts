import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createNodeDecoder, decodeImageBytes } from './decode';
import { DatasetError } from '../core/data/types';
import jpeg from 'jpeg-js';
import { applyOrientation } from '../core/data/orientation';
import { withExifOrientation } from '../core/testing/badInputs';
import { jpegClaiming, pngClaiming, rgbaPng, SVG_TEXT } from '../testing/files';
import { SHARED_DATASETS } from '../testing/paths';

function filesOf(dataset: string): string[] {
  const root = path.join(SHARED_DATASETS, dataset);
  return readdirSync(root)
    .sort()
    .flatMap((cls) =>
      readdirSync(path.join(root, cls))
        .sort()
        .map((f) => path.join(root, cls, f)),
    );
}

function expectDatasetError(fn: () => unknown, file: string, reason: RegExp): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetError).file).toBe(file);
    expect((error as Error).message.startsWith(`${file}: `)).toBe(true);
    expect((error as Error).message).toMatch(reason);
    return;
  }
  throw new Error(`expected a DatasetError for ${file}`);
}

describe('decodeImageBytes on the shared datasets', () => {
  const expectations: [string, number, { width: number; height: number } | null][] = [
    ['flowers', 200, { width: 227, height: 227 }],
    ['omniglot', 400, { width: 105, height: 105 }],
    ['digits-mnist', 300, { width: 28, height: 28 }],
    ['digits-mnistm', 300, { width: 32, height: 32 }],
    ['dtd', 120, null],
  ];
  for (const [dataset, count, size] of expectations) {
    it(`decodes every ${dataset} image to RGB`, () => {
      const files = filesOf(dataset);
      expect(files.length).toBe(count);
      for (const file of files) {
        const image = decodeImageBytes(readFileSync(file), file);
        expect(image.data.length).toBe(image.width * image.height * 3);
        if (size) expect({ width: image.width, height: image.height }).toEqual(size);
      }
    });
  }

  it('a 1-bit omniglot PNG becomes black strokes on white, R = G = B', () => {
    const file = filesOf('omniglot')[0];
    const { data } = decodeImageBytes(readFileSync(file), file);
    const values = new Set(data);
    expect([...values].sort((a, b) => a - b)).toEqual([0, 255]);
    for (let i = 0; i < data.length; i += 3) expect(data[i] === data[i + 1] && data[i] === data[i + 2]).toBe(true);
    const white = data.filter((v) => v === 255).length / data.length;
    expect(white).toBeGreaterThan(0.8); // mostly paper
  });

  it('an RGBA digits-mnist PNG keeps its grey levels (alpha is 255), black digit on white', () => {
    const file = filesOf('digits-mnist')[0];
    const { data } = decodeImageBytes(readFileSync(file), file);
    expect(data[0]).toBe(255); // the corner is paper
    expect(Math.min(...data)).toBeLessThan(50); // the stroke is dark
  });
});

describe('decodeImageBytes pixel conventions', () => {
  it('composites transparency onto white', () => {
    const bytes = rgbaPng([
      [
        [0, 0, 0, 255],
        [0, 0, 0, 0],
        [100, 200, 0, 128],
      ],
    ]);
    const { data } = decodeImageBytes(bytes, 'a.png');
    // Opaque black stays black, fully transparent is white, half-transparent is half way to white.
    expect(Array.from(data)).toEqual([0, 0, 0, 255, 255, 255, Math.round(50.2 + 127), Math.round(100.39 + 127), 127]);
  });
});

describe('decodeImageBytes applies EXIF orientation (issue 13, item 1)', () => {
  /** 32×16, left half red, right half blue: sideways is easy to see. */
  const landscape = new Uint8Array(
    jpeg.encode(
      {
        width: 32,
        height: 16,
        data: Buffer.from(
          Array.from({ length: 32 * 16 }, (_, i) => (i % 32 < 16 ? [230, 20, 20, 255] : [20, 20, 230, 255])).flat(),
        ),
      },
      95,
    ).data,
  );

  it('a portrait phone photo (orientation 6) is decoded upright, as the studio shows it', () => {
    const plain = decodeImageBytes(landscape, 'plain.jpg');
    const portrait = decodeImageBytes(withExifOrientation(landscape, 6), 'portrait.jpg');
    expect([portrait.width, portrait.height]).toEqual([16, 32]);
    // Turned clockwise: the red left half is now the top half.
    expect(portrait.data[0]).toBeGreaterThan(150);
    expect(portrait.data[31 * 16 * 3 + 2]).toBeGreaterThan(150);
    expect(portrait).toEqual(applyOrientation(plain, 6));
  });

  it('every orientation 1–8 gives the stored pixels turned as EXIF says', () => {
    const plain = decodeImageBytes(landscape, 'plain.jpg');
    for (let orientation = 1; orientation <= 8; orientation++) {
      const decoded = decodeImageBytes(withExifOrientation(landscape, orientation), `o${orientation}.jpg`);
      expect(decoded, `orientation ${orientation}`).toEqual(applyOrientation(plain, orientation));
    }
  });
});

describe('decodeImageBytes on bad files', () => {
  const good = readFileSync(filesOf('omniglot')[0]);
  const goodJpeg = readFileSync(filesOf('flowers')[0]);

  it('zero-byte file', () => {
    expectDatasetError(() => decodeImageBytes(new Uint8Array(0), 'empty.jpg'), 'empty.jpg', /empty file \(0 bytes\)/);
  });

  it('text renamed .jpg', () => {
    const text = Buffer.from('just some notes\nnot an image\n');
    expectDatasetError(() => decodeImageBytes(text, 'notes.jpg'), 'notes.jpg', /text file, not an image/);
  });

  it('SVG', () => {
    expectDatasetError(() => decodeImageBytes(Buffer.from(SVG_TEXT), 'logo.png'), 'logo.png', /SVG is not supported/);
  });

  it('GIF and HEIC say what they are', () => {
    const gif = Buffer.concat([
      Buffer.from('GIF89a'),
      Buffer.from([1, 0, 1, 0, 0, 0, 0, 0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0, 0x3b]),
    ]);
    expectDatasetError(() => decodeImageBytes(gif, 'a.gif'), 'a.gif', /GIF/);
    const heic = Buffer.concat([
      Buffer.from([0, 0, 0, 24]),
      Buffer.from('ftypheic'),
      Buffer.alloc(4),
      Buffer.from('mif1heic'),
    ]);
    expectDatasetError(() => decodeImageBytes(heic, 'IMG_1.jpg'), 'IMG_1.jpg', /HEIC/);
  });

  it('truncated PNG and truncated JPEG', () => {
    expectDatasetError(() => decodeImageBytes(good.subarray(0, good.length >> 1), 'cut.png'), 'cut.png', /truncated/);
    expectDatasetError(
      () => decodeImageBytes(goodJpeg.subarray(0, goodJpeg.length >> 1), 'cut.jpg'),
      'cut.jpg',
      /truncated/,
    );
  });

  it('corrupt PNG data (complete structure, damaged bytes)', () => {
    const damaged = Buffer.from(good);
    for (let i = 60; i < 70; i++) damaged[i] ^= 0xff;
    expectDatasetError(() => decodeImageBytes(damaged, 'bad.png'), 'bad.png', /corrupt/);
  });

  it('a PNG header claiming 30000×30000 is refused before decoding', () => {
    expectDatasetError(
      () => decodeImageBytes(pngClaiming(30000, 30000), 'huge.png'),
      'huge.png',
      /30000×30000 = 900 megapixels, over the limit of 100/,
    );
  });

  it('a JPEG header claiming 20000×20000 is refused; the limit is configurable', async () => {
    expectDatasetError(
      () => decodeImageBytes(jpegClaiming(20000, 20000), 'huge.jpg'),
      'huge.jpg',
      /400 megapixels, over the limit of 100/,
    );
    const strict = createNodeDecoder({ maxMegapixels: 0.01 });
    await expect(strict.decode(goodJpeg, 'flower.jpg')).rejects.toThrow(/over the limit of 0.01 megapixels/);
    const image = await createNodeDecoder().decode(goodJpeg, 'flower.jpg');
    expect(image.width).toBe(227);
  });
});
