import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import {
  CAFE_NFC,
  CAFE_NFD,
  animatedGif,
  corruptJpeg,
  heicPhoto,
  patternPng,
  pngClaiming,
  svgImage,
  textFile,
  truncate,
  zip,
  zipBomb,
} from '../src/core/testing/badInputs';
import { backbonePanel, dropModelFiles, SHARED_MODELS } from './backbonePanel';
import { collectPageErrors, screenshotPath } from './helpers';
import {
  dropLooseFiles,
  dropTree,
  dropZone,
  importWarnings,
  listedProblems,
  openFreshStudio,
  runToEnd,
  shownClasses,
  smallExperiment,
  storedImages,
  waitForImport,
  type TreeFile,
} from './trustHelpers';

/**
 * The bad-input matrix in the studio (docs/guarantees.md), through the Dataset panel's real drop handler and the
 * Backbone panel's model drop: every bad file is listed with its name and the reason, the good files dropped with
 * it are imported, what was there before is untouched (checked in IndexedDB, byte for byte), and an experiment
 * still runs afterwards. Every fixture is generated (src/core/testing/badInputs.ts).
 */

/** `n` good 16×16 PNGs under `folder`, distinct per seed and per `hue`. */
const good = (folder: string, n: number, hue: number, from = 0): TreeFile[] =>
  Array.from({ length: n }, (_, i) => ({
    path: `${folder}/good-${from + i}.png`,
    bytes: patternPng(from + i + 1, 16, hue),
  }));

/** Problems whose file/reason are expected, as [file, reason pattern]. */
function expectProblems(listed: Record<string, string>, expected: [string, RegExp][]): void {
  expect(Object.keys(listed).sort()).toEqual(expected.map(([file]) => file).sort());
  for (const [file, reason] of expected) expect(listed[file], file).toMatch(reason);
}

async function datasetImagesById(page: Page) {
  const { images } = await storedImages(page);
  return new Map(images.map((i) => [i.id, i]));
}

