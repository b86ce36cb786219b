/**
 * The instant classifier's captures saved as a workspace dataset (issue 15): a new dataset with the capture
 * buttons' names as classes, the kept frames stored through the dataset worker like "Hold to record" frames, and
 * the dataset selected, so the normal Run flow trains on exactly what was captured. Resolves once the store shows
 * every frame stored; rejects with a user-facing Error when the dataset worker does not get there (storage full).
 */
import type { DatasetActions } from '../features/dataset/actions';
import type { FewShotActions } from '../features/fewshot/actions';
import type { useStudioStore } from '../store';
import type { DatasetSummary } from '../worker/protocol/dataset';

/** How long the dataset worker may take to show the new dataset, then its stored frames. */
const WAIT_MS = 20_000;

type Store = typeof useStudioStore;

/** Resolves with the dataset `datasetId` once `done` holds for it in the store; rejects after WAIT_MS. */
function whenDataset(store: Store, datasetId: string, done: (d: DatasetSummary) => boolean): Promise<void> {
  const check = () => {
    const found = store.getState().workspace.datasets.find((d) => d.id === datasetId);
    return found !== undefined && done(found);
  };
  if (check()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const stop = () => {
      clearTimeout(timer);
      unsubscribe();
    };
    const timer = setTimeout(() => {
      stop();
      reject(new Error('the workspace did not store the captures (is the browser’s storage full?)'));
    }, WAIT_MS);
    const unsubscribe = store.subscribe(() => {
      if (!check()) return;
      stop();
      resolve();
    });
  });
}

export function createSaveCaptures(
  datasets: Pick<DatasetActions, 'createDataset' | 'captureFrame' | 'flushCapture'>,
  store: Store,
): FewShotActions['saveFewShotCaptures'] {
  return async (name, classNames, captures) => {
    if (captures.length === 0) throw new Error('nothing captured yet');
    const datasetId = datasets.createDataset(name, classNames);
    try {
      await whenDataset(store, datasetId, () => true);
      for (const c of captures) await datasets.captureFrame(datasetId, c.classIndex, c.frame, c.source);
      await datasets.flushCapture();
    } finally {
      // Frames not handed over (an error part-way) are closed here; handed-over ones are already detached.
      for (const c of captures) c.frame.close();
    }
    const total = captures.length;
    await whenDataset(store, datasetId, (d) => d.counts.reduce((sum, n) => sum + n, 0) >= total);
    return datasetId;
  };
}
