/**
 * How the browser tests start Debian's Chromium (Playwright cannot download its own here). The network flags keep
 * Chromium from calling home on this closed network; the fake media flags give the webcam tests a camera.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const FAKE_CAMERA_ARGS = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];
