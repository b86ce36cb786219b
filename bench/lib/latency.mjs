// Section "latency": how soon things happen, measured here and never asserted by tests (issue 13, item 15: a busy
// machine made wall-clock assertions fail). The tests check that each of these HAPPENS; this section says how fast.
//   Node (bench/node/cancelLatency.ts): an experiment cancelled mid-caching and mid-epoch (runExperiment, MobileNet
//     v1 0.25 on WASM) and an import cancelled at the dataset-service level: ms from the abort to the stop.
//   Studio (the built app, Chromium's fake camera): webcam capture frames/s while Hold to record is held; a zip of
//     1,200 small PNGs imported (seconds, worst main-thread stall); the same import cancelled (ms from the click to
//     the status change); the digits demo cancelled mid-training and at its start (ms to Run enabled again); the
//     instant classifier: 2nd capture → first live prediction, predictions/s (instantLatency.mjs).
import { deflateSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { openPage } from './browser.mjs';
import { instantClassifierLatency, instantClassifierRows } from './instantLatency.mjs';
import { runTsx } from './nodeSections.mjs';

const FAKE_CAMERA_ARGS = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

/** A valid 24×24 RGB PNG, different per (seed, hue). */
function png(seed, hue) {
  const side = 24;
  const raw = Buffer.alloc(side * (1 + side * 3));
  for (let y = 0; y < side; y++) {
    raw[y * (1 + side * 3)] = 0;
    for (let x = 0; x < side; x++) {
      const at = y * (1 + side * 3) + 1 + x * 3;
      raw[at] = (seed * 37 + x * 16 + hue * 90) & 255;
      raw[at + 1] = (seed * 11 + y * 16) & 255;
      raw[at + 2] = (hue * 120 + (x + y) * 8 + seed) & 255;
    }
  }
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes) => {
    let c = ~0;
    for (const b of bytes) c = crcTable[(c ^ b) & 255] ^ (c >>> 8);
    return ~c >>> 0;
  };
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A zip of `perClass` PNGs in each of two class folders. */
function pngZip(perClass) {
  const files = {};
  for (const [hue, c] of ['left', 'right'].entries()) {
    for (let i = 0; i < perClass; i++) files[`${c}/${String(i).padStart(4, '0')}.png`] = png(i + 1, hue);
  }
  return Buffer.from(zipSync(files, { level: 0 }));
}

/** Drops `zip` (named `name`) on the Dataset panel's drop zone through a real DataTransfer. */
async function dropZip(page, name, zip) {
  await page.getByTestId('dataset.dropZone').evaluate(
    (element, { name: fileName, base64 }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const dataTransfer = new DataTransfer();
      dataTransfer.items.add(new File([bytes], fileName, { type: 'application/zip' }));
      for (const type of ['dragenter', 'dragover', 'drop']) {
        element.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer }));
      }
    },
    { name, base64: zip.toString('base64') },
  );
}

/**
 * Clicks `selector` in the page and resolves with ms until the work has ended (checked on every DOM change):
 * 'import' — the import report's status left "running"; 'run' — the experiment is idle (status not running, Run
 * enabled, no Cancel button). The predicates live in the page function: the studio's CSP forbids eval.
 */
function clickAndTime(page, selector, kind) {
  return page.evaluate(
    ({ selector: s, kind: k }) =>
      new Promise((resolve, reject) => {
        const statusOf = (id) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-status');
        const done =
          k === 'import'
            ? () => !!statusOf('dataset.import') && statusOf('dataset.import') !== 'running'
            : () => {
                const run = document.querySelector('[data-testid="experiment.run"]');
                const status = statusOf('experiment.status');
                return (
                  !!status &&
                  status !== 'running' &&
                  !!run &&
                  !run.disabled &&
                  !document.querySelector('[data-testid="experiment.cancel"]')
                );
              };
        const button = document.querySelector(s);
        if (!button) return reject(new Error(`nothing to click at ${s}`));
        const clicked = performance.now();
        const timer = setTimeout(() => reject(new Error(`not done 60 s after clicking ${s}`)), 60_000);
        const check = () => {
          if (!done()) return;
          observer.disconnect();
          clearTimeout(timer);
          resolve(performance.now() - clicked);
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { attributes: true, childList: true, subtree: true });
        button.click();
        check();
      }),
    { selector, kind },
  );
}

