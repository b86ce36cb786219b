// Section 5 (browser half): 10 consecutive runExperiment calls on the bench page (digits sample, digits-vgg), with
// tf.memory() and the JS heap after a forced GC after each. Quick: WASM (the backend 'auto' picks here, ~30 s);
// full: WebGL too (textures are where browser leaks hide; SwiftShader makes its 10 runs take minutes).
import { evaluateWithin, MEMORY_ARGS, openBenchPage } from './browser.mjs';

export async function runBrowserMemory(origin, { quick, log }) {
  const backends = quick ? ['wasm'] : ['wasm', 'webgl'];
  const results = [];
  for (const backend of backends) {
    const opened = await openBenchPage(origin, { args: MEMORY_ARGS });
    let outcome;
    try {
      outcome = await evaluateWithin(opened.page, 1200, ([b, options]) => window.bench.memory(b, options), [
        backend,
        {
          runs: 10,
          perClass: 20,
          config: {
            strategies: ['scratch', 'feature-extraction', 'fine-tune:1'],
            seeds: 1,
            epochs: quick ? 1 : 3,
            perClass: 10,
          },
        },
      ]);
    } catch (error) {
      outcome = { available: false, backend, problem: `page failed: ${error.message}` };
    } finally {
      await opened.close();
    }
    if (outcome.available) {
      const s = outcome.result.samples;
      const [first, last] = [s[1], s[s.length - 1]];
      outcome.result.growthAfterFirstRun = {
        numTensors: last.numTensors - first.numTensors,
        numBytes: last.numBytes - first.numBytes,
        jsHeapUsedBytes:
          last.jsHeapUsedBytes != null && first.jsHeapUsedBytes != null
            ? last.jsHeapUsedBytes - first.jsHeapUsedBytes
            : null,
      };
      outcome.result.tensorsAfterAllRunsVsBefore = last.numTensors - s[0].numTensors;
      log(
        `[memory] browser ${backend}: tensors ${s.map((x) => x.numTensors).join(' ')}; heap MB ` +
          s.map((x) => (x.jsHeapUsedBytes == null ? '?' : (x.jsHeapUsedBytes / 2 ** 20).toFixed(1))).join(' '),
      );
    } else {
      log(`[memory] browser ${backend}: ${outcome.problem}`);
    }
    results.push({ backend, ...outcome, pageErrors: opened.errors });
  }
  return results;
}
