import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Request } from '@playwright/test';
import { contentSecurityPolicy } from '../csp.config';
import { backbonePanel } from './backbonePanel';
import { collectPageErrors } from './helpers';
import {
  dropTree,
  dropZone,
  openFreshStudio,
  runToEnd,
  smallExperiment,
  waitForImport,
  type TreeFile,
} from './trustHelpers';

/**
 * "No upload" and the Content-Security-Policy, over a whole session (docs/guarantees.md): load the page, import a
 * dataset of photos by drop (the built-in MobileNet v1 0.25 is chosen for photos), run an experiment. EVERY request
 * of the page and its workers is recorded: only the app's own files (the model's among them) are fetched, nothing is sent (no request carries a body, let alone image bytes), and the policy (header and
 * <meta>, from csp.config.ts) is reported violated by neither the page nor its workers.
 */
const FLOWERS = '/work/shared/datasets/flowers';
/** The built-in MobileNet's folder in the app (public/models/). */
const MODEL_PATH = '/models/mobilenet_v1_0.25_224/';

/** `n` photos of each flower class, as a folder drop "flowers/<class>/<file>". */
function flowerDrop(classes: string[], n: number): TreeFile[] {
  return classes.flatMap((c) =>
    readdirSync(path.join(FLOWERS, c))
      .sort()
      .slice(0, n)
      .map((name) => ({
        path: `flowers/${c}/${name}`,
        bytes: new Uint8Array(readFileSync(path.join(FLOWERS, c, name))),
      })),
  );
}

/** True when `haystack` contains a 64-byte window of `needle` (from its middle: past any common header). */
function containsPart(haystack: Buffer, needle: Uint8Array): boolean {
  const at = Math.floor(needle.length / 2);
  return haystack.includes(Buffer.from(needle.subarray(at, at + 64)));
}

interface Recorded {
  url: string;
  method: string;
  body: Buffer | null;
  fromWorker: boolean;
}

