import type { CDPSession, Page } from '@playwright/test';

/**
 * JavaScript heap in use, measured after a garbage collection, in the page and in each of its dedicated workers
 * (the engine and dataset workers), through the Chrome DevTools Protocol: the page by its own session, the workers
 * by attaching to their targets from a browser session. Bytes.
 */
export interface HeapUsage {
  pageBytes: number;
  /** The page's own `performance.memory.usedJSHeapSize` (Chromium; coarse unless --enable-precise-memory-info). */
  performanceMemoryBytes: number | null;
  workers: { url: string; bytes: number }[];
  totalBytes: number;
}

let messageId = 0;

/** Sends one CDP command to an attached (non-flattened) target session and waits for its answer. */
async function onTarget(browser: CDPSession, sessionId: string, method: string, params: object = {}): Promise<unknown> {
  const id = (messageId += 1);
  return new Promise((resolve, reject) => {
    const listener = (event: { sessionId: string; message: string }) => {
      if (event.sessionId !== sessionId) return;
      const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
      if (message.id !== id) return;
      browser.off('Target.receivedMessageFromTarget', listener);
      if (message.error) reject(new Error(message.error.message));
      else resolve(message.result);
    };
    browser.on('Target.receivedMessageFromTarget', listener);
    void browser
      .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) })
      .catch(reject);
  });
}

export async function measureHeap(page: Page): Promise<HeapUsage> {
  const session = await page.context().newCDPSession(page);
  await session.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await session.send('Runtime.getHeapUsage')) as { usedSize: number };
  await session.detach();

  const browser = await page.context().browser()!.newBrowserCDPSession();
  const { targetInfos } = (await browser.send('Target.getTargets')) as {
    targetInfos: { targetId: string; type: string; url: string }[];
  };
  const workers: HeapUsage['workers'] = [];
  for (const target of targetInfos.filter((t) => t.type === 'worker')) {
    const { sessionId } = (await browser.send('Target.attachToTarget', {
      targetId: target.targetId,
      flatten: false,
    })) as { sessionId: string };
    try {
      await onTarget(browser, sessionId, 'HeapProfiler.collectGarbage');
      const usage = (await onTarget(browser, sessionId, 'Runtime.getHeapUsage')) as { usedSize: number };
      workers.push({ url: target.url.replace(/^.*\//, ''), bytes: usage.usedSize });
    } finally {
      await browser.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
    }
  }
  await browser.detach();
  const performanceMemoryBytes = await page.evaluate(
    () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null,
  );
  return {
    pageBytes: usedSize,
    performanceMemoryBytes,
    workers,
    totalBytes: usedSize + workers.reduce((n, w) => n + w.bytes, 0),
  };
}

/**
 * Starts recording the page's main-thread stalls: a 50 ms timer whose lateness is the longest task in its way.
 * Returns a function that stops and reports the worst and 95th-percentile lateness in ms.
 */
export async function watchMainThread(
  page: Page,
): Promise<() => Promise<{ maxStallMs: number; p95StallMs: number; ticks: number }>> {
  await page.evaluate(() => {
    const w = window as unknown as { __stalls: number[]; __stallTimer: number };
    w.__stalls = [];
    let expected = performance.now() + 50;
    w.__stallTimer = window.setInterval(() => {
      const now = performance.now();
      w.__stalls.push(Math.max(0, now - expected));
      expected = now + 50;
    }, 50);
  });
  return () =>
    page.evaluate(() => {
      const w = window as unknown as { __stalls: number[]; __stallTimer: number };
      clearInterval(w.__stallTimer);
      const sorted = [...w.__stalls].sort((a, b) => a - b);
      return {
        maxStallMs: sorted.at(-1) ?? 0,
        p95StallMs: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
        ticks: sorted.length,
      };
    });
}
