import { expect, test } from '@playwright/test';
import { openFreshStudio } from './datasetPage';
import { collectPageErrors, screenshotPath } from './helpers';

/**
 * Webcam capture with Chromium's fake camera (--use-fake-device-for-media-stream, permission granted by
 * --use-fake-ui-for-media-stream): hold-to-record by pointer into one class and by keyboard (Space held) into
 * another; the counts grow by the frames stored. How many frames per second are captured is a speed, measured by
 * the benchmark (`npm run bench -- --only latency`), never asserted here: a busy machine captures fewer.
 */
test('(c) hold to record captures webcam frames into two classes (pointer and keyboard)', async ({ page }) => {
  const errors = collectPageErrors(page);
  const panel = await openFreshStudio(page);
  await page.getByRole('button', { name: 'New dataset' }).click();
  await expect(panel.classCard(1)).toBeVisible();

  await page.getByRole('button', { name: 'Start camera' }).click();
  await expect(page.getByRole('button', { name: 'Stop camera' })).toBeVisible();
  // The fake device's frames are playing.
  await page.waitForFunction(() => {
    const video = document.querySelector<HTMLVideoElement>('#dataset video');
    return !!video && video.readyState >= 2 && video.videoWidth > 0;
  });
  // Once permission is given the camera list has labels (the fake device is listed by name).
  const cameraOptions = await page.getByLabel('Camera', { exact: true }).locator('option').allTextContents();
  expect(cameraOptions.slice(0, 3)).toEqual(['Default camera', 'Front camera', 'Rear camera']);
  expect(cameraOptions.length).toBeGreaterThan(3);
  // One mirroring setting (shared with Predict and the instant classifier): mirrored by default, kept for reloads.
  const video = page.locator('#dataset video');
  const mirror = page.getByTestId('dataset.webcam.mirror');
  await expect(mirror).toBeChecked();
  await expect(video).toHaveClass(/camera-mirrored/);
  await mirror.uncheck();
  await expect(video).not.toHaveClass(/camera-mirrored/);
  expect(await page.evaluate(() => localStorage.getItem('transfer-studio.mirrorCamera'))).toBe('0');
  await mirror.check();
  await expect(video).toHaveClass(/camera-mirrored/);

  // Pointer: press and hold for 1.5 s into Class 1.
  const hold = page.getByTestId('dataset.webcam.hold');
  await expect(hold).toHaveText('Hold to record into “Class 1”');
  await hold.hover();
  await page.mouse.down();
  await expect(hold).toHaveAttribute('aria-pressed', 'true');
  await page.waitForTimeout(1500);
  await page.mouse.up();
  await expect(hold).toHaveAttribute('aria-pressed', 'false');
  await expect
    .poll(async () => Number(await panel.classCount(0).getAttribute('data-count')), { timeout: 60_000 })
    .toBeGreaterThan(0);
  const stats1 = page.getByTestId('dataset.webcam.stats');
  const frames1 = Number(await stats1.getAttribute('data-frames'));
  await expect(panel.classCount(0)).toHaveAttribute('data-count', String(frames1));

  // Keyboard: choose Class 2, focus the button, hold Space for 1.5 s.
  await page.getByLabel('Record into class').selectOption({ label: 'Class 2' });
  await hold.focus();
  await page.keyboard.down('Space');
  await expect(hold).toHaveAttribute('aria-pressed', 'true');
  await page.waitForTimeout(1500);
  await page.keyboard.up('Space');
  await expect(hold).toHaveAttribute('aria-pressed', 'false');
  await expect
    .poll(async () => Number(await panel.classCount(1).getAttribute('data-count')), { timeout: 60_000 })
    .toBeGreaterThan(0);
  const frames2 = Number(await stats1.getAttribute('data-frames'));
  await expect(panel.classCount(1)).toHaveAttribute('data-count', String(frames2));
  await expect(panel.classCount(0)).toHaveAttribute('data-count', String(frames1));

  // Frames were captured by each hold (whatever the rate), and the stats count what was stored.
  expect(frames1).toBeGreaterThan(0);
  expect(frames2).toBeGreaterThan(0);

  // The captured frames have thumbnails.
  await expect
    .poll(() => panel.loadedThumbnails(), { timeout: 60_000 })
    .toBeGreaterThanOrEqual(Math.min(frames1, 14) + Math.min(frames2, 14));
  await panel.root.screenshot({ path: screenshotPath('dataset-webcam-two-classes') });
  await page.getByRole('button', { name: 'Stop camera' }).click();
  expect(errors).toEqual([]);
});

test('(c2) "Start with your webcam" on the first screen: a live prediction in 3 clicks, en and zh', async ({
  page,
}) => {
  const errors = collectPageErrors(page);
  await openFreshStudio(page);
  const entry = page.getByTestId('setup.webcamStart');
  await expect(entry).toBeInViewport();
  await page.locator('#setup').screenshot({ path: screenshotPath('webcam-start-entry-en') });
  let clicks = 0;
  const click = async (testId: string) => {
    await page.getByTestId(testId).click();
    clicks++;
  };
  await click('setup.webcam');
  // Camera on, the built-in MobileNet, two classes, the panel in view.
  const panel = page.locator('#fewshot');
  await expect(panel.getByTestId('fewshot.camera.stop')).toBeVisible();
  await expect(panel.getByTestId('fewshot.backbone')).toHaveValue('mobilenet_v1_0.25');
  await expect(panel.getByTestId('fewshot.class')).toHaveCount(2);
  await expect(panel.getByTestId('fewshot.status')).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
  await expect(panel.getByTestId('fewshot.status')).toContainText('MobileNet v1, α = 0.25');
  await click('fewshot.capture.0');
  await expect(panel.getByTestId('fewshot.class').nth(0)).toHaveAttribute('data-count', '1');
  await click('fewshot.capture.1');
  await expect(panel.getByTestId('fewshot.live')).toBeVisible({ timeout: 60_000 });
  expect(clicks).toBeLessThanOrEqual(4);
  await panel.screenshot({ path: screenshotPath('webcam-start-live-en') });
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(entry).toContainText('从摄像头开始');
  await page.locator('#setup').screenshot({ path: screenshotPath('webcam-start-entry-zh') });
  await panel.screenshot({ path: screenshotPath('webcam-start-live-zh') });
  await panel.getByTestId('fewshot.camera.stop').click();
  expect(errors).toEqual([]);
});