async function studioLatencies(origin, { quick, log }) {
  const opened = await openPage(`${origin}/`, { args: FAKE_CAMERA_ARGS, log });
  const { page } = opened;
  const out = {};
  try {
    // First visit (a fresh profile): how soon Run is usable after the page shows (issue #18: within 3 s; the e2e
    // checks only that it becomes usable). Measured in the page on every DOM change; if Run is already enabled when
    // this starts, the time is an upper bound.
    out.firstVisit = await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const enabled = () => {
            const run = document.querySelector('[data-testid="experiment.run"]');
            return !!run && !run.disabled;
          };
          const report = (upperBound) =>
            resolve({
              runEnabledMs: performance.now(),
              firstPaintMs: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
              upperBound,
            });
          if (enabled()) return report(true);
          const timer = setTimeout(() => reject(new Error('Run not enabled 180 s after the page loaded')), 180_000);
          const observer = new MutationObserver(() => {
            if (!enabled()) return;
            observer.disconnect();
            clearTimeout(timer);
            report(false);
          });
          observer.observe(document.body, { attributes: true, childList: true, subtree: true });
        }),
    );
    log(`[latency] first visit: Run enabled ${out.firstVisit.runEnabledMs.toFixed(0)} ms after navigation`);

    await page
      .getByTestId('settings.backend')
      .and(page.locator('[data-backend]:not([data-backend=""])'))
      .waitFor({ timeout: 180_000 });

    // The digits demo (what a first visit shows), cancelled in its 2nd epoch and at its start.
    await page.getByTestId('experiment.run').click();
    await page.waitForFunction(() => (window.__transferStudio?.state().run?.current?.epoch ?? 0) >= 2, undefined, {
      timeout: 600_000,
      polling: 50,
    });
    out.experimentCancelMidTrainingMs = await clickAndTime(page, '[data-testid="experiment.cancel"]', 'run');
    await page.getByTestId('experiment.run').click();
    await page.getByTestId('experiment.cancel').waitFor();
    out.experimentCancelAtStartMs = await clickAndTime(page, '[data-testid="experiment.cancel"]', 'run');
    log(
      `[latency] experiment cancel: mid-training ${out.experimentCancelMidTrainingMs.toFixed(0)} ms, at start ${out.experimentCancelAtStartMs.toFixed(0)} ms`,
    );

    // Webcam capture: hold for 3 s into a new dataset's first class.
    await page.getByRole('button', { name: 'New dataset' }).click();
    await page.getByRole('button', { name: 'Start camera' }).click();
    await page.waitForFunction(() => {
      const video = document.querySelector('#dataset video');
      return !!video && video.readyState >= 2 && video.videoWidth > 0;
    });
    const hold = page.getByTestId('dataset.webcam.hold');
    await hold.hover();
    await page.mouse.down();
    await page.waitForTimeout(3000);
    await page.mouse.up();
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="dataset.webcam.stats"]')?.getAttribute('data-frames')) > 0,
      undefined,
      { timeout: 30_000 },
    );
    const stats = page.getByTestId('dataset.webcam.stats');
    out.webcam = {
      heldSeconds: 3,
      frames: Number(await stats.getAttribute('data-frames')),
      framesPerSecond: Number(await stats.getAttribute('data-fps')),
    };
    await page.getByRole('button', { name: 'Stop camera' }).click();
    log(`[latency] webcam: ${out.webcam.frames} frames, ${out.webcam.framesPerSecond} frames/s`);

    // The instant classifier: two single captures → live predictions (bench/lib/instantLatency.mjs).
    try {
      out.instant = await instantClassifierLatency(page, { log });
    } catch (error) {
      out.instant = { error: error.message };
      log(`[latency] instant classifier failed: ${error.message}`);
    }

    // Import of a zip of small PNGs: seconds, and the page's worst main-thread stall (a 50 ms timer's lateness).
    const perClass = quick ? 200 : 600;
    await page.evaluate(() => {
      window.__stalls = [];
      let expected = performance.now() + 50;
      window.__stallTimer = setInterval(() => {
        const now = performance.now();
        window.__stalls.push(Math.max(0, now - expected));
        expected = now + 50;
      }, 50);
    });
    const importStart = await page.evaluate(() => performance.now());
    await dropZip(page, 'latency.zip', pngZip(perClass));
    await page.waitForFunction(
      () => {
        const status = document.querySelector('[data-testid="dataset.import"]')?.getAttribute('data-status');
        return !!status && status !== 'running';
      },
      undefined,
      { timeout: 900_000 },
    );
    const importEnd = await page.evaluate(() => performance.now());
    const stalls = await page.evaluate(() => {
      clearInterval(window.__stallTimer);
      const sorted = [...window.__stalls].sort((a, b) => a - b);
      return { maxStallMs: sorted.at(-1) ?? 0, p95StallMs: sorted[Math.floor(sorted.length * 0.95)] ?? 0 };
    });
    out.import = { images: 2 * perClass, seconds: (importEnd - importStart) / 1000, ...stalls };
    log(
      `[latency] import of ${2 * perClass} PNGs: ${out.import.seconds.toFixed(1)} s, worst stall ${stalls.maxStallMs.toFixed(0)} ms`,
    );

    // The same import again, cancelled once 50 images are in.
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await dropZip(page, 'cancel-me.zip', pngZip(perClass));
    await page.waitForFunction(
      () =>
        Number(
          document
            .querySelector('[data-testid="dataset.import.summary"]')
            ?.textContent?.match(/Importing: (\d+)/)?.[1] ?? 0,
        ) >= 50,
      undefined,
      { timeout: 300_000, polling: 20 },
    );
    out.importCancelMs = await clickAndTime(page, '[data-testid="dataset.import.cancel"]', 'import');
    log(`[latency] import cancel: ${out.importCancelMs.toFixed(0)} ms`);

    out.pageErrors = opened.errors;
    return out;
  } finally {
    await opened.close();
  }
}