test('bad images dropped with good ones: each named with its reason, the good ones imported, nothing lost, and training still runs', async ({
  page,
}) => {
  const errors = collectPageErrors(page);
  await openFreshStudio(page);

  // 1. What the user had before: a dataset of two classes.
  await dropTree(dropZone(page), [...good('before/a', 5, 0), ...good('before/b', 5, 1)]);
  await waitForImport(page, 'done');
  const before = await storedImages(page);
  expect(before.images).toHaveLength(10);
  expect(before.datasets.map((d) => d.name)).toEqual(['before']);
  // As a person would: drop the next folder once the drop zone says it adds to "before" (the selection of a new
  // dataset arrives just after its import report; dropping earlier makes a new dataset, as it says).
  await expect(dropZone(page)).toContainText('“before”');

  // 2. A folder full of mistakes, among good images, dropped into the same dataset.
  const mixed: TreeFile[] = [
    ...good('mixed/cats', 5, 2),
    { path: 'mixed/cats/corrupt.jpg', bytes: corruptJpeg() },
    { path: 'mixed/cats/truncated.png', bytes: truncate(patternPng(9, 64)) },
    { path: 'mixed/cats/empty.png', bytes: new Uint8Array(0) },
    { path: 'mixed/cats/notes.jpg', bytes: textFile() },
    { path: 'mixed/cats/drawing.svg', bytes: svgImage() },
    { path: 'mixed/cats/logo.png', bytes: svgImage() },
    { path: 'mixed/cats/huge.png', bytes: pngClaiming(30000, 30000) },
    { path: 'mixed/cats/IMG_0001.HEIC', bytes: heicPhoto() },
    { path: 'mixed/cats/iphone.jpg', bytes: heicPhoto() },
    { path: 'mixed/cats/more.zip', bytes: zip({ 'x.png': patternPng(3) }) },
    { path: 'mixed/cats/animated.gif', bytes: animatedGif() },
    ...good('mixed/猫', 5, 3),
    ...good(`mixed/${CAFE_NFC}`, 3, 4),
    ...good(`mixed/${CAFE_NFD}`, 3, 4, 3),
    ...good('mixed/Dogs', 3, 5),
    ...good('mixed/dogs', 3, 5, 3),
    { path: 'mixed/empty/' },
  ];
  await dropTree(dropZone(page), mixed);
  await waitForImport(page, 'done');
  expectProblems(await listedProblems(page), [
    ['mixed/cats/corrupt.jpg', /corrupt: its JPEG header is unreadable/],
    ['mixed/cats/truncated.png', /truncated or corrupt: the PNG ends before its end marker/],
    ['mixed/cats/empty.png', /empty file \(0 bytes\)/],
    ['mixed/cats/notes.jpg', /is a text file, not an image/],
    ['mixed/cats/drawing.svg', /SVG is not supported: export it as PNG/],
    ['mixed/cats/logo.png', /SVG is not supported: export it as PNG/],
    ['mixed/cats/huge.png', /header claims 30000×30000 = 900 megapixels, over the limit of 100 megapixels/],
    ['mixed/cats/IMG_0001.HEIC', /HEIC is not supported by browsers: convert to JPEG/],
    ['mixed/cats/iphone.jpg', /HEIC is not supported by browsers: convert to JPEG/],
    ['mixed/cats/more.zip', /zip archive, not an image: drop the zip on its own/],
  ]);
  await expect(page.getByTestId('dataset.import.summary')).toContainText('Imported 23 of 29 images');
  const warnings = await importWarnings(page);
  expect(
    warnings.some((w) => /animated\.gif: animated GIF: only the first frame is used/.test(w)),
    warnings.join('\n'),
  ).toBe(true);
  expect(
    warnings.some((w) => /Folders "Dogs", "dogs" were merged into class "Dogs"/.test(w)),
    warnings.join('\n'),
  ).toBe(true);
  expect(
    warnings.some((w) => /Class "empty" has no images/.test(w)),
    warnings.join('\n'),
  ).toBe(true);
  // "Café" composed and decomposed are the same name (Unicode canonical equivalence): one class, 6 images.
  await expect
    .poll(() => shownClasses(page), { timeout: 15_000 })
    .toEqual([
      { name: 'a', count: 5 },
      { name: 'b', count: 5 },
      { name: CAFE_NFC, count: 6 },
      { name: 'cats', count: 6 },
      { name: 'Dogs', count: 6 },
      { name: 'empty', count: 0 },
      { name: '猫', count: 5 },
    ]);
  await page.locator('#dataset').screenshot({ path: screenshotPath('bad-input-folder') });

  // 3. Zips: one inside another, a zip bomb, a "../x.png" entry (each with good images beside the bad one).
  await dropLooseFiles(dropZone(page), [
    {
      path: 'nested.zip',
      bytes: zip({
        ...Object.fromEntries(good('cats', 2, 2, 10).map((f) => [f.path, f.bytes!])),
        'cats/inner.zip': zip({ 'y.png': patternPng(4) }),
      }),
    },
    { path: 'bomb.zip', bytes: zipBomb(20, 'cats/huge.png') },
    {
      path: 'slip.zip',
      bytes: zip({
        ...Object.fromEntries(good('猫', 2, 3, 10).map((f) => [f.path, f.bytes!])),
        '../x.png': patternPng(5),
      }),
    },
  ]);
  await waitForImport(page, 'done');
  expectProblems(await listedProblems(page), [
    ['nested.zip › cats/inner.zip', /a zip inside a zip: unzip it first/],
    ['bomb.zip', /looks like a zip bomb: cats\/huge\.png would expand 1024× \(20 KB → 20 MB\); nothing was imported/],
    ['slip.zip › ../x.png', /unsafe path/],
  ]);
  await expect(page.getByTestId('dataset.import.summary')).toContainText('Imported 4 of 4 images');

  // 4. Nothing that was there before was lost or changed, byte for byte.
  const after = await datasetImagesById(page);
  for (const image of before.images) expect(after.get(image.id)).toEqual(image);
  expect(after.size).toBe(10 + 23 + 4);

  // 5. The empty class is removed (training needs images in every class), and an experiment runs on the rest.
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Delete class empty' }).click();
  await expect.poll(async () => (await shownClasses(page)).map((c) => c.name)).not.toContain('empty');
  await smallExperiment(page, 'feature-extraction', 2);
  const outcome = await runToEnd(page);
  expect(outcome, JSON.stringify(outcome)).toEqual({ status: 'done', error: null });
  const result = await page.evaluate(() => window.__transferStudio?.lastResult());
  expect(result?.dataset.classNames).toEqual(['a', 'b', CAFE_NFC, 'cats', 'Dogs', '猫']);
  expect(result!.dataset.trainCount + result!.dataset.validationCount).toBe(37);
  expect(errors).toEqual([]);
});

