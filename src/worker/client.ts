/**
 * The main thread's handle on the engine worker: send typed commands, subscribe to typed events. The only
 * place the UI side touches the worker; it never sees tfjs.
 */
import * as Comlink from 'comlink';
import type { ExperimentResult } from '../core/experiment/types';
import type { EngineApi, EngineCommand, EngineEvent, EngineListener } from './protocol';

export interface EngineClient {
  /**
   * Resolves when the worker has handled the command completely; failures arrive as `error` events. `transfer`
   * lists objects moved to the worker instead of copied (a webcam frame's ImageBitmap); they are unusable after.
   */
  send(command: EngineCommand, transfer?: Transferable[]): Promise<void>;
  /** Returns an unsubscribe function. */
  subscribe(listener: EngineListener): () => void;
  /** The last ExperimentResult exactly as the worker produced it (for export and for tests); null before one. */
  lastResult(): ExperimentResult | null;
  terminate(): void;
}

/** Starts the engine worker (a module worker bundled by Vite) and connects to it. */
export function createEngineClient(): EngineClient {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'transfer-studio-engine' });
  return connectEngine(worker);
}

/** Wires a client to an already started worker (or anything speaking comlink on a MessagePort-like endpoint). */
export function connectEngine(endpoint: Worker): EngineClient {
  const api = Comlink.wrap<EngineApi>(endpoint);
  const listeners = new Set<EngineListener>();
  let last: ExperimentResult | null = null;

  const emit = (event: EngineEvent) => {
    if (event.type === 'result') last = event.result;
    for (const listener of listeners) listener(event);
  };
  endpoint.addEventListener('error', (event) => {
    emit({ type: 'error', name: 'WorkerError', message: `the engine worker failed: ${(event as ErrorEvent).message || 'could not start'}` });
  });
  const connected = api.connect(Comlink.proxy(emit));

  return {
    async send(command, transfer) {
      try {
        await connected;
        await api.execute(transfer && transfer.length > 0 ? Comlink.transfer(command, transfer) : command);
      } catch (error) {
        // The worker reports its own failures as events; this is a broken channel or a worker that died.
        const runId = 'runId' in command ? command.runId : undefined;
        emit({ type: 'error', runId, name: 'WorkerError', message: error instanceof Error ? error.message : String(error) });
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    lastResult: () => last,
    terminate() {
      api[Comlink.releaseProxy]();
      endpoint.terminate();
    },
  };
}
