import { expect, test } from '@playwright/test';
import { backbonePanel, dropModelFiles, modelFolderFiles } from './backbonePanel';
import { collectPageErrors } from './helpers';

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
