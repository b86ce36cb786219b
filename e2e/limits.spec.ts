import { expect, test } from '@playwright/test';
import { patternPng } from '../src/core/testing/badInputs';
import { collectPageErrors } from './helpers';
import { measureHeap } from './memoryProbe';
import {
  dispatchPreparedDrop,
  dropTree,
  dropZone,
  prepareTree,
  listedProblems,
  openFreshStudio,
  shownClasses,
  storedImages,
  waitForImport,
  type TreeFile,
} from './trustHelpers';

/**
 * Limits (src/core/data/limits.ts) in the studio, through the real drop handler: 5,000 images import with the
 * JavaScript heap (page + workers, after GC) growing by a bounded amount (Cancel during an import: e2e/dataset-scale
 * (i)); more images than the limit are refused before anything is decoded, with a sentence saying so
 * (docs/guarantees.md). How long these take and how long the main thread stalls are speeds, measured by the
 * benchmark (`npm run bench -- --only latency`), never asserted here.
 */
const MB = 1024 * 1024;

/**
 * `perClass` 24×24 PNGs per class under `root/`, coloured by `firstHue + ` the class's index. Within a class the
 * pattern repeats every 256 images (patternPng), so one drop holds copies (imported: only a re-drop is skipped);
 * different hues never share an image.
 */
function manyImages(root: string, classes: string[], perClass: number, firstHue = 0): TreeFile[] {
  return classes.flatMap((c, i) =>
    Array.from({ length: perClass }, (_, n) => ({
      path: `${root}/${c}/${String(n).padStart(5, '0')}.png`,
      bytes: patternPng(n + 1, 24, firstHue + i),
    })),
  );
}

test('5,000 images: memory stays bounded', async ({ page }, testInfo) => {
  test.setTimeout(20 * 60_000);
  const errors = collectPageErrors(page);
  await openFreshStudio(page);
  await expect(page.getByTestId('settings.backend')).toHaveAttribute('data-backend', /.+/, { timeout: 120_000 });

  const files = manyImages('many', ['a', 'b', 'c', 'd', 'e'], 1000);
  // Measured before the test builds the 5,000 Files in the page, so they count against the bound too.
  const before = await measureHeap(page);
  await prepareTree(page, files);
  await dispatchPreparedDrop(dropZone(page));
  await waitForImport(page, 'done', 15 * 60_000);
  const after = await measureHeap(page);

  await expect
    .poll(() => shownClasses(page), { timeout: 15_000 })
    .toEqual(['a', 'b', 'c', 'd', 'e'].map((name) => ({ name, count: 1000 })));
  expect((await storedImages(page)).images).toHaveLength(5000);
  const growthMB = (after.totalBytes - before.totalBytes) / MB;
  const fmt = (h: typeof before) =>
    `page ${(h.pageBytes / MB).toFixed(1)} MB (performance.memory ${h.performanceMemoryBytes === null ? 'n/a' : `${(h.performanceMemoryBytes / MB).toFixed(1)} MB`}), ${h.workers.map((w) => `${w.url} ${(w.bytes / MB).toFixed(1)} MB`).join(', ')}`;
  const note = `5,000 × 24-px PNGs: JS heap after GC before: ${fmt(before)}; after: ${fmt(after)}; growth ${growthMB.toFixed(1)} MB`;
  testInfo.annotations.push({ type: 'memory-5000', description: note });
  expect(growthMB).toBeLessThan(300);
  await expect(page.getByRole('button', { name: 'New dataset' })).toBeEnabled();

  expect(errors).toEqual([]);
});

test('over the limits: 10,001 images are refused before decoding, a 26 MB file is named; nothing else changes', async ({
  page,
}) => {
  const errors = collectPageErrors(page);
  await openFreshStudio(page);
  await dropTree(dropZone(page), manyImages('kept', ['a', 'b'], 3));
  await waitForImport(page, 'done');
  const before = await storedImages(page);

  // Into the same dataset: 6 + 10,001 is over 10,000 (tiny files; the plan refuses them before reading one).
  const tiny = patternPng(1, 2);
  await dropTree(
    dropZone(page),
    Array.from({ length: 10_001 }, (_, i) => ({ path: `huge/${i % 2 ? 'x' : 'y'}/${i}.png`, bytes: tiny })),
  );
  await waitForImport(page, 'blocked');
  await expect(page.getByTestId('dataset.import.summary')).toHaveText(
    'Nothing was imported: 10,007 images (with the 6 already in the dataset) is over the limit of 10,000 per dataset: import fewer images or remove some first',
  );
  expect(await storedImages(page)).toEqual(before);

  // One file over the per-image size limit is named; the good one beside it is imported.
  await dropTree(dropZone(page), [
    { path: 'big/a/ok.png', bytes: patternPng(3, 24, 7) }, // a new colour: not a copy of kept/a/00002.png
    { path: 'big/a/scan.png', fill: 26 * MB },
  ]);
  await waitForImport(page, 'done');
  expect(await listedProblems(page)).toEqual({ 'big/a/scan.png': 'is 26 MB, over the limit of 25 MB per image' });
  expect((await storedImages(page)).images).toHaveLength(7);
  expect(errors).toEqual([]);
});
