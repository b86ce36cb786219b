import { CancelledError } from './types';

/**
 * The part of AbortSignal the engine reads. Core's tsconfig has no DOM or Node types, so it names the shape it
 * needs; a browser or Node AbortSignal satisfies it.
 */
export interface CancelSignal {
  readonly aborted: boolean;
}

/** Throws CancelledError when the signal has been aborted. */
export function throwIfCancelled(signal: CancelSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

interface TimerGlobals {
  setTimeout?: (callback: () => void, ms: number) => unknown;
  MessageChannel?: new () => {
    port1: { onmessage: ((event: unknown) => void) | null; close(): void };
    port2: { postMessage(message: unknown): void; close(): void };
  };
}

/**
 * Lets queued tasks run (a worker's incoming "cancel" message, a Node timer) before the next batch.
 * MessageChannel rather than setTimeout(0): nested timers are clamped to 4 ms in browsers, which per batch adds up;
 * rather than tf.nextFrame: requestAnimationFrame is throttled to nothing in a hidden tab's worker.
 */
export function yieldToEventLoop(): Promise<void> {
  const g = globalThis as unknown as TimerGlobals;
  return new Promise((resolve) => {
    if (g.MessageChannel) {
      const channel = new g.MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        channel.port2.close();
        resolve();
      };
      channel.port2.postMessage(null);
    } else if (g.setTimeout) {
      g.setTimeout(resolve, 0);
    } else {
      resolve();
    }
  });
}

/** Yields, then throws CancelledError if the signal was aborted meanwhile. */
export async function checkpoint(signal: CancelSignal | undefined): Promise<void> {
  await yieldToEventLoop();
  throwIfCancelled(signal);
}
