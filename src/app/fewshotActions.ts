/**
 * FewShotActions as worker commands (worker/protocol/fewshot.ts): every command has a request id, and its answer
 * (fewshot.ready / updated / prediction, or fewshot.error) settles the promise the panel awaits.
 */
import type {
  FewShotActions,
  FewShotLivePrediction,
  FewShotSessionInfo,
  FewShotUpdate,
} from '../features/fewshot/actions';
import type { RunComparison } from '../core/fewshot/compareWithRun';
import type { EngineClient } from '../worker/client';
import type { FewShotCommand, FewShotEvent } from '../worker/protocol/fewshot';
import { isFewShotEvent } from '../worker/protocol/fewshot';

type Answer = FewShotSessionInfo | FewShotUpdate | FewShotLivePrediction | RunComparison;

/** Every FewShotActions but saving captures, which goes to the dataset worker (fewshotDataset.ts). */
export function createFewShotActions(client: EngineClient): Omit<FewShotActions, 'saveFewShotCaptures'> {
  const pending = new Map<string, { resolve(answer: Answer): void; reject(error: Error): void }>();
  let counter = 0;
  client.subscribe((event) => {
    if (!isFewShotEvent(event)) return;
    const waiting = pending.get(event.requestId);
    if (!waiting) return;
    pending.delete(event.requestId);
    if (event.type === 'fewshot.error') waiting.reject(new Error(event.message));
    else waiting.resolve(answerOf(event));
  });

  const request = <T extends Answer>(command: FewShotCommand, transfer: Transferable[] = [], lostAfterMs = 5_000) =>
    new Promise<T>((resolve, reject) => {
      pending.set(command.requestId, { resolve: resolve as (a: Answer) => void, reject });
      // The answer travels on the listener's own channel, so it may arrive after `send` resolves: wait a while
      // before calling it lost (a dead worker never answers).
      void client.send(command, transfer).then(() =>
        setTimeout(() => {
          if (pending.delete(command.requestId)) reject(new Error('the engine did not answer'));
        }, lostAfterMs),
      );
    });
  const id = (kind: string) => `fewshot-${kind}-${++counter}`;

  return {
    startFewShot: (backbone) =>
      request({ type: 'fewshot.start', requestId: id('start'), backbone, baseUrl: document.baseURI }),
    captureFewShot: (frame, classIndex) =>
      request({ type: 'fewshot.capture', requestId: id('capture'), classIndex, frame }, [frame]),
    forgetFewShotClass: (classIndex) => request({ type: 'fewshot.forget', requestId: id('forget'), classIndex }),
    predictFewShot: (frame, method) =>
      request({ type: 'fewshot.predict', requestId: id('predict'), frame, method }, [frame]),
    // Loads the dataset and the backbone and embeds every image: minutes on a big dataset, so a long wait.
    compareFewShotWithRun: (result, datasetId) =>
      request(
        {
          type: 'fewshot.compare',
          requestId: id('compare'),
          result,
          dataset: { kind: 'workspace', datasetId, baseUrl: document.baseURI },
        },
        [],
        10 * 60_000,
      ),
  };
}

function answerOf(event: Exclude<FewShotEvent, { type: 'fewshot.error' }>): Answer {
  switch (event.type) {
    case 'fewshot.ready':
      return {
        backbone: event.backbone,
        imageSize: event.imageSize,
        dimensions: event.dimensions,
        seconds: event.seconds,
      };
    case 'fewshot.updated':
      return { counts: event.counts, embedMs: event.embedMs, curves: event.curves };
    case 'fewshot.compared':
      return event.comparison;
    case 'fewshot.prediction':
      return {
        method: event.method,
        label: event.label,
        probabilities: event.probabilities,
        ms: event.ms,
        stages: event.stages,
      };
  }
}
