/**
 * RunsActions as worker commands (worker/protocol/runs.ts): the stored run history (listed once at start-up, after the
 * worker has marked interrupted runs), deleting runs, and thumbnails of example ids, answered through promises.
 */
import type { RunsActions } from '../features/runs/actions';
import type { EngineClient } from '../worker/client';
import type { ExampleThumbnail } from '../worker/protocol/runs';

export function createRunsActions(client: EngineClient): RunsActions {
  const pending = new Map<string, (thumbnails: ExampleThumbnail[]) => void>();
  let counter = 0;
  client.subscribe((event) => {
    if (event.type !== 'examples.fetched') return;
    pending.get(event.requestId)?.(event.thumbnails);
    pending.delete(event.requestId);
  });
  void client.send({ type: 'runs.list' });

  return {
    refreshRuns() {
      void client.send({ type: 'runs.list' });
    },
    importResults(files) {
      for (const file of files) {
        void file.text().then((text) => client.send({ type: 'runs.import', fileName: file.name, text }));
      }
    },
    deleteRuns(runIds) {
      if (runIds.length > 0) void client.send({ type: 'runs.delete', runIds });
    },
    fetchExampleThumbnails(ids) {
      if (ids.length === 0) return Promise.resolve([]);
      const requestId = `thumbs-${++counter}`;
      return new Promise<ExampleThumbnail[]>((resolve) => {
        pending.set(requestId, resolve);
        // The worker always answers (on the listener's channel, possibly after `send` resolves); a dead worker
        // does not: give the caller an empty answer after a while.
        void client.send({ type: 'examples.fetch', requestId, ids, baseUrl: document.baseURI }).then(() =>
          setTimeout(() => {
            if (pending.delete(requestId)) resolve(ids.map((id) => ({ id, blob: null, source: null })));
          }, 10_000),
        );
      });
    },
  };
}
