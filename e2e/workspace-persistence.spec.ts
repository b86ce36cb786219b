import { expect, test, type Page } from '@playwright/test';
import { patternPng } from '../src/core/testing/badInputs';
import { dropFolder, FLOWERS_DIR, openFreshStudio, readFolder, storedDigest } from './datasetPage';
import { collectPageErrors, lastResult, screenshotPath } from './helpers';
import { importWarnings } from './trustHelpers';

/** A small flowers dataset: the first `perClass` images of the first `classes` classes. */
function flowersSubset(classes: string[], perClass: number) {
  return classes.flatMap((c) =>
    readFolder(`${FLOWERS_DIR}/${c}`)
      .slice(0, perClass)
      .map((f) => ({ ...f, path: `flowers/${f.path}` })),
  );
}

test('(d) a reload keeps the dataset and its thumbnails; a run interrupted by a reload is reported', async ({
  page,
}) => {
  const errors = collectPageErrors(page);
  const panel = await openFreshStudio(page);
  await dropFolder(panel.dropZone, flowersSubset(['daisy', 'rose'], 10));
  await panel.waitForImport('done');
  const classes = await panel.classes();
  expect(classes).toEqual([
    { name: 'daisy', count: 10 },
    { name: 'rose', count: 10 },
  ]);
  const before = await storedDigest(page);

  await page.reload();
  await expect(page.getByTestId('dataset.select').locator('option:checked')).toHaveText(
    'flowers (2 classes, 20 images)',
  );
  await expect.poll(() => panel.classes(), { timeout: 30_000 }).toEqual(classes);
  await expect.poll(() => panel.loadedThumbnails(), { timeout: 30_000 }).toBe(20);
  expect(await storedDigest(page)).toEqual(before);
  await panel.root.screenshot({ path: screenshotPath('workspace-after-reload') });

  // Run the experiment on the stored dataset; reload while it trains.
  await expect(page.getByTestId('settings.backend')).toHaveAttribute('data-backend', /.+/, { timeout: 60_000 });
  await page.getByTestId('experiment.run').click();
  await page.waitForFunction(() => window.__transferStudio?.state().run?.runId, undefined, { timeout: 60_000 });
  const runId = await page.evaluate(() => window.__transferStudio?.state().run?.runId);
  expect(runId).toBeTruthy();
  // Finished epochs are stored as each completes: wait until one is in IndexedDB, then reload.
  const storedEpochs = () =>
    page.evaluate(async (id) => {
      const db = await new Promise<IDBDatabase>((resolve) => {
        const r = indexedDB.open('transfer-studio');
        r.onsuccess = () => resolve(r.result);
      });
      const record = await new Promise<{ result?: { curves?: { points: { epoch: number }[] }[] } } | undefined>(
        (resolve) => {
          const r = db.transaction('runs').objectStore('runs').get(id!);
          r.onsuccess = () => resolve(r.result);
        },
      );
      db.close();
      return (record?.result?.curves ?? []).reduce((n, c) => n + c.points.filter((p) => p.epoch > 0).length, 0);
    }, runId);
  await expect.poll(storedEpochs, { timeout: 5 * 60_000, intervals: [200] }).toBeGreaterThan(0);
  const kept = await storedEpochs();
  await page.reload();

  const notice = page.getByTestId('runs.interrupted');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('A run was interrupted');
  await expect(notice).toContainText('on flowers');
  await expect(notice.locator(`[data-run-id="${runId}"]`)).toHaveCount(1);
  const status = await page.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const r = indexedDB.open('transfer-studio');
      r.onsuccess = () => resolve(r.result);
    });
    const record = await new Promise<{ status: string } | undefined>((resolve) => {
      const r = db.transaction('runs').objectStore('runs').get(id!);
      r.onsuccess = () => resolve(r.result);
    });
    db.close();
    return record?.status;
  }, runId);
  expect(status).toBe('interrupted');
  // Its finished epochs were kept and show as curves in the run history.
  const keptNotice = notice.getByTestId('runs.interrupted.kept');
  await expect(keptNotice).toContainText(/finished epochs? (was|were) kept/);
  expect(Number(await keptNotice.getAttribute('data-epochs'))).toBeGreaterThanOrEqual(kept);
  await page.locator('main').screenshot({ path: screenshotPath('workspace-interrupted-run') });
  const row = page.getByTestId(`runs.row.${runId}`);
  await expect(row).toHaveAttribute('data-status', 'interrupted');
  await expect(row.getByTestId('runs.compare')).toBeEnabled();
  await row.getByTestId('runs.show').click();
  await expect(page.locator('#curves .recharts-line').first()).toBeVisible();
  // Its chart has the labelled chance line too (2 classes: 50 %), from the class count stored with its epochs.
  await expect(page.locator('#curves svg.recharts-surface')).toContainText(/chance \(50\s?%\)/);
  await page.locator('#curves').screenshot({ path: screenshotPath('workspace-interrupted-curves') });
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(keptNotice).toContainText('已保留');
  await page.locator('main').screenshot({ path: screenshotPath('workspace-interrupted-run-zh') });
  await page.getByLabel('语言').selectOption('en');

  // Said once: another reload does not report it again.
  await page.reload();
  await expect(page.getByTestId('dataset.select').locator('option:checked')).toHaveText(
    'flowers (2 classes, 20 images)',
  );
  await expect(page.getByTestId('runs.interrupted')).toHaveCount(0);
  expect(errors.filter((e) => !/webgpu/i.test(e))).toEqual([]);
});

