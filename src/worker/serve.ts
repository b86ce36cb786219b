/**
 * The worker side of a protocol (the counterpart of client.ts): exposes `WorkerApi` through comlink, hands each
 * command to `handle`, and turns what it throws into the protocol's error event. Both workers start with it.
 */
import * as Comlink from 'comlink';
import type { Message, WorkerApi } from './protocol/messages';

export interface ServeOptions<C extends Message, E extends Message> {
  /** Handles one command completely; may throw (the error becomes `failure(error, command)`). */
  handle(command: C, emit: (event: E) => void): Promise<void>;
  /** The protocol's event for a command that failed. */
  failure(error: Error, command: C): E;
  /** Every event goes through here before it reaches the page (e.g. to record runs). */
  observe?(event: E): void;
}

/**
 * Exposes the worker's API on `self`; returns the `emit` the worker's services send their events with (events
 * emitted before the page connects are dropped).
 */
export function serveWorker<C extends Message, E extends Message>(options: ServeOptions<C, E>): (event: E) => void {
  let listener: (event: E) => void = () => {};
  const emit = (event: E) => {
    // Fire and forget: the listener is a comlink proxy, so each call is a postMessage to the page.
    void listener(event);
    options.observe?.(event);
  };
  const api: WorkerApi<C, E> = {
    connect(l) {
      listener = l;
    },
    async execute(command) {
      try {
        await options.handle(command, emit);
      } catch (error) {
        emit(options.failure(error instanceof Error ? error : new Error(String(error)), command));
      }
    },
  };
  Comlink.expose(api);
  return emit;
}
