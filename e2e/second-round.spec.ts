import { expect, test } from '@playwright/test';
import { backbonePanel, dropModelFiles, modelFolderFiles } from './backbonePanel';
import { collectPageErrors } from './helpers';
import { dropLooseFiles, dropZone, importWarnings, openFreshStudio, shownClasses, waitForImport } from './trustHelpers';
import { patternPng, utf8, zipWithRawNames } from '../src/core/testing/badInputs';

/** `count` generated PNGs in each of `classes`, as zip entries with raw name bytes (class index = hue). */
const rawEntries = (classes: readonly (readonly number[])[], count = 3) =>
  classes.flatMap((name, hue) =>
    Array.from({ length: count }, (_, i) => [[...name, ...utf8(`/${i}.png`)], patternPng(i + 1, 8, hue)] as const),
  );

/**
 * Issue 13 ("Trust, second round") in the studio: the inputs that broke it, each crafted here. The command line's
 * side of each case is tested in src/cli (see docs/guarantees.md).
 */

test('a backbone with NaN weights is refused by name; the built-in backbone stays', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto('/');
  const panel = backbonePanel(page);
  await expect(panel.status()).toHaveAttribute('data-origin', 'built-in', { timeout: 60_000 });
  const files = modelFolderFiles('mobilenet_v1_0.25_224').map((f) => {
    if (f.name !== 'group1-shard1of1') return f;
    const buffer = Buffer.from(f.buffer);
    buffer.writeFloatLE(NaN, 8);
    return { ...f, buffer };
  });
  await dropModelFiles(page, files);
  await expect(panel.error()).toContainText('weight "conv1/kernel" holds 1 NaN or infinite value', { timeout: 60_000 });
  await expect(panel.error()).toContainText('Digits VGG (built-in) is still selected.');
  await expect(panel.status()).toHaveAttribute('data-origin', 'built-in');
  expect(errors).toEqual([]);
});

test('zip names: UTF-8 without the flag is UTF-8; a CP437 name is read as CP437 with a warning', async ({ page }) => {
  const errors = collectPageErrors(page);
  await openFreshStudio(page);
  const finder = zipWithRawNames(rawEntries([utf8('猫'), utf8('été'.normalize('NFD'))]));
  const dos = zipWithRawNames(rawEntries([[0x4d, 0x81, 0x6c, 0x6c]], 1)); // "Müll" in CP437
  await dropLooseFiles(dropZone(page), [
    { path: 'finder.zip', bytes: finder },
    { path: 'dos.zip', bytes: dos },
  ]);
  await waitForImport(page);
  expect(await shownClasses(page)).toEqual([
    { name: 'été', count: 3 },
    { name: 'Müll', count: 1 },
    { name: '猫', count: 3 },
  ]);
  expect((await importWarnings(page)).join('\n')).toContain(
    'dos.zip: its file names are not marked as UTF-8 and are not valid UTF-8; they were read as CP437',
  );
  expect(errors).toEqual([]);
});
