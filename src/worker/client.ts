/**
 * The main thread's handles on the two workers: send typed commands, subscribe to typed events. The only place
 * the UI side touches a worker; it never sees tfjs. One generic client (`connectWorker`) serves both protocols.
 */
import type { ExperimentResult } from '../core/experiment/types';
import type { DatasetWorkerCommand, DatasetWorkerEvent } from './protocol/dataset';
import type { EngineCommand, EngineEvent } from './protocol/engine';
import { connectWorker, type WorkerClient } from './connect';

export { connectWorker, type ConnectOptions, type WorkerClient } from './connect';

export interface EngineClient extends WorkerClient<EngineCommand, EngineEvent> {
  /** The last ExperimentResult exactly as the worker produced it (for export and for tests); null before one. */
  lastResult(): ExperimentResult | null;
}

/** Starts the engine worker (a module worker bundled by Vite) and connects to it. */
export function createEngineClient(): EngineClient {
  const worker = new Worker(new URL('./engine/engine.worker.ts', import.meta.url), {
    type: 'module',
    name: 'transfer-studio-engine',
  });
  const client = connectWorker<EngineCommand, EngineEvent>(worker, {
    label: 'engine worker',
    failure: (message, command) => ({
      type: 'engine.error',
      runId: command && 'runId' in command ? command.runId : undefined,
      name: 'WorkerError',
      message,
    }),
  });
  let last: ExperimentResult | null = null;
  // Subscribed first, so `lastResult()` is current when the other listeners see the result.
  client.subscribe((event) => {
    if (event.type === 'experiment.result') last = event.result;
  });
  return { ...client, lastResult: () => last };
}

export type DatasetClient = WorkerClient<DatasetWorkerCommand, DatasetWorkerEvent>;

/** Starts the dataset worker (a module worker bundled by Vite, no TensorFlow.js) and connects to it. */
export function createDatasetClient(): DatasetClient {
  const worker = new Worker(new URL('./datasets/dataset.worker.ts', import.meta.url), {
    type: 'module',
    name: 'transfer-studio-datasets',
  });
  return connectWorker<DatasetWorkerCommand, DatasetWorkerEvent>(worker, {
    label: 'dataset worker',
    failure: (message) => ({ type: 'datasetWorker.error', name: 'WorkerError', message }),
  });
}
