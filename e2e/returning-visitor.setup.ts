import fs from 'node:fs';
import path from 'node:path';
import { expect, test as setup } from '@playwright/test';
import { RETURNING_VISITOR_STATE } from './visitors';

/**
 * A returning visitor: the studio opened once, measured its backends in the background and stored the choice per
 * device (IndexedDB `transfer-studio-backend`, src/worker/engine/backend.ts). Every spec starts from that state
 * except the ones about the first visit (`test.use({ storageState: FIRST_VISIT })`), so the ~10–20 s measurement
 * (software WebGL among the candidates) runs once per suite instead of once per test. Only the backend choice is
 * kept: datasets, runs and settings start empty as before.
 */
/** The part of a storage-state snapshot read here (Playwright returns `indexedDB` but does not type it). */
interface Snapshot {
  origins: { origin: string; indexedDB?: { name: string; stores: { records: unknown[] }[] }[] }[];
}

setup('a returning visitor: the measured backend choice is stored', async ({ page, context }) => {
  await page.goto('/');
  const status = page.getByTestId('settings.backend');
  await expect(status).toHaveAttribute('data-backend', /.+/, { timeout: 120_000 });
  await expect(status).toHaveAttribute('data-measuring', 'false', { timeout: 180_000 });
  const state = (await context.storageState({ indexedDB: true })) as unknown as Snapshot;
  const origins = state.origins
    .map((o) => ({
      ...o,
      localStorage: [],
      indexedDB: (o.indexedDB ?? []).filter((db) => db.name === 'transfer-studio-backend'),
    }))
    .filter((o) => o.indexedDB.length > 0);
  const records = origins.flatMap((o) => o.indexedDB.flatMap((db) => db.stores.flatMap((s) => s.records)));
  expect(records, 'the measured choice is stored for the next visit').toHaveLength(1);
  fs.mkdirSync(path.dirname(RETURNING_VISITOR_STATE), { recursive: true });
  fs.writeFileSync(RETURNING_VISITOR_STATE, JSON.stringify({ cookies: [], origins }, null, 2));
});
