import type { Page } from '@playwright/test';

const BLANK_PATH = '/__e2e-fresh-workspace';

/**
 * Deletes the studio's workspace (IndexedDB `transfer-studio`: datasets, runs, classifiers) without starting the app
 * just to delete it: from an empty page of the app's origin that the test answers itself (it runs none of the app's
 * code), which also leaves a page already on the app and so closes its connection to the database. The stored
 * backend choice (`transfer-studio-backend`, e2e/visitors.ts) stays, so a returning visitor stays one.
 */
export async function deleteWorkspace(page: Page): Promise<void> {
  const isBlank = (url: URL) => url.pathname === BLANK_PATH;
  await page.route(isBlank, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><link rel="icon" href="data:,"><title>-</title>' }),
  );
  try {
    await page.goto(BLANK_PATH);
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const request = indexedDB.deleteDatabase('transfer-studio');
          request.onsuccess = request.onerror = request.onblocked = () => resolve();
        }),
    );
  } finally {
    await page.unroute(isBlank);
  }
}
