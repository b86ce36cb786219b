/**
 * LabActions as worker commands (worker/protocol/zeroshot.ts): every command has a request id; its progress
 * events reach the caller's callback and its answer (zeroshot.result / episodes.result, or an error event) settles
 * the promise the panel awaits.
 */
import type { EpisodesOutcome, LabActions, LabProgress } from '../features/fewshotLab/actions';
import type { ZeroShotView } from '../core/fewshot/zeroShotView';
import type { EngineClient } from '../worker/client';
import { isLabEvent, type LabCommand } from '../worker/protocol/zeroshot';

interface Waiting {
  resolve(answer: { view: ZeroShotView; seconds: number } | EpisodesOutcome): void;
  reject(error: Error): void;
  onProgress(progress: LabProgress): void;
}

export function createLabActions(client: EngineClient): LabActions {
  const pending = new Map<string, Waiting>();
  let counter = 0;
  client.subscribe((event) => {
    if (!isLabEvent(event)) return;
    const waiting = pending.get(event.requestId);
    if (!waiting) return;
    switch (event.type) {
      case 'zeroshot.progress':
      case 'episodes.progress':
        waiting.onProgress({ phase: event.phase, done: event.done, total: event.total });
        return;
      case 'zeroshot.error':
      case 'episodes.error':
        pending.delete(event.requestId);
        waiting.reject(new Error(event.message));
        return;
      case 'zeroshot.result':
        pending.delete(event.requestId);
        waiting.resolve({ view: event.view, seconds: event.seconds });
        return;
      case 'episodes.result': {
        pending.delete(event.requestId);
        const { type: _type, requestId: _id, ...outcome } = event;
        waiting.resolve(outcome);
        return;
      }
    }
  });

  const request = <T>(command: LabCommand, onProgress: (progress: LabProgress) => void = () => undefined) =>
    new Promise<T>((resolve, reject) => {
      pending.set(command.requestId, { resolve: resolve as Waiting['resolve'], reject, onProgress });
      // `send` resolves once the worker handled the command; the answer may arrive a little later on the
      // listener's channel, so wait a while before calling it lost (a dead worker never answers).
      void client.send(command).then(() =>
        setTimeout(() => {
          if (pending.delete(command.requestId)) reject(new Error('the engine did not answer'));
        }, 5_000),
      );
    });
  const id = (kind: string) => `lab-${kind}-${++counter}`;

  return {
    runZeroShot: (onProgress) =>
      request({ type: 'zeroshot.run', requestId: id('zeroshot'), baseUrl: document.baseURI }, onProgress),
    decideZeroShot: async (rows) =>
      (await request<{ view: ZeroShotView }>({ type: 'zeroshot.decide', requestId: id('decide'), rows: rows })).view,
    runEpisodes: (episodes, onProgress) =>
      request({ type: 'episodes.run', requestId: id('episodes'), baseUrl: document.baseURI, ...episodes }, onProgress),
  };
}