/**
 * @param {string} appOrigin where the built studio is served
 * @param {{quick: boolean, log: (m: string) => void}} options
 */
export async function runLatency(appOrigin, { quick, log }) {
  const result = {};
  try {
    result.node = (await runTsx('bench/node/cancelLatency.ts', quick ? ['--quick'] : [], { log, tag: 'latency' })).json;
  } catch (error) {
    result.node = { error: error.message };
  }
  result.studio = await studioLatencies(appOrigin, { quick, log });
  return result;
}

const ms = (x) => (Number.isFinite(x) ? `${Math.round(x)} ms` : '—');

/** Rows of the results table (bench/lib/report.mjs). */
export function latencyRows(latency) {
  if (!latency) return [];
  const n = latency.node ?? {};
  const s = latency.studio ?? {};
  const rows = [];
  if (n.error) rows.push(['latency', 'engine cancel (Node)', 'failed', n.error]);
  else if (n.engine) {
    rows.push([
      'latency',
      'engine cancel: abort → CancelledError (MobileNet v1 0.25, WASM)',
      `mid-caching ${ms(n.engine.cachingMs)}, mid-epoch ${ms(n.engine.trainingMs)}`,
      'about a second at most on a quiet machine; tests assert only that it stops',
    ]);
    rows.push([
      'latency',
      'import cancel at the dataset service (40 ms decodes)',
      ms(n.importServiceMs),
      'within one decode per lane',
    ]);
  }
  if (s.webcam) {
    rows.push([
      'latency',
      'webcam capture while Hold to record is held (fake camera)',
      `${s.webcam.framesPerSecond} frames/s (${s.webcam.frames} frames in ${s.webcam.heldSeconds} s)`,
      '> 3 frames/s on a quiet machine',
    ]);
  }
  if (s.firstVisit) {
    const f = s.firstVisit;
    const afterPaint = f.firstPaintMs === null ? null : f.runEnabledMs - f.firstPaintMs;
    rows.push([
      'latency',
      'first visit (fresh profile): page shown → Run enabled',
      `${f.upperBound ? '≤ ' : ''}${ms(afterPaint)} after first paint (${ms(f.runEnabledMs)} after navigation)`,
      '≤ 3 s (issue #18)',
    ]);
  }
  rows.push(...instantClassifierRows(s.instant));
  if (s.import) {
    rows.push([
      'latency',
      `studio import of a zip of ${s.import.images} 24-px PNGs`,
      `${s.import.seconds.toFixed(1)} s; worst main-thread stall ${ms(s.import.maxStallMs)} (p95 ${ms(s.import.p95StallMs)})`,
      'no stall near a second',
    ]);
    rows.push([
      'latency',
      'studio: Cancel → import stopped / experiment idle',
      `import ${ms(s.importCancelMs)}; experiment mid-training ${ms(s.experimentCancelMidTrainingMs)}, at start ${ms(s.experimentCancelAtStartMs)}`,
      'about a second at most',
    ]);
  }
  return rows;
}
