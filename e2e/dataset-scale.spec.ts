import { expect, test } from '@playwright/test';
import { PNG } from 'pngjs';
import { dropFolder, FLOWERS_DIR, openFreshStudio, readFolder, storedDigest, type DropFile } from './datasetPage';
import { collectPageErrors, screenshotPath } from './helpers';
import { FIRST_VISIT } from './visitors';

/** `count` distinct 24 × 24 PNGs (a colour ramp with the index in the pixels), as `root/<class>/<nnnn>.png`. */
function syntheticPngs(root: string, classes: string[], perClass: number): DropFile[] {
  return classes.flatMap((c, ci) =>
    Array.from({ length: perClass }, (_, i) => {
      const png = new PNG({ width: 24, height: 24 });
      for (let p = 0; p < 24 * 24; p += 1)
        png.data.set([(i * 7 + p) % 256, (i * 13) % 256, ci * 120 + (p % 24), 255], p * 4);
      return { path: `${root}/${c}/${String(i).padStart(4, '0')}.png`, bytes: PNG.sync.write(png) };
    }),
  );
}

/* How fast imports, scrolling and cancelling are is measured by the benchmark (`npm run bench -- --only latency`),
 * never asserted here: these tests check what happens, whatever the machine's load. */

test('(f) thousands of images: only visible rows are in the DOM, scrolling loads the rest, object URLs are revoked', async ({
  page,
}) => {
  const errors = collectPageErrors(page);
  const panel = await openFreshStudio(page);
  const files = syntheticPngs('many', ['left', 'right'], 1000);
  await dropFolder(panel.dropZone, files);
  await panel.waitForImport('done', 5 * 60_000);
  await expect
    .poll(() => panel.classes(), { timeout: 30_000 })
    .toEqual([
      { name: 'left', count: 1000 },
      { name: 'right', count: 1000 },
    ]);

  const grid = panel.classCard(0).locator('.thumb-scroller');
  const rendered = await panel.classCard(0).locator('.thumb').count();
  expect(rendered).toBeGreaterThan(0);
  expect(rendered).toBeLessThan(150);
  await expect.poll(() => panel.loadedThumbnails(), { timeout: 30_000 }).toBeGreaterThan(20);
  const firstUrl = await panel.classCard(0).locator('.thumb img').first().getAttribute('src');
  expect(firstUrl).toMatch(/^blob:/);

  // Scroll through the whole class, one step per frame.
  await grid.evaluate(async (el) => {
    while (el.scrollTop + el.clientHeight < el.scrollHeight - 1) {
      el.scrollTop += 140;
      await new Promise((r) => requestAnimationFrame(r));
    }
  });
  await expect(panel.classCard(0).locator('.thumb[aria-posinset="1000"] img')).toBeVisible();
  expect(await panel.classCard(0).locator('.thumb').count()).toBeLessThan(150);
  expect(errors).toEqual([]);
  // The first cell is gone, and so is its object URL (fetching it fails, which the console reports).
  const revoked = await page.evaluate(
    async (url) =>
      fetch(url!).then(
        () => false,
        () => true,
      ),
    firstUrl,
  );
  expect(revoked).toBe(true);

  await panel.classCard(0).screenshot({ path: screenshotPath('dataset-thousands-scrolled') });
});

test.describe('a full disk', () => {
  // Chromium does not enforce `Storage.overrideQuotaForOrigin` on an origin whose storage Playwright restored from
  // a storageState (measured: all 200 images stored past a 600 KB quota), so this test opens the studio afresh.
  test.use({ storageState: FIRST_VISIT });

  test('(g) a full disk stops the import with a clear message; what is stored is whole and shown', async ({ page }) => {
    const panel = await openFreshStudio(page);
    const cdp = await page.context().newCDPSession(page);
    const origin = new URL(page.url()).origin;
    const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: usage + 600_000 });
    try {
      await dropFolder(panel.dropZone, readFolder(FLOWERS_DIR));
      await panel.waitForImport('failed');
      await expect(page.getByTestId('dataset.import.summary')).toContainText('The import stopped after');
      await expect(page.getByTestId('dataset.import.summary')).toContainText('Browser storage is full');
      await expect(page.getByTestId('dataset.import.summary')).toContainText('nothing of it was written');
      // What the panel shows is exactly what is stored.
      const digest = await storedDigest(page);
      // The panel catches up with the store (events arrive after the import's end on a busy machine).
      await expect
        .poll(async () => (await panel.classes()).map((c) => c.count), { timeout: 60_000 })
        .toEqual(digest.datasets[0].counts);
      expect(digest.images).toBeLessThan(200);
      await panel.root.screenshot({ path: screenshotPath('dataset-storage-full') });
    } finally {
      await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    }
  });
});

test('(i) Cancel stops an import; what was saved before is kept and shown, and nothing is added after', async ({
  page,
}) => {
  const panel = await openFreshStudio(page);
  await dropFolder(panel.dropZone, syntheticPngs('big', ['a', 'b'], 600));
  const summary = page.getByTestId('dataset.import.summary');
  await expect(summary).toContainText(/Importing: \d+ of 1200 images/);
  await expect
    .poll(async () => Number((await summary.textContent())?.match(/Importing: (\d+)/)?.[1] ?? 0))
    .toBeGreaterThan(50);
  await page.getByTestId('dataset.import.cancel').click();
  await panel.waitForImport('cancelled', 60_000);
  const kept = Number((await summary.textContent())?.match(/(\d+) images? w/)?.[1]);
  expect(kept).toBeGreaterThan(0);
  expect(kept).toBeLessThan(1200);
  const digest = await storedDigest(page);
  expect(digest.images).toBe(kept);
  expect((await panel.classes()).reduce((n, c) => n + c.count, 0)).toBe(kept);
  // The work stopped: a while later the store holds exactly what the report said.
  await page.waitForTimeout(1000);
  expect((await storedDigest(page)).images).toBe(kept);
});

test.describe('narrow touch screen', () => {
  test.use({ viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });

  test('(h) the panel fits a phone: no sideways scrolling, 44-px touch targets, tap to use', async ({ page }) => {
    const panel = await openFreshStudio(page);
    await page.getByTestId('dataset.folderInput').setInputFiles(`${FLOWERS_DIR}/daisy`);
    await panel.waitForImport('done');
    await page.getByRole('button', { name: 'Start camera' }).tap();
    await expect(page.getByTestId('dataset.webcam.hold')).toBeEnabled();
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
    }));
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
    const small = await panel.root.locator('button:visible').evaluateAll((buttons) =>
      buttons
        .filter((b) => !b.classList.contains('thumb-delete'))
        .map((b) => ({ text: b.textContent, height: b.getBoundingClientRect().height }))
        .filter((b) => b.height < 44),
    );
    expect(small).toEqual([]);
    await panel.root.screenshot({ path: screenshotPath('dataset-phone') });
    await page.getByRole('button', { name: 'Stop camera' }).tap();
  });
});
