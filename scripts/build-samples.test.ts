import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { getBackbone } from '../src/core/backbones/catalogue';
import {
  AUXILIARY_DIGITS,
  auxiliaryOutputDir,
  outputDir,
  renderSamples,
  SAMPLE_DIGITS,
  SAMPLES_PER_CLASS,
  TILE,
} from './build-samples';

describe('built-in sample digits (public/samples/digits)', () => {
  const rendered = renderSamples();

  it('the committed manifest is what the script makes', () => {
    const committed = JSON.parse(readFileSync(path.join(outputDir, 'manifest.json'), 'utf8'));
    expect(committed).toEqual(rendered.manifest);
  });

  it('the committed sprite has exactly the pixels the script makes (re-run `npx tsx scripts/build-samples.ts`)', () => {
    const png = PNG.sync.read(readFileSync(path.join(outputDir, rendered.manifest.sprite)));
    expect([png.width, png.height]).toEqual([SAMPLES_PER_CLASS * TILE, SAMPLE_DIGITS.length * TILE]);
    const grey = new Uint8Array(png.width * png.height);
    for (let i = 0; i < grey.length; i++) grey[i] = png.data[4 * i];
    expect(Buffer.from(grey).equals(Buffer.from(rendered.grey))).toBe(true);
  });

  it('stores black digits on white, which the digits-vgg preprocessing inverts into MNIST polarity', () => {
    expect(getBackbone('digits-vgg').preprocessing.invert).toBe(true);
    // Corners are paper (255), and every tile has some ink (dark pixels).
    const { width, grey } = rendered;
    expect(grey[0]).toBe(255);
    for (let row = 0; row < SAMPLE_DIGITS.length; row++) {
      for (let col = 0; col < SAMPLES_PER_CLASS; col++) {
        let darkest = 255;
        for (let y = 0; y < TILE; y++)
          for (let x = 0; x < TILE; x++) darkest = Math.min(darkest, grey[(row * TILE + y) * width + col * TILE + x]);
        expect(darkest).toBeLessThan(64);
      }
    }
  });
});

describe('built-in source-task digits (public/samples/digits-a)', () => {
  it('the committed manifest and sprite are what the script makes for digits 0–4', () => {
    const rendered = renderSamples(AUXILIARY_DIGITS);
    const committed = JSON.parse(readFileSync(path.join(auxiliaryOutputDir, 'manifest.json'), 'utf8'));
    expect(committed).toEqual(rendered.manifest);
    expect(committed.classes.map((c: { name: string }) => c.name)).toEqual(['0', '1', '2', '3', '4']);
    const png = PNG.sync.read(readFileSync(path.join(auxiliaryOutputDir, rendered.manifest.sprite)));
    const grey = new Uint8Array(png.width * png.height);
    for (let i = 0; i < grey.length; i++) grey[i] = png.data[4 * i];
    expect(Buffer.from(grey).equals(Buffer.from(rendered.grey))).toBe(true);
  });
});
