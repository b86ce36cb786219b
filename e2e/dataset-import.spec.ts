import { expect, test } from '@playwright/test';
import { zipSync } from 'fflate';
import { dropFiles, dropFolder, FLOWERS_DIR, openFreshStudio, readFolder, storedDigest } from './datasetPage';
import { collectPageErrors, screenshotPath, seriousViolations } from './helpers';

/**
 * Importing datasets through the real drop handler: a folder of class folders (directory entries, walked in
 * batches of ≤ 100 like Chromium's readEntries), and a zip with bad entries whose problems are listed by name.
 */
test('(a) dropping the flowers folder imports 5 classes of 40 images with thumbnails', async ({ page }, testInfo) => {
  const errors = collectPageErrors(page);
  const panel = await openFreshStudio(page);
  const files = readFolder(FLOWERS_DIR);
  expect(files).toHaveLength(200);

  const started = Date.now();
  await dropFolder(panel.dropZone, files);
  await panel.waitForImport('done');
  const seconds = (Date.now() - started) / 1000;
  testInfo.annotations.push({
    type: 'import-seconds',
    description: `200 flowers images imported in ${seconds.toFixed(2)} s (drop → done)`,
  });
  console.log(
    `import of 200 flowers images: ${seconds.toFixed(2)} s; app says: ${await page.getByTestId('dataset.import.summary').textContent()}`,
  );

  // A new dataset named after the dropped folder, selected for the experiment.
  await expect(page.getByTestId('dataset.select').locator('option:checked')).toHaveText(
    'flowers (5 classes, 200 images)',
  );
  await expect
    .poll(() => panel.classes(), { timeout: 30_000 })
    .toEqual(['daisy', 'dandelion', 'rose', 'sunflower', 'tulip'].map((name) => ({ name, count: 40 })));
  // 20 % of each class held out: 8 of 40.
  await expect(panel.classCount(0)).toContainText('32 training, 8 validation');
  await expect(page.getByTestId('dataset.summary')).toContainText('160 for training, 40 for validation');
  await expect(page.getByTestId('dataset.import.problems')).toHaveCount(0);

  // Thumbnails are object URLs of the stored thumbnails, and they decode.
  await expect.poll(() => panel.loadedThumbnails(), { timeout: 30_000 }).toBeGreaterThanOrEqual(40);
  const digest = await storedDigest(page);
  expect(digest.datasets).toEqual([
    { name: 'flowers', classNames: ['daisy', 'dandelion', 'rose', 'sunflower', 'tulip'], counts: [40, 40, 40, 40, 40] },
  ]);

  await panel.root.screenshot({ path: screenshotPath('dataset-flowers-imported') });
  expect(await seriousViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
});

test('(b) a dropped zip: the good images are imported, each bad entry is listed with its name and reason', async ({
  page,
}) => {
  const errors = collectPageErrors(page);
  const panel = await openFreshStudio(page);
  const daisy = readFolder(`${FLOWERS_DIR}/daisy`).slice(0, 3);
  const rose = readFolder(`${FLOWERS_DIR}/rose`).slice(0, 3);
  const truncated = daisy[0].bytes.subarray(0, Math.floor(daisy[0].bytes.length / 2));
  const zip = zipSync({
    ...Object.fromEntries(daisy.map((f) => [`pets/${f.path}`, new Uint8Array(f.bytes)])),
    ...Object.fromEntries(rose.map((f) => [`pets/${f.path}`, new Uint8Array(f.bytes)])),
    'pets/rose/corrupt.jpg': new Uint8Array(truncated),
    'pets/rose/notes.jpg': new TextEncoder().encode('These are my notes about roses, not a picture.\n'),
    '../evil.png': new Uint8Array(readFolder(`${FLOWERS_DIR}/tulip`)[0].bytes),
  });

  await dropFiles(panel.dropZone, [{ path: 'pets.zip', bytes: zip }]);
  await panel.waitForImport('done');
  await expect
    .poll(() => panel.classes(), { timeout: 30_000 })
    .toEqual([
      { name: 'daisy', count: 3 },
      { name: 'rose', count: 3 },
    ]);
  await expect(page.getByTestId('dataset.select').locator('option:checked')).toHaveText('pets (2 classes, 6 images)');

  const problems = page.getByTestId('dataset.import.problems').locator('li');
  await expect(problems).toHaveCount(3);
  const listed = await problems.evaluateAll((items) =>
    items.map((li) => ({
      file: li.querySelector('.problem-file')?.textContent ?? '',
      reason: li.querySelector('.problem-reason')?.textContent ?? '',
    })),
  );
  const byFile = Object.fromEntries(listed.map((p) => [p.file, p.reason]));
  expect(Object.keys(byFile).sort()).toEqual([
    'pets.zip › ../evil.png',
    'pets.zip › pets/rose/corrupt.jpg',
    'pets.zip › pets/rose/notes.jpg',
  ]);
  expect(byFile['pets.zip › ../evil.png']).toMatch(/unsafe path/);
  expect(byFile['pets.zip › pets/rose/corrupt.jpg']).toMatch(/truncated|corrupt|could not be decoded/);
  expect(byFile['pets.zip › pets/rose/notes.jpg']).toMatch(/text/i);
  await expect(page.getByTestId('dataset.import.summary')).toContainText('Imported 6 of 8 images');

  await panel.root.screenshot({ path: screenshotPath('dataset-zip-problems') });

  // Issue 13, item 14: the reasons are codes, said in the user's language (no English reaches a Chinese user).
  await page.getByLabel('Language').selectOption('zh-CN');
  const reasons = page.getByTestId('dataset.import.problems').locator('.problem-reason');
  await expect(reasons.filter({ hasText: '路径不安全' })).toHaveCount(1);
  await expect(reasons.filter({ hasText: '是文本文件，不是图片' })).toHaveCount(1);
  for (const text of await reasons.allTextContents()) expect(text).not.toMatch(/[a-z]{4,} [a-z]{3,}/i);
  await panel.root.screenshot({ path: screenshotPath('dataset-zip-problems-zh-CN') });

  // Item 13: a drop with no usable image says "nothing was imported", not "Imported 0 of 0 … (the rest was)".
  await dropFiles(panel.dropZone, [{ path: 'notes.txt', bytes: new TextEncoder().encode('not a picture') }]);
  await panel.waitForImport('done');
  await expect(page.getByTestId('dataset.import.summary')).toHaveText('没有导入任何内容：拖入的内容中没有可用的图片。');
  await expect(page.locator('.import-status .problems summary')).toHaveText('有 1 个文件未导入：');
  await expect(reasons).toHaveText(['不是图片（.txt）：只导入 JPEG、PNG、GIF、WebP、BMP 和 AVIF 文件']);
  expect(errors).toEqual([]);
});

test('(a2) the keyboard route: the folder picker (webkitdirectory) imports into the selected dataset, merging classes', async ({
  page,
}) => {
  const panel = await openFreshStudio(page);
  await page.getByRole('button', { name: 'New dataset' }).click();
  await expect(panel.classCard(1)).toBeVisible();
  await page.getByTestId('dataset.folderInput').setInputFiles(`${FLOWERS_DIR}/tulip`);
  await panel.waitForImport('done');
  // A picked folder of loose images is one class named after it, added beside Class 1 and Class 2.
  await expect
    .poll(() => panel.classes(), { timeout: 30_000 })
    .toEqual([
      { name: 'Class 1', count: 0 },
      { name: 'Class 2', count: 0 },
      { name: 'tulip', count: 40 },
    ]);

  // In Chinese too (every string of the panel is translated).
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(panel.root.getByRole('heading', { level: 2, name: '数据集' })).toBeVisible();
  await expect(page.getByRole('button', { name: '导出工作区' })).toBeVisible();
  await expect(panel.classCount(2)).toContainText('40 张图片');
  await panel.root.screenshot({ path: screenshotPath('dataset-zh-CN') });
});
