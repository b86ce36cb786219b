import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { checkImageBytes } from '../../core/data/imageHeader';
import { DEFAULT_LIMITS, type ImportLimits } from '../../core/data/limits';
import { patternPng } from '../../core/testing/badInputs';
import type { ImportedImage } from './browserDecode';
import type { DatasetWorkerCommand, DatasetWorkerEvent } from '../protocol/dataset';
import { createDatasetService } from './datasetService';
import { WorkspaceDb } from '../workspace/db';

/**
 * Cancelling an import at the service level (the worker's dataset service on a fake IndexedDB): after the cancel
 * command no new decode starts beyond the few already picked up (one per lane), what was stored before the cancel
 * is exactly what the finish event reports, the dataset that was there before is untouched, and the service
 * takes the next import (docs/guarantees.md). Decoding is a stub taking DECODE_MS per image, like a real decode
 * of a phone photo. How many milliseconds the stop takes is measured by the benchmark, never asserted here.
 */
const DECODE_MS = 40;
/** Files the import decodes at the same time (datasetService's default concurrency). */
const LANES = 3;
let decodesStarted = 0;

async function slowDecode(
  bytes: Uint8Array,
  label: string,
  limits: ImportLimits = DEFAULT_LIMITS,
): Promise<ImportedImage> {
  const check = checkImageBytes(bytes, label, limits);
  if (!check.ok) throw check.error;
  decodesStarted += 1;
  await new Promise((resolve) => setTimeout(resolve, DECODE_MS));
  return {
    // The file's bytes as one row of pixels: equal pixels (the import's copy check) only for equal files.
    image: {
      width: Math.ceil(bytes.length / 3),
      height: 1,
      data: Uint8Array.from({ length: Math.ceil(bytes.length / 3) * 3 }, (_, i) => bytes[i] ?? 0),
    },
    thumbnail: new Blob([new Uint8Array([1])], { type: 'image/webp' }),
    format: check.format,
    originalWidth: check.width,
    originalHeight: check.height,
    warnings: [],
    notices: [],
  };
}

const file = (path: string, bytes: Uint8Array) => ({
  path,
  file: new File([bytes as Uint8Array<ArrayBuffer>], path.split('/').pop()!),
});

function setup() {
  globalThis.indexedDB = new IDBFactory();
  decodesStarted = 0;
  const events: { event: DatasetWorkerEvent }[] = [];
  const service = createDatasetService({
    emit: (event) => events.push({ event }),
    openWorkspace: () => WorkspaceDb.open({ name: 'cancel-test' }),
    decode: slowDecode,
  });
  const of = <T extends DatasetWorkerEvent['type']>(type: T) =>
    events.map((e) => e.event).filter((e): e is Extract<DatasetWorkerEvent, { type: T }> => e.type === type);
  return { service, events, of, send: (c: DatasetWorkerCommand) => service.handle(c) };
}

const importCommand = (
  importId: string,
  datasetId: string,
  files: ReturnType<typeof file>[],
): DatasetWorkerCommand => ({
  type: 'import.start',
  importId,
  datasetId,
  createName: datasetId,
  files,
  folders: [],
  readProblems: [],
});

describe('import cancel (dataset service)', () => {
  it('stops on cancel (no new decodes), keeps what it stored, leaves the earlier dataset alone, takes the next import', async () => {
    const { service, of, send } = setup();
    const ws = await service.workspace();

    // What the user had before: a dataset of 6 images.
    await send(
      importCommand(
        'before',
        'old',
        ['a', 'b'].flatMap((c, hue) => [1, 2, 3].map((i) => file(`old/${c}/${i}.png`, patternPng(i, 8, hue)))),
      ),
    );
    const before = (await ws.readAll()).images
      .filter((i) => i.datasetId === 'old')
      .map((i) => [i.id, i.classIndex, new Uint8Array(i.pixels.data)]);
    expect(before).toHaveLength(6);

    // 1,000 images at DECODE_MS each (3 at a time) would take ~13 s; cancel once 60 are done.
    const files = Array.from({ length: 1000 }, (_, i) =>
      file(`big/${i % 2 ? 'x' : 'y'}/${i}.png`, patternPng(i % 250, 8, i % 2)),
    );
    const running = send(importCommand('big', 'big', files));
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const last = of('import.progress')
          .filter((e) => e.importId === 'big')
          .at(-1);
        if (last && last.done >= 60) {
          clearInterval(timer);
          resolve();
        }
      }, 5);
    });
    const startedBeforeCancel = decodesStarted;
    await send({ type: 'import.cancel', importId: 'big' });
    await running;
    // At most the files each lane had already picked up were decoded after the cancel.
    expect(decodesStarted - startedBeforeCancel).toBeLessThanOrEqual(LANES);

    const finished = of('import.finished').find((e) => e.importId === 'big')!;
    expect(finished.status).toBe('cancelled');
    expect(finished.imported).toBeGreaterThanOrEqual(24);
    expect(finished.imported).toBeLessThanOrEqual(decodesStarted);
    expect(finished.imported).toBeLessThan(1000);
    expect(await ws.countImages('big')).toBe(finished.imported);

    const after = (await ws.readAll()).images
      .filter((i) => i.datasetId === 'old')
      .map((i) => [i.id, i.classIndex, new Uint8Array(i.pixels.data)]);
    expect(after).toEqual(before);

    // The service is free again: a new import into the cancelled dataset runs to the end (with pictures it does
    // not hold yet: copies of stored ones would be skipped).
    await send(
      importCommand('again', 'big', [
        file('more/x/a.png', patternPng(251)),
        file('more/y/b.png', patternPng(252, 8, 1)),
      ]),
    );
    expect(of('import.finished').find((e) => e.importId === 'again')).toMatchObject({ status: 'done', imported: 2 });
    expect(await ws.countImages('big')).toBe(finished.imported + 2);
  });

  it('a cancel before the first decode imports nothing and creates no half dataset', async () => {
    const { service, of, send } = setup();
    const files = Array.from({ length: 50 }, (_, i) => file(`p/${i % 2 ? 'x' : 'y'}/${i}.png`, patternPng(i)));
    const running = send(importCommand('early', 'early', files));
    await send({ type: 'import.cancel', importId: 'early' });
    await running;
    const finished = of('import.finished')[0];
    expect(finished.status).toBe('cancelled');
    expect(await (await service.workspace()).countImages('early')).toBe(finished.imported);
  });
});
