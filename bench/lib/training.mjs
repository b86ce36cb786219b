// Section 3 (browser half): seconds per training epoch of 200 examples on the browser backends, for the scenarios
// bench/wasmGradients.ts times in Node (bench/trainScenarios.ts), so Node WASM, Node CPU, browser WASM, WebGL and
// WebGPU are rows of one comparison.
import { evaluateWithin, openBenchPage, WEBGPU_ARGS } from './browser.mjs';
import { mobilenetUrl } from './paths.mjs';

export async function runBrowserTraining(origin, { quick, log }) {
  // Whole epochs where they take seconds (WASM, full mode); elsewhere steps of 32 extrapolated to the epoch:
  // SwiftShader's WebGL trains the digits net at over a minute per epoch here, its WebGPU slower still.
  const plan = quick
    ? [
        { backend: 'webgl', args: [], epochs: 0 },
        { backend: 'wasm', args: [], epochs: 0 },
      ]
    : [
        { backend: 'webgl', args: [], epochs: 0 },
        { backend: 'wasm', args: [], epochs: 3 },
        { backend: 'webgpu', args: WEBGPU_ARGS, epochs: 0 },
      ];
  const only = quick ? ['mobilenet-top1', 'digits-scratch'] : undefined;
  const results = [];
  for (const { backend, args, epochs } of plan) {
    const t0 = performance.now();
    const opened = await openBenchPage(origin, { args });
    let outcome;
    try {
      outcome = await evaluateWithin(
        opened.page,
        quick ? 600 : 2400,
        ([b, options]) => window.bench.training(b, options),
        [backend, { mobilenetUrl: mobilenetUrl('0.25'), only, epochs, minSeconds: quick ? 2 : 5 }],
      );
    } catch (error) {
      outcome = { available: false, backend, problem: `page failed: ${error.message}` };
    } finally {
      await opened.close();
    }
    results.push({
      backend,
      flags: args.length ? args : undefined,
      seconds: (performance.now() - t0) / 1000,
      ...outcome,
    });
    log(
      `[training] ${backend}: ` +
        (outcome.available
          ? outcome.result.rows
              .map(
                (r) =>
                  `${r.id} ${r.error ? 'ERROR ' + r.error : `${r.epochMethod === 'extrapolated' ? '≈' : ''}${r.epochSeconds.toFixed(2)} s/epoch`}`,
              )
              .join(', ')
          : `unavailable: ${outcome.problem}`),
    );
  }
  return results;
}
