// Section wasm-threads: the WASM single-threaded build against the threaded build on 1, hardwareConcurrency and 4
// threads, on the same work — the matMul peak, MobileNet v1 0.25 forward at batch 8 (images/s, as the throughput
// rows) and training steps of the real MobileNet's last block (as the training rows) — each variant in its own
// fresh page (`?wasmThreads=…`, bench/browser/main.ts: WASM initialises once per page). Quick: one round; full:
// two, the second in reverse order (A B C D D C B A), so a change in the machine's load hits every variant.
import os from 'node:os';
import { evaluateWithin, openBenchPage } from './browser.mjs';
import { mobilenetUrl } from './paths.mjs';
import { median } from './stats.mjs';

/** `?wasmThreads=` values: the single-threaded SIMD build, then the threaded build on 1, all and 4 threads. */
export const WASM_THREAD_VARIANTS = ['off', '1', 'cores', '4'];
const TRAINING_SCENARIO = 'mobilenet-top1';

async function measureVariant(origin, variant, quick) {
  const opened = await openBenchPage(origin, { query: { wasmThreads: variant } });
  const loadBefore = os.loadavg()[0];
  try {
    const forward = await evaluateWithin(opened.page, 300, ([options]) => window.bench.throughput('wasm', options), [
      {
        backbones: [{ id: 'mobilenet_v1_0.25', url: mobilenetUrl('0.25'), batches: [8] }],
        minSeconds: quick ? 2 : 4,
        minIterations: 3,
        peakSize: 1024,
        peakMinSeconds: 1,
      },
    ]);
    if (!forward.available) return { variant, available: false, problem: forward.problem };
    const training = await evaluateWithin(opened.page, 300, ([options]) => window.bench.training('wasm', options), [
      { mobilenetUrl: mobilenetUrl('0.25'), only: [TRAINING_SCENARIO], epochs: 0, minSeconds: quick ? 2 : 4 },
    ]);
    const row = forward.result.rows[0];
    const step = training.available ? training.result.rows[0] : null;
    return {
      variant,
      available: true,
      wasmFlags: forward.wasmFlags,
      threads: forward.wasmFlags?.threads ?? null,
      hardwareConcurrency: forward.wasmFlags?.override?.hardwareConcurrency ?? null,
      peakGflops: forward.result.peak.gflops,
      forwardImagesPerSecond: row.error ? null : row.imagesPerSecond,
      forwardError: row.error,
      // Steps of 32 examples (bench/trainScenarios.ts's BATCH), timed for ≥ minSeconds after warm-up; the page
      // reports them as an epoch of epochExamples extrapolated from the mean step.
      trainStepsPerSecond: step && !step.error ? training.result.epochExamples / 32 / step.epochSeconds : null,
      trainEpochSeconds: step && !step.error ? step.epochSeconds : null,
      trainError: step?.error ?? (training.available ? undefined : training.problem),
      loadAverage1m: { before: loadBefore, after: os.loadavg()[0] },
      pageErrors: opened.errors,
    };
  } catch (error) {
    return { variant, available: false, problem: `page failed: ${error.message}` };
  } finally {
    await opened.close();
  }
}

/** Medians per variant over the rounds, and each measure as a ratio to the threaded build on 1 thread. */
export function summariseWasmThreads(runs) {
  const byVariant = WASM_THREAD_VARIANTS.map((variant) => {
    const ok = runs.filter((r) => r.variant === variant && r.available);
    const pick = (key) => median(ok.map((r) => r[key]).filter((x) => x != null));
    return {
      variant,
      rounds: ok.length,
      threads: ok[0]?.threads ?? null,
      multithreadBuild: ok[0]?.wasmFlags?.WASM_HAS_MULTITHREAD_SUPPORT ?? null,
      peakGflops: pick('peakGflops'),
      forwardImagesPerSecond: pick('forwardImagesPerSecond'),
      trainStepsPerSecond: pick('trainStepsPerSecond'),
      problems: runs.filter((r) => r.variant === variant && !r.available).map((r) => r.problem),
    };
  });
  const base = byVariant.find((v) => v.variant === '1');
  for (const v of byVariant) {
    v.vsOneThread = {
      peak: v.peakGflops / base.peakGflops,
      forward: v.forwardImagesPerSecond / base.forwardImagesPerSecond,
      train: v.trainStepsPerSecond / base.trainStepsPerSecond,
    };
  }
  return byVariant;
}

export async function runWasmThreads(origin, { quick, log }) {
  const order = quick ? WASM_THREAD_VARIANTS : [...WASM_THREAD_VARIANTS, ...[...WASM_THREAD_VARIANTS].reverse()];
  const runs = [];
  for (const variant of order) {
    const run = await measureVariant(origin, variant, quick);
    runs.push(run);
    log(
      `[wasm-threads] ${variant}: ` +
        (run.available
          ? `${run.threads} thread(s), build ${run.wasmFlags?.WASM_HAS_MULTITHREAD_SUPPORT ? 'threaded' : 'single-threaded'}; ` +
            `peak ${run.peakGflops.toFixed(1)} GFLOP/s, forward ${run.forwardImagesPerSecond?.toFixed(1) ?? run.forwardError} img/s, ` +
            `train ${run.trainStepsPerSecond?.toFixed(2) ?? run.trainError} steps/s; load ${run.loadAverage1m.before.toFixed(2)} → ${run.loadAverage1m.after.toFixed(2)}`
          : `unavailable: ${run.problem}`),
    );
  }
  return {
    work: {
      forward: 'mobilenet_v1_0.25 to its default cut, batch 8',
      training: `${TRAINING_SCENARIO}, steps of 32`,
      peak: 'matMul 1024²',
    },
    order,
    runs,
    variants: summariseWasmThreads(runs),
  };
}
