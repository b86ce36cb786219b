import { describe, expect, it } from 'vitest';
import { applyOrientation, swapsSides } from './orientation';
import type { DecodedImage } from './types';

/** A 3×2 image whose pixel (x, y) is [x, y, 7]: every pixel says where it was stored. */
const stored: DecodedImage = {
  width: 3,
  height: 2,
  data: new Uint8Array([0, 0, 7, 1, 0, 7, 2, 0, 7, 0, 1, 7, 1, 1, 7, 2, 1, 7]),
};

/** The stored (x, y) of each displayed pixel, row by row. */
function origins(image: DecodedImage): string[][] {
  const rows: string[][] = [];
  for (let y = 0; y < image.height; y++) {
    rows.push([]);
    for (let x = 0; x < image.width; x++) {
      const at = (y * image.width + x) * 3;
      rows[y].push(`${image.data[at]},${image.data[at + 1]}`);
    }
  }
  return rows;
}

describe('applyOrientation', () => {
  it('turns and mirrors as EXIF 2.32 defines the eight orientations', () => {
    // Stored:  0,0 1,0 2,0
    //          0,1 1,1 2,1
    const expected: Record<number, string[][]> = {
      1: [
        ['0,0', '1,0', '2,0'],
        ['0,1', '1,1', '2,1'],
      ],
      2: [
        ['2,0', '1,0', '0,0'],
        ['2,1', '1,1', '0,1'],
      ],
      3: [
        ['2,1', '1,1', '0,1'],
        ['2,0', '1,0', '0,0'],
      ],
      4: [
        ['0,1', '1,1', '2,1'],
        ['0,0', '1,0', '2,0'],
      ],
      5: [
        ['0,0', '0,1'],
        ['1,0', '1,1'],
        ['2,0', '2,1'],
      ],
      // 90° clockwise: the stored left column becomes the top row, read bottom to top.
      6: [
        ['0,1', '0,0'],
        ['1,1', '1,0'],
        ['2,1', '2,0'],
      ],
      7: [
        ['2,1', '2,0'],
        ['1,1', '1,0'],
        ['0,1', '0,0'],
      ],
      8: [
        ['2,0', '2,1'],
        ['1,0', '1,1'],
        ['0,0', '0,1'],
      ],
    };
    for (const [orientation, rows] of Object.entries(expected)) {
      const shown = applyOrientation(stored, Number(orientation));
      expect(origins(shown), `orientation ${orientation}`).toEqual(rows);
      expect(shown.width).toBe(swapsSides(Number(orientation)) ? 2 : 3);
      expect(shown.data.filter((_, i) => i % 3 === 2).every((v) => v === 7)).toBe(true);
    }
  });

  it('returns the image itself for 1 and for values EXIF does not define, and never mutates it', () => {
    const copy = stored.data.slice();
    expect(applyOrientation(stored, 1)).toBe(stored);
    expect(applyOrientation(stored, 0)).toBe(stored);
    expect(applyOrientation(stored, 9)).toBe(stored);
    applyOrientation(stored, 6);
    expect(stored.data).toEqual(copy);
  });

  it('orientation 6 then 8 gives the stored image back; 3 twice too', () => {
    expect(applyOrientation(applyOrientation(stored, 6), 8)).toEqual(stored);
    expect(applyOrientation(applyOrientation(stored, 3), 3)).toEqual(stored);
  });
});
