import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetStudioStore, useStudioStore } from '../store';
import type { DatasetSummary } from '../worker/protocol/dataset';
import { createSaveCaptures } from './fewshotDataset';

/** A dataset worker stand-in: announces the dataset a tick after create, and its counts after flush. */
function fakeDatasets(options: { announce: boolean; id?: string }) {
  const sent: { datasetId: string; classIndex: number; source: string }[] = [];
  let summary: DatasetSummary | null = null;
  const updated = (dataset: DatasetSummary) =>
    setTimeout(() => useStudioStore.getState().applyEngineEvents([{ type: 'dataset.updated', dataset }]), 1);
  return {
    sent,
    createDataset(name: string, classNames: string[]) {
      summary = { id: options.id ?? 'd-1', name, classNames, counts: classNames.map(() => 0), createdAt: 0 };
      if (options.announce) updated(summary);
      return summary.id;
    },
    async captureFrame(datasetId: string, classIndex: number, frame: ImageBitmap, source: string) {
      sent.push({ datasetId, classIndex, source });
      summary!.counts[classIndex] += 1;
      frame.close();
    },
    async flushCapture() {
      updated({ ...summary!, counts: [...summary!.counts] });
    },
  };
}

const frame = () => {
  const f = { closed: false, close: () => void (f.closed = true) };
  return f as unknown as ImageBitmap & { closed: boolean };
};

afterEach(() => {
  vi.useRealTimers();
  resetStudioStore();
});

describe('instant captures saved as a dataset', () => {
  it('creates the dataset, stores every frame in its class, resolves once the store shows them all', async () => {
    const datasets = fakeDatasets({ announce: true });
    const save = createSaveCaptures(datasets, useStudioStore);
    const captures = [0, 1, 1].map((classIndex, i) => ({ classIndex, frame: frame(), source: `webcam ${i}` }));
    const id = await save('Instant captures 10:00', ['cat', 'turtle'], captures);
    expect(id).toBe('d-1');
    expect(datasets.sent).toEqual([
      { datasetId: 'd-1', classIndex: 0, source: 'webcam 0' },
      { datasetId: 'd-1', classIndex: 1, source: 'webcam 1' },
      { datasetId: 'd-1', classIndex: 1, source: 'webcam 2' },
    ]);
    expect(useStudioStore.getState().workspace.datasets).toMatchObject([
      { id: 'd-1', name: 'Instant captures 10:00', classNames: ['cat', 'turtle'], counts: [1, 2] },
    ]);
    expect(captures.every((c) => (c.frame as ImageBitmap & { closed: boolean }).closed)).toBe(true);
  });

  it('rejects and closes the frames when the dataset never appears', async () => {
    vi.useFakeTimers();
    const save = createSaveCaptures(fakeDatasets({ announce: false, id: 'd-never' }), useStudioStore);
    const captures = [{ classIndex: 0, frame: frame(), source: 'webcam' }];
    const saving = save('x', ['a'], captures);
    const failed = expect(saving).rejects.toThrow(/did not store/);
    await vi.advanceTimersByTimeAsync(30_000);
    await failed;
    expect((captures[0].frame as ImageBitmap & { closed: boolean }).closed).toBe(true);
  });

  it('refuses to save nothing', async () => {
    const save = createSaveCaptures(fakeDatasets({ announce: true }), useStudioStore);
    await expect(save('x', ['a'], [])).rejects.toThrow(/nothing captured/);
  });
});
