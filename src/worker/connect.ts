/**
 * A typed client on any worker that serves a protocol with serve.ts: send commands, subscribe to events. Kept apart
 * from client.ts (which starts the page's workers) so a worker can start and talk to a worker of its own (the engine
 * starts the backend probe worker) without pulling the page's workers into its bundle.
 */
import * as Comlink from 'comlink';
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
