import { describe, expect, it } from 'vitest';
import { createRng } from '../math/rng';
import { blendDigit, colourDigits, colourTexture } from './colourDigits';
import type { Dataset, LabeledImage } from './types';

const SIDE = 8;

/** A black-on-white "digit": a vertical black bar in column `column`, everything else white. */
function bar(label: number, index: number, column: number): LabeledImage {
  const data = new Uint8Array(SIDE * SIDE * 3).fill(255);
  for (let y = 0; y < SIDE; y++) data.fill(0, 3 * (y * SIDE + column), 3 * (y * SIDE + column) + 3);
  return {
    id: `mnist:${label}:${index}`,
    label,
    source: `t${index}`,
    image: { width: SIDE, height: SIDE, data },
  };
}

const clean: Dataset = {
  name: 'bars',
  classNames: ['0', '1'],
  examples: [bar(0, 0, 1), bar(0, 1, 2), bar(1, 0, 5), bar(1, 1, 6)],
};

describe('colourDigits', () => {
  it('blends by MNIST-M’s rule: white paper shows the background inverted, the stroke shows it as it is', () => {
    const background = new Uint8Array(SIDE * SIDE * 3).map((_, i) => (i * 37) % 256);
    const digit = bar(0, 0, 3).image;
    const out = blendDigit(digit, background);
    // out = 255 − |bg − stroke|, stroke = 255 − pixel: paper (pixel 255, stroke 0) → 255 − bg; ink → bg.
    for (let i = 0; i < out.data.length; i++) {
      const ink = digit.data[i] === 0;
      expect(out.data[i]).toBe(ink ? background[i] : 255 - background[i]);
    }
    expect(() => blendDigit(digit, new Uint8Array(3))).toThrow(RangeError);
  });

  it('is deterministic per (seed, class, index), whatever else the dataset holds', () => {
    const a = colourDigits(clean, 7);
    const b = colourDigits({ ...clean, examples: [clean.examples[2]] }, 7);
    expect(b.examples[0].image.data).toEqual(a.examples[2].image.data);
    expect(colourDigits(clean, 7).examples.map((e) => e.image.data)).toEqual(a.examples.map((e) => e.image.data));
    expect(colourDigits(clean, 8).examples[0].image.data).not.toEqual(a.examples[0].image.data);
  });

  it('keeps labels and class names, renames ids, and leaves the input unmodified', () => {
    const before = clean.examples.map((e) => Array.from(e.image.data));
    const out = colourDigits(clean, 1);
    expect(out.classNames).toEqual(clean.classNames);
    expect(out.examples.map((e) => [e.id, e.label])).toEqual([
      ['colour:0:0', 0],
      ['colour:0:1', 0],
      ['colour:1:0', 1],
      ['colour:1:1', 1],
    ]);
    expect(out.name).toMatch(/synthetic colour/);
    expect(clean.examples.map((e) => Array.from(e.image.data))).toEqual(before);
  });

  it('makes coloured backgrounds: channels differ and examples differ', () => {
    const texture = colourTexture(28, 28, createRng(3));
    let channelGap = 0;
    for (let p = 0; p < 28 * 28; p++) channelGap += Math.abs(texture[3 * p] - texture[3 * p + 1]);
    expect(channelGap / (28 * 28)).toBeGreaterThan(5);
    const out = colourDigits(clean, 1);
    expect(out.examples[0].image.data).not.toEqual(out.examples[1].image.data);
  });
});
