// Section 1: backbone throughput per browser backend × backbone × batch, with the backend's matMul peak measured in
// the same page, plus which backends start here and why the others do not.
import { evaluateWithin, openBenchPage, WEBGPU_ARGS } from './browser.mjs';
import { mobilenetUrl } from './paths.mjs';

export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'];

const BACKBONES = [
  { id: 'digits-vgg', url: '/models/digits-vgg/model.json' },
  { id: 'mobilenet_v1_0.25', url: mobilenetUrl('0.25') },
  { id: 'mobilenet_v1_0.75', url: mobilenetUrl('0.75') },
];

/**
 * Which (backend, backbone, batch) to run. Quick: batch 8 only, no CPU × MobileNet 0.75, and WebGPU on digits-vgg
 * only (WebGPU runs on SwiftShader here: MobileNet takes ~20-50 s to warm up and ~1 image/s, minutes per row).
 * Full: batch 1, 8 and 32, except where one call takes minutes here (large batches of the big models on CPU and
 * WebGPU), which stop at the batch that already shows the trend.
 */
export function throughputPlan(quick) {
  const batches = quick ? [8] : [1, 8, 32];
  const skipInQuick = (backend, id) =>
    (backend === 'cpu' && id === 'mobilenet_v1_0.75') || (backend === 'webgpu' && id !== 'digits-vgg');
  const fullBatches = (backend, id) => {
    if (backend === 'cpu' && id === 'mobilenet_v1_0.75') return [1, 8];
    if (backend === 'webgpu' && id === 'mobilenet_v1_0.25') return [1, 8];
    if (backend === 'webgpu' && id === 'mobilenet_v1_0.75') return [1];
    return batches;
  };
  return BACKENDS.map((backend) => ({
    backend,
    backbones: BACKBONES.filter((b) => !(quick && skipInQuick(backend, b.id))).map((b) => ({
      ...b,
      batches: quick ? batches : fullBatches(backend, b.id),
    })),
  }));
}

/** The environment as seen by a page without and with the WebGPU flags (no backend activated). */
export async function probeBrowsers(origin) {
  const out = {};
  for (const [key, args] of [
    ['default', []],
    ['withWebGpuFlags', WEBGPU_ARGS],
  ]) {
    const opened = await openBenchPage(origin, { args });
    try {
      out[key] = {
        args: opened.args,
        chromium: opened.version,
        ...(await evaluateWithin(opened.page, 60, () => window.bench.probeEnvironment())),
      };
    } finally {
      await opened.close();
    }
  }
  return out;
}

/**
 * Runs the plan, one fresh browser per backend (WebGPU with its flags, the rest without: the default user's
 * browser). Backends that do not start are recorded with the reason, and retried with the flags when that is why.
 */
export async function runThroughput(origin, { quick, log }) {
  const minSeconds = quick ? 1 : 3;
  const results = [];
  for (const { backend, backbones } of throughputPlan(quick)) {
    const attempts = backend === 'webgpu' ? [[], WEBGPU_ARGS] : [[]];
    for (const args of attempts) {
      const t0 = performance.now();
      const opened = await openBenchPage(origin, { args });
      let outcome;
      try {
        outcome = await evaluateWithin(
          opened.page,
          quick ? 600 : 1800,
          ([b, options]) => window.bench.throughput(b, options),
          [
            backend,
            {
              backbones: backbones.map((b) => ({ ...b, url: b.url.startsWith('/') ? origin + b.url : b.url })),
              minSeconds,
              minIterations: backend === 'cpu' || quick ? 2 : 3,
              // The pure-JS CPU and SwiftShader's WebGPU take seconds per 1024² product; 512² keeps the loop tight.
              peakSize: backend === 'cpu' || backend === 'webgpu' ? 512 : 1024,
              peakMinSeconds: minSeconds,
              warmupAtBatchOne: backend === 'cpu',
            },
          ],
        );
      } catch (error) {
        outcome = { available: false, backend, problem: `page failed: ${error.message}` };
      } finally {
        await opened.close();
      }
      const record = {
        backend,
        args: opened.args,
        flags: args.length ? args : undefined,
        seconds: (performance.now() - t0) / 1000,
        ...outcome,
        pageErrors: opened.errors,
      };
      results.push(record);
      log(
        `[throughput] ${backend}${args.length ? ' (with ' + args.join(' ') + ')' : ''}: ` +
          (outcome.available
            ? `peak ${outcome.result.peak.gflops.toFixed(1)} GFLOP/s; ` +
              outcome.result.rows
                .map(
                  (r) =>
                    `${r.backbone}@${r.batch} ${r.error ? 'ERROR ' + r.error : r.imagesPerSecond.toFixed(1) + ' img/s'}`,
                )
                .join(', ')
            : `unavailable: ${outcome.problem}`),
      );
      if (outcome.available) break;
    }
  }
  return results;
}

/** Flat rows for the table: backend × backbone × batch with images/s, GFLOP/s and % of that backend's peak. */
export function throughputRows(results) {
  return results
    .filter((r) => r.available)
    .flatMap((r) =>
      r.result.rows.map((row) => ({
        backend: r.backend,
        flags: r.flags,
        backbone: row.backbone,
        batch: row.batch,
        imagesPerSecond: row.imagesPerSecond,
        msPerImage: row.msPerImage,
        multiplyAddsPerImage: row.multiplyAddsPerImage,
        gflops: row.gflops,
        peakGflops: r.result.peak.gflops,
        percentOfPeak: (100 * row.gflops) / r.result.peak.gflops,
        warmupSeconds: row.warmupSeconds,
        error: row.error,
      })),
    );
}