/** The stored record of run `id` (IndexedDB `runs`), as the studio wrote it. */
function storedRun(page: Page, id: string) {
  return page.evaluate(async (runId) => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const r = indexedDB.open('transfer-studio');
      r.onsuccess = () => resolve(r.result);
    });
    type Curve = { strategy: string; seed: number; points: { epoch: number; valAccuracy: number }[]; outcome?: object };
    const record = await new Promise<{ status: string; result?: { curves?: Curve[] } } | undefined>((resolve) => {
      const r = db.transaction('runs').objectStore('runs').get(runId);
      r.onsuccess = () => resolve(r.result);
    });
    db.close();
    return record;
  }, id);
}

test('(d2) an interrupted run resumes: its finished trainings are kept, the rest train, the result is whole', async ({
  page,
}) => {
  test.setTimeout(10 * 60_000);
  const errors = collectPageErrors(page);
  await openFreshStudio(page);
  await expect(page.getByTestId('settings.backend')).toHaveAttribute('data-backend', /.+/, { timeout: 60_000 });
  // The built-in digits: 3 strategies × 2 seeds × 4 epochs = 6 trainings.
  await page.locator('#seeds').fill('2');
  await page.locator('#epochs').fill('4');
  await page.getByTestId('experiment.run').click();
  await page.waitForFunction(() => window.__transferStudio?.state().run?.runId, undefined, { timeout: 60_000 });
  const runId = (await page.evaluate(() => window.__transferStudio?.state().run?.runId))!;
  // Reload once two trainings have finished (each stored with its outcome as it ends).
  const finishedStored = async () =>
    ((await storedRun(page, runId))?.result?.curves ?? []).filter((c) => c.outcome).length;
  await expect.poll(finishedStored, { timeout: 5 * 60_000, intervals: [100] }).toBeGreaterThanOrEqual(2);
  await page.reload();

  const notice = page.getByTestId('runs.interrupted');
  await expect(notice).toBeVisible();
  const stored = await storedRun(page, runId);
  expect(stored?.status).toBe('interrupted');
  const finished = (stored?.result?.curves ?? []).filter((c) => c.outcome);
  expect(finished.length).toBeGreaterThanOrEqual(2);
  const resume = notice.getByTestId('runs.resume');
  await expect(resume).toBeEnabled({ timeout: 30_000 });
  await expect(notice.getByTestId('runs.rerun')).toBeEnabled();
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(resume).toHaveText('继续');
  await notice.screenshot({ path: screenshotPath('workspace-resume-notice-zh') });
  await page.getByLabel('语言').selectOption('en');
  await notice.screenshot({ path: screenshotPath('workspace-resume-notice') });
  await resume.click();

  // The same run goes on: what it finished is kept (replayed, not trained), the rest train.
  const note = page.getByTestId('experiment.resumed');
  await expect(note).toHaveAttribute('data-reason', 'kept');
  await expect(note).toContainText(/Resumed: \d+ finished trainings? (was|were) kept/);
  await expect(page.getByTestId('experiment.status')).toHaveAttribute('data-status', /done|error|cancelled/, {
    timeout: 5 * 60_000,
  });
  await expect(page.getByTestId('experiment.status')).toHaveAttribute('data-status', 'done');
  expect(Number(await note.getAttribute('data-kept'))).toBe(finished.length);
  const result = (await lastResult(page))!;
  expect(result.runs).toHaveLength(6);
  // Each kept training is the stored one, epoch by epoch.
  for (const trial of finished) {
    const run = result.runs.find((r) => r.strategy === trial.strategy && r.seed === trial.seed)!;
    expect(run.curve.map((p) => p.valAccuracy)).toEqual(trial.points.map((p) => p.valAccuracy));
  }
  await page.locator('#curves').screenshot({ path: screenshotPath('workspace-resumed-run') });
  const row = page.getByTestId(`runs.row.${runId}`);
  await expect(row).toHaveAttribute('data-status', 'done');
  expect((await storedRun(page, runId))?.status).toBe('done');
  // Done: nothing to resume; it can be run again, as a new run.
  await expect(row.getByTestId('runs.resume')).toHaveCount(0);
  await expect(row.getByTestId('runs.rerun')).toBeEnabled();
  expect(errors.filter((e) => !/webgpu/i.test(e))).toEqual([]);
});

