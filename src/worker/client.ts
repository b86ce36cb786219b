/**
 * The main thread's handles on the two workers: send typed commands, subscribe to typed events. The only place
 * the UI side touches a worker; it never sees tfjs. One generic client (`connectWorker`) serves both protocols.
 */
import * as Comlink from 'comlink';
import type { ExperimentResult } from '../core/experiment/types';
import type { DatasetWorkerCommand, DatasetWorkerEvent } from './protocol/dataset';
import type { EngineCommand, EngineEvent } from './protocol/engine';
import type { Message, WorkerApi } from './protocol/messages';

export interface WorkerClient<C extends Message, E extends Message> {
  /**
   * Resolves when the worker has handled the command completely; failures arrive as events. `transfer` lists
   * objects moved to the worker instead of copied (a webcam frame's ImageBitmap); they are unusable after.
   */
  send(command: C, transfer?: Transferable[]): Promise<void>;
  /** Returns an unsubscribe function. */
  subscribe(listener: (event: E) => void): () => void;
  terminate(): void;
}

export interface ConnectOptions<C extends Message, E extends Message> {
  /**
   * The protocol's event for a failure of the channel itself (a worker that could not start or died, a command
   * that could not be delivered): `command` is the one being sent, null when none was.
   */
  failure(message: string, command: C | null): E;
  /** Names the worker in the start-up failure message ("the engine worker failed: …"). */
  label: string;
}

/** Wires a client to an already started worker (or anything speaking comlink on a MessagePort-like endpoint). */
export function connectWorker<C extends Message, E extends Message>(
  endpoint: Worker,
  options: ConnectOptions<C, E>,
): WorkerClient<C, E> {
  const api = Comlink.wrap<WorkerApi<C, E>>(endpoint);
  const listeners = new Set<(event: E) => void>();

  const emit = (event: E) => {
    for (const listener of listeners) listener(event);
  };
  endpoint.addEventListener('error', (event) => {
    emit(options.failure(`the ${options.label} failed: ${(event as ErrorEvent).message || 'could not start'}`, null));
  });
  const connected = api.connect(Comlink.proxy(emit));

  return {
    async send(command, transfer) {
      try {
        await connected;
        const message = transfer && transfer.length > 0 ? Comlink.transfer(command, transfer) : command;
        // Comlink's Remote type cannot see through the generic command type; it is sent as it is.
        await api.execute(message as Parameters<typeof api.execute>[0]);
      } catch (error) {
        // The worker reports its own failures as events; this is a broken channel or a worker that died.
        emit(options.failure(error instanceof Error ? error.message : String(error), command));
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    terminate() {
      api[Comlink.releaseProxy]();
      endpoint.terminate();
    },
  };
}

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
