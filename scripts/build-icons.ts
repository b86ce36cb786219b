/**
 * Draws the web app's icons (public/icons/icon-<size>.png): two learning curves on the studio's blue, the transfer
 * curve (white) starting higher and rising faster than scratch (amber). Run with `npx tsx scripts/build-icons.ts`;
 * the PNGs are committed, so the build needs nothing from this script.
 */
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

const BLUE = [29, 78, 216];
const WHITE = [255, 255, 255];
const AMBER = [251, 191, 36];

function icon(size: number): Buffer {
  const png = new PNG({ width: size, height: size });
  const put = (x: number, y: number, [r, g, b]: number[]) => {
    if (x < 0 || y < 0 || x >= size || y >= size) return;
    const i = (y * size + x) * 4;
    png.data[i] = r;
    png.data[i + 1] = g;
    png.data[i + 2] = b;
    png.data[i + 3] = 255;
  };
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) put(x, y, BLUE);
  // Curves inside the maskable safe zone (the central 80 %).
  const margin = size * 0.22;
  const span = size - 2 * margin;
  const thickness = Math.max(2, Math.round(size / 28));
  const curve = (start: number, rate: number, colour: number[]) => {
    for (let step = 0; step <= span * 4; step++) {
      const t = step / (span * 4);
      const accuracy = 0.95 - (0.95 - start) * Math.exp(-t * rate);
      const cx = margin + t * span;
      const cy = size - margin - accuracy * span;
      for (let dy = -thickness; dy <= thickness; dy++)
        for (let dx = -thickness; dx <= thickness; dx++)
          if (dx * dx + dy * dy <= thickness * thickness) put(Math.round(cx + dx), Math.round(cy + dy), colour);
    }
  };
  curve(0.05, 2.2, AMBER);
  curve(0.45, 6, WHITE);
  return PNG.sync.write(png);
}

for (const size of [192, 512]) writeFileSync(new URL(`../public/icons/icon-${size}.png`, import.meta.url), icon(size));
