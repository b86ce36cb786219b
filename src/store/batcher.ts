/**
 * Collects worker events and hands them over in one batch per animation frame, so a burst of epoch events
 * costs one store update and one render. When the page is hidden (no animation frames), a timer flushes instead.
 */
export interface Batcher<T> {
  push(item: T): void;
  /** Delivers anything queued now (e.g. before a test reads the store). */
  flush(): void;
}

export type Scheduler = (callback: () => void) => void;

/** requestAnimationFrame when visible, else a 100 ms timer; a timer outside browsers. */
export const frameScheduler: Scheduler = (callback) => {
  if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && !document.hidden) {
    requestAnimationFrame(() => callback());
  } else {
    setTimeout(callback, typeof document === 'undefined' ? 0 : 100);
  }
};

export function createBatcher<T>(deliver: (items: T[]) => void, schedule: Scheduler = frameScheduler): Batcher<T> {
  let queue: T[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (queue.length === 0) return;
    const items = queue;
    queue = [];
    deliver(items);
  };
  return {
    push(item) {
      queue.push(item);
      if (!scheduled) {
        scheduled = true;
        schedule(flush);
      }
    },
    flush,
  };
}