test('a folder with only one class is imported with a clear warning; Run is blocked saying training needs two, and the data stays', async ({
  page,
}) => {
  await openFreshStudio(page);
  await dropTree(dropZone(page), good('single/only', 6, 0));
  await waitForImport(page, 'done');
  await expect.poll(() => shownClasses(page), { timeout: 15_000 }).toEqual([{ name: 'only', count: 6 }]);
  const warnings = await importWarnings(page);
  expect(warnings.join('\n')).toMatch(
    /Only 1 class \("only"\) so far: training needs at least 2; add a folder per class/,
  );
  await smallExperiment(page, 'feature-extraction', 1);
  await expect(backbonePanel(page).status()).toHaveAttribute('data-origin', 'built-in', { timeout: 60_000 });
  // Blocked before it starts, with the reason, instead of failing after the user pressed Run.
  await expect(page.getByTestId('experiment.blocked')).toContainText('needs at least two classes with images');
  await expect(page.getByTestId('experiment.run')).toBeDisabled();
  await expect.poll(() => shownClasses(page), { timeout: 15_000 }).toEqual([{ name: 'only', count: 6 }]);
  expect((await storedImages(page)).images).toHaveLength(6);
});

test('bad model folders are refused naming the file, and the backbone in use stays', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto('/');
  const panel = backbonePanel(page);
  await expect(panel.status()).toHaveAttribute('data-origin', 'built-in', { timeout: 60_000 });
  const folder = path.join(SHARED_MODELS, 'mobilenet_v1_0.25_224');
  const files = readdirSync(folder).map((name) => ({
    name,
    mimeType: name.endsWith('.json') ? 'application/json' : 'application/octet-stream',
    buffer: readFileSync(path.join(folder, name)),
  }));

  // Weights of the wrong size: one shard cut to 1,000 bytes.
  await dropModelFiles(
    page,
    files.map((f) => (f.name === 'group29-shard1of1' ? { ...f, buffer: f.buffer.subarray(0, 1000) } : f)),
  );
  await expect(panel.error()).toBeVisible({ timeout: 30_000 });
  await expect(panel.error()).toContainText('group29-shard1of1');
  await expect(panel.error()).toContainText(/1,?000 bytes/);
  await expect(panel.radio(/Digits VGG/)).toBeChecked();
  await expect(panel.status()).toHaveAttribute('data-origin', 'built-in');

  // A graph model where a layers model is expected.
  const graph = Buffer.from(
    JSON.stringify({
      format: 'graph-model',
      generatedBy: '2.15.0',
      convertedBy: 'TensorFlow.js Converter v4.22.0',
      modelTopology: { node: [{ name: 'input', op: 'Placeholder' }], library: {}, versions: {} },
      weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: [] }],
    }),
  );
  await dropModelFiles(page, [
    { name: 'model.json', mimeType: 'application/json', buffer: graph },
    { name: 'group1-shard1of1.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(0) },
  ]);
  await expect(panel.error()).toContainText(/graph model/i);
  await expect(panel.error()).toContainText('model.json');
  await expect(panel.radio(/Digits VGG/)).toBeChecked();
  await expect(panel.status()).toHaveAttribute('data-origin', 'built-in');
  await page.locator('#backbone').screenshot({ path: screenshotPath('bad-input-model') });
  expect(errors).toEqual([]);
});
