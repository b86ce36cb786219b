import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page, Route } from '@playwright/test';

type Router = Pick<Page | BrowserContext, 'route' | 'unroute'>;

/** Page object and fixtures of the Backbone and Strategy panels (e2e/backbone*.spec.ts). */

export const SHARED_MODELS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared/models');
/** The public URL pattern of MobileNet v1 at width `alpha` (as written in the URL: 0.25, 0.75). */
export const mobileNetUrl = (alpha: string) =>
  `https://storage.googleapis.com/tfjs-models/tfjs/mobilenet_v1_${alpha}_224/**`;

/**
 * Answers the public URL of MobileNet v1 `alpha` with ../shared/models/mobilenet_v1_<alpha>_224 (model.json as JSON,
 * the extensionless shards as octet-stream, CORS open as Google's bucket serves it). Records the requested file
 * names. `delayMs` delays shard i by i × delayMs, so download progress is visible for a while. (MobileNet v1 0.25
 * ships with the app: nothing fetches its public URL.)
 */
export async function serveMobileNet(router: Router, alpha: string, delayMs = 0): Promise<{ requests: string[] }> {
  const requests: string[] = [];
  const folder = path.join(SHARED_MODELS, `mobilenet_v1_${alpha}_224`);
  await router.route(mobileNetUrl(alpha), async (route: Route) => {
    const url = new URL(route.request().url());
    const name = url.pathname.slice(url.pathname.lastIndexOf('/') + 1);
    requests.push(name);
    const shard = /^group(\d+)-/.exec(name);
    if (shard && delayMs > 0) await new Promise((resolve) => setTimeout(resolve, Number(shard[1]) * delayMs));
    let body: Buffer;
    try {
      body = readFileSync(path.join(folder, name));
    } catch {
      await route.fulfill({ status: 404, body: 'not found' });
      return;
    }
    await route.fulfill({
      status: 200,
      body,
      headers: {
        'content-type': name.endsWith('.json') ? 'application/json' : 'application/octet-stream',
        'access-control-allow-origin': '*',
        'cross-origin-resource-policy': 'cross-origin',
      },
    });
  });
  return { requests };
}

/** Makes the public URL of MobileNet v1 `alpha` fail as if offline; returns the requests that were attempted. */
export async function failMobileNet(router: Router, alpha: string): Promise<{ requests: string[] }> {
  const requests: string[] = [];
  await router.unroute(mobileNetUrl(alpha));
  await router.route(mobileNetUrl(alpha), async (route) => {
    requests.push(route.request().url());
    await route.abort('internetdisconnected');
  });
  return { requests };
}

/** The files of a shared model folder as {name, mimeType, buffer}, for a synthetic drop or setInputFiles. */
export function modelFolderFiles(folder: string, skip: readonly string[] = []) {
  const dir = path.join(SHARED_MODELS, folder);
  return readdirSync(dir)
    .filter((name) => !skip.includes(name))
    .map((name) => ({
      name,
      mimeType: name.endsWith('.json') ? 'application/json' : 'application/octet-stream',
      buffer: readFileSync(path.join(dir, name)),
    }));
}

/**
 * Drops files on the model drop zone as a folder drop would deliver them (a DataTransfer of Files, relative names),
 * through a real `drop` event on the element.
 */
export async function dropModelFiles(
  page: Page,
  files: { name: string; mimeType: string; buffer: Buffer }[],
): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, type: f.mimeType, base64: f.buffer.toString('base64') }));
  const dataTransfer = await page.evaluateHandle((items) => {
    const dt = new DataTransfer();
    for (const item of items) {
      const bytes = Uint8Array.from(atob(item.base64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], item.name, { type: item.type }));
    }
    return dt;
  }, payload);
  const zone = page.getByTestId('backbone.drop');
  await zone.dispatchEvent('dragover', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
}

export const backbonePanel = (page: Page) => ({
  radio: (name: RegExp) => page.getByRole('radio', { name }),
  status: () => page.getByTestId('backbone.status'),
  error: () => page.getByTestId('backbone.error'),
  blocks: () => page.getByTestId('backbone.block'),
  slider: () => page.getByRole('slider', { name: /Freeze depth/ }),
  paramSplit: () => page.getByTestId('backbone.paramSplit'),
  msPerImage: () => page.getByTestId('backbone.msPerImage'),
  progress: () => page.getByRole('progressbar', { name: 'Backbone download progress' }),
});

/** The store's backbone slice, read through the studio's test hook. */
export function backboneState(page: Page) {
  return page.evaluate(() => window.__transferStudio?.state().backbone ?? null);
}