test('a whole session fetches only the app and the model, sends nothing, and never violates the CSP', async ({
  page,
  context,
  baseURL,
}, testInfo) => {
  test.setTimeout(15 * 60_000);
  const errors = collectPageErrors(page);
  const requests: Recorded[] = [];
  const record = (request: Request) =>
    requests.push({
      url: request.url(),
      method: request.method(),
      body: request.postDataBuffer(),
      fromWorker: request.serviceWorker() !== null || request.frame === undefined,
    });
  context.on('request', record);

  // CSP violations: the page's event, each worker's event, and Chromium's own console report of a refusal.
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__cspViolations.push(`${e.effectiveDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  const workerViolations: (() => Promise<string[]>)[] = [];
  page.on('worker', (worker) => {
    const installed = worker
      .evaluate(() => {
        const g = self as unknown as { __cspViolations: string[] };
        g.__cspViolations = [];
        self.addEventListener('securitypolicyviolation', (e) =>
          g.__cspViolations.push(`${e.effectiveDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`),
        );
      })
      .catch(() => undefined);
    workerViolations.push(async () => {
      await installed;
      return worker
        .evaluate(() => (self as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])
        .catch(() => []);
    });
  });
  const cdp = await context.newCDPSession(page);
  const consoleReports: string[] = [];
  cdp.on('Log.entryAdded', ({ entry }) => {
    if (/Content Security Policy|Refused to/i.test(entry.text)) consoleReports.push(`${entry.source}: ${entry.text}`);
  });
  await cdp.send('Log.enable');

  // Load: the policy arrives as a header and as a <meta>, both from csp.config.ts.
  const response = await page.goto('/');
  expect(response?.headers()['content-security-policy']).toBe(contentSecurityPolicy({ delivery: 'header' }));
  expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(
    contentSecurityPolicy({ delivery: 'meta' }),
  );
  await openFreshStudio(page);
  await expect(page.getByTestId('settings.backend')).toHaveAttribute('data-backend', /.+/, { timeout: 120_000 });

  // Import a dataset of real photos by drop.
  const photos = flowerDrop(['daisy', 'rose'], 8);
  await dropTree(dropZone(page), photos);
  await waitForImport(page, 'done');

  // Photos: the built-in MobileNet v1 0.25 replaces the digits network, from the app's own files.
  const panel = backbonePanel(page);
  await expect(panel.radio(/MobileNet v1, α = 0\.25/)).toBeChecked({ timeout: 60_000 });
  await expect(panel.status()).toHaveAttribute('data-origin', 'built-in', { timeout: 120_000 });

  // An experiment on the imported photos.
  await smallExperiment(page, 'feature-extraction', 2);
  await page.locator('#imageSize').fill('96');
  expect(await runToEnd(page, 10 * 60_000)).toEqual({ status: 'done', error: null });

  // Predict: a classifier on the photos, then a dropped photo (the Predict panel, when this build has it).
  let predicted = false;
  if ((await page.getByTestId('classifier.train').count()) > 0) {
    await page.getByTestId('classifier.train').click();
    await expect(page.getByTestId('classifier.item')).toHaveCount(1, { timeout: 5 * 60_000 });
    const daisy = photos[0];
    await page.getByTestId('predict.drop').evaluate((element, base64) => {
      const transfer = new DataTransfer();
      transfer.items.add(
        new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], 'daisy.jpg', { type: 'image/jpeg' }),
      );
      for (const kind of ['dragenter', 'dragover', 'drop'])
        element.dispatchEvent(new DragEvent(kind, { bubbles: true, cancelable: true, dataTransfer: transfer }));
    }, Buffer.from(daisy.bytes!).toString('base64'));
    await expect(page.getByTestId('predict.image')).toBeVisible({ timeout: 60_000 });
    predicted = true;
  }

  // Every request: the app's own origin (the model's files included); blob:/data: URLs are the page's own objects.
  const origin = new URL(baseURL!).origin;
  const MODEL_PREFIX = `${origin}${MODEL_PATH}`;
  const foreign = requests.filter((r) => {
    if (r.url.startsWith('blob:') || r.url.startsWith('data:')) return false;
    return new URL(r.url).origin !== origin;
  });
  expect(foreign.map((r) => r.url)).toEqual([]);
  const modelFiles = requests
    .filter((r) => r.url.startsWith(MODEL_PREFIX))
    .map((r) => r.url.slice(MODEL_PREFIX.length));
  expect(modelFiles).toContain('model.json');
  expect(modelFiles.filter((f) => f.startsWith('group')).length).toBe(55);

  // Nothing is sent: only GET requests without a body; and no body anywhere holds a piece of a photo.
  expect(requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.url}`)).toEqual([]);
  const withBody = requests.filter((r) => r.body && r.body.length > 0);
  expect(withBody.map((r) => r.url)).toEqual([]);
  for (const r of withBody) for (const photo of photos) expect(containsPart(r.body!, photo.bytes!)).toBe(false);

  // No CSP violation anywhere.
  const pageViolations = await page.evaluate(
    () => (window as unknown as { __cspViolations: string[] }).__cspViolations,
  );
  const inWorkers = (await Promise.all(workerViolations.map((read) => read()))).flat();
  expect(pageViolations).toEqual([]);
  expect(inWorkers).toEqual([]);
  expect(consoleReports).toEqual([]);

  const own = requests.filter((r) => !r.url.startsWith(MODEL_PREFIX));
  const note =
    `${requests.length} requests: ${own.length} to the app's origin (or blob:/data:), ${modelFiles.length} model files from ${MODEL_PATH}; ` +
    `${workerViolations.length} workers watched; 0 CSP violations; predict step ${predicted ? 'included' : 'skipped (no Predict panel in this build)'}`;
  console.log(note);
  testInfo.annotations.push({ type: 'privacy', description: note });
  await testInfo.attach('requests.json', {
    body: JSON.stringify(
      requests.map((r) => `${r.method} ${r.url}`),
      null,
      2,
    ),
    contentType: 'application/json',
  });
  expect(errors).toEqual([]);
});