test('(e) export workspace → clear → import gives back the same classes, counts and pixels', async ({
  page,
}, testInfo) => {
  const errors = collectPageErrors(page);
  const panel = await openFreshStudio(page);
  await dropFolder(panel.dropZone, flowersSubset(['daisy', 'rose', 'tulip'], 8));
  await panel.waitForImport('done');
  // A non-ASCII class name must survive the round trip too.
  await page.getByRole('button', { name: 'Rename class rose' }).click();
  await page.getByLabel('New name of class rose').fill('玫瑰');
  await page.getByLabel('New name of class rose').press('Enter');
  await expect(panel.classCard(1).locator('.class-name')).toHaveText('玫瑰');
  const before = await storedDigest(page);
  expect(before.datasets).toEqual([{ name: 'flowers', classNames: ['daisy', '玫瑰', 'tulip'], counts: [8, 8, 8] }]);

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export workspace' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^transfer-studio-workspace-\d{4}-\d{2}-\d{2}\.zip$/);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  await expect(page.getByTestId('workspace.notice')).toContainText('Exported the workspace to');

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Clear workspace' }).click();
  await expect(page.getByTestId('workspace.notice')).toHaveText(/The workspace was cleared\./);
  await expect(page.getByTestId('dataset.select').locator('option:checked')).toHaveText(
    'Built-in: handwritten digits 5–9 (sample)',
  );
  expect((await storedDigest(page)).images).toBe(0);

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByTestId('workspace.importFile').setInputFiles(file);
  await expect(page.getByTestId('workspace.notice')).toContainText('Imported a workspace — datasets: 1, images: 24');
  const after = await storedDigest(page);
  expect(after).toEqual(before);

  // The UI shows it again: choose it, classes and counts as before, thumbnails from the imported Blobs.
  await page.getByTestId('dataset.select').selectOption({ label: 'flowers (3 classes, 24 images)' });
  await expect
    .poll(() => panel.classes(), { timeout: 30_000 })
    .toEqual([
      { name: 'daisy', count: 8 },
      { name: '玫瑰', count: 8 },
      { name: 'tulip', count: 8 },
    ]);
  await expect.poll(() => panel.loadedThumbnails(), { timeout: 30_000 }).toBe(24);
  await panel.root.screenshot({ path: screenshotPath('workspace-imported') });
  expect(errors.filter((e) => !/webgpu/i.test(e))).toEqual([]);
});

test('(f) a reload during an import is reported on its dataset; dropping the same folder again adds only what is missing', async ({
  page,
}) => {
  const errors = collectPageErrors(page);
  const panel = await openFreshStudio(page);
  // 2 × 100 distinct 24-px PNGs.
  const files = ['cats', 'dogs'].flatMap((c, hue) =>
    Array.from({ length: 100 }, (_, i) => ({ path: `pets/${c}/${i}.png`, bytes: patternPng(i + 1, 24, hue) })),
  );
  await dropFolder(panel.dropZone, files);
  // Reload once the first batch of images is stored: the import dies with the page.
  const storedNow = () =>
    page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve) => {
        const r = indexedDB.open('transfer-studio');
        r.onsuccess = () => resolve(r.result);
      });
      const n = await new Promise<number>((resolve) => {
        const r = db.transaction('images').objectStore('images').count();
        r.onsuccess = () => resolve(r.result);
      });
      db.close();
      return n;
    });
  await expect.poll(storedNow, { timeout: 60_000, intervals: [20] }).toBeGreaterThan(0);
  await page.reload();

  const notice = page.getByTestId('dataset.interruptedImport');
  await expect(notice).toBeVisible({ timeout: 30_000 });
  await expect(notice).toContainText('An import into “pets” was interrupted');
  await expect(notice).toContainText('The import of 200 files was interrupted');
  const stored = Number(await notice.getAttribute('data-imported'));
  expect(stored).toBeGreaterThan(0);
  expect(stored).toBeLessThan(200);
  expect(Number(await notice.getAttribute('data-incomplete'))).toBeGreaterThanOrEqual(1);
  await expect(notice).toContainText(`after ${stored}.`);
  // Run refuses the half-imported dataset and says why.
  await expect(page.getByTestId('experiment.blocked')).toContainText('The import into this dataset was interrupted');
  await notice.screenshot({ path: screenshotPath('import-interrupted') });
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(notice).toContainText('被中断');
  await notice.screenshot({ path: screenshotPath('import-interrupted-zh') });
  await page.getByLabel('语言').selectOption('en');

  // Finish it: the same drop again; what is stored is skipped, the rest added, the notice goes, nothing doubles.
  await expect(panel.dropZone).toContainText('“pets”');
  await dropFolder(panel.dropZone, files);
  await panel.waitForImport('done');
  await expect(page.getByTestId('dataset.import.summary')).toContainText(`Imported ${200 - stored} of 200 images`);
  expect(await importWarnings(page)).toContain(`${stored} of 200 images were already in this dataset and were skipped`);
  await expect(notice).toHaveCount(0);
  await expect
    .poll(() => panel.classes())
    .toEqual([
      { name: 'cats', count: 100 },
      { name: 'dogs', count: 100 },
    ]);
  expect((await storedDigest(page)).images).toBe(200);
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByTestId('dataset.import')).toContainText(`200 张图片中有 ${stored} 张已在这个数据集中，已跳过`);
  await page.getByTestId('dataset.import').screenshot({ path: screenshotPath('import-skipped-zh') });
  expect(errors.filter((e) => !/webgpu/i.test(e))).toEqual([]);
});
