// Section 2: the peers (bench/peers/run.mjs, the peers engineer's harness) against OUR ENGINE. run.mjs leaves a
// slot for "ours" (`oursRunner`); ours here is the studio's core code on the bench page (bench/browser/ours.ts),
// given the same images, the same split and the same backbone URL as every peer row.
import { readFileSync } from 'node:fs';
import { runPeerBenchReport } from '../peers/run.mjs';
import { evaluateWithin, openBenchPage } from './browser.mjs';

/** An oursRunner for runPeerBenchReport that runs the engine on the bench page served at `origin`. */
export function engineOursRunner(origin, { log }) {
  async function runner(ctx) {
    // The peers' server is another origin (and their page guard admits only it), so the bench page gets the same
    // image files through its own origin: /__bench_data/<index> → the file on disk.
    const files = ctx.images.map((img) => img.path);
    const extraRoutes = (url) => {
      const match = /\/__bench_data\/(\d+)$/.exec(new URL(url).pathname);
      if (!match || !files[Number(match[1])]) return null;
      return {
        body: readFileSync(files[Number(match[1])]),
        contentType: /\.png$/i.test(files[Number(match[1])]) ? 'image/png' : 'image/jpeg',
      };
    };
    const opened = await openBenchPage(origin, { extraRoutes, log });
    try {
      const outcome = await evaluateWithin(
        opened.page,
        900,
        ([backend, options]) => window.bench.ours(backend, options),
        [
          ctx.backend,
          {
            modelUrl: ctx.modelUrl,
            backboneId: 'mobilenet_v1_0.25',
            classNames: ctx.classNames,
            images: ctx.images.map((img, i) => ({ url: `/__bench_data/${i}`, label: img.label, split: img.split })),
          },
        ],
      );
      if (!outcome.available) throw new Error(`ours: backend ${ctx.backend} unavailable: ${outcome.problem}`);
      return outcome.result;
    } finally {
      await opened.close();
    }
  }
  runner.label = 'ours (the engine: core feature extraction — embed once, head on the cache — on the page)';
  runner.standIn = false;
  return runner;
}

/**
 * Runs the peers with the engine as ours. Quick: TM and the tfjs webcam example against ours on WebGL (their
 * backend) and WASM, on the first 10 images per class (TM's split still holds 2 per class out); full: the
 * harness's own full mode (3 splits, all images, TM with its tests' settings too).
 */
export async function runPeers(origin, { quick, log }) {
  const report = await runPeerBenchReport({
    quick,
    perClass: quick ? 10 : undefined,
    oursRunner: engineOursRunner(origin, { log }),
    oursBackends: ['webgl', 'wasm'],
    log,
  });
  return report;
}
