/**
 * Backbone throughput and the backend's matrix-multiply peak, measured side by side in one page on one backend.
 *
 * Throughput: the studio's own loading code (core loadBackbone through the public URL, which the bench answers from
 * local files), its cut at the spec's default cut layer and that cut with BatchNorm folded into the convolutions
 * (foldBatchNorm, every block output kept), i.e. exactly what embedding runs (runExperiment's frozen cut). Images/s
 * of `predict` on a [batch, size, size, channels] input, output read back (`await y.data()`), warm-up excluded
 * (the first call per batch shape compiles shaders on WebGL/WebGPU and sizes buffers everywhere).
 * Achieved GFLOP/s = 2 × multiply-adds per image up to the cut (core backbones/cost.ts, convolutions and dense
 * layers only, as the MobileNet paper counts) × images/s.
 *
 * Peak: a tight loop of n×n float32 matMul (2n³ FLOP each) on the same backend, a 1×1 slice read back so the
 * download does not count, measured before and after the backbones; the larger of the two is the peak.
 */
import * as tf from '@tensorflow/tfjs';
import { getBackbone } from '../../src/core/backbones/catalogue';
import { estimateModelCost, multiplyAddsUpTo } from '../../src/core/backbones/cost';
import { foldBatchNorm } from '../../src/core/backbones/foldBatchNorm';
import { loadBackbone } from '../../src/core/backbones/load';
import { cutAt } from '../../src/core/backbones/truncate';

export interface ThroughputOptions {
  backbones: { id: string; url: string; batches: number[] }[];
  /** Each measurement runs at least this long and at least minIterations calls. */
  minSeconds: number;
  minIterations: number;
  /** Side of the square matrices of the peak loop. */
  peakSize: number;
  peakMinSeconds: number;
  /** Warm up at batch 1 only (CPU: no shaders to compile, and a batch of 32 MobileNet 0.75 takes a minute). */
  warmupAtBatchOne?: boolean;
}

export interface PeakMeasurement {
  size: number;
  gflops: number;
  iterations: number;
  seconds: number;
}

export interface ThroughputRow {
  backbone: string;
  inputSize: number;
  cut: string;
  batch: number;
  imagesPerSecond: number;
  msPerImage: number;
  multiplyAddsPerImage: number;
  gflops: number;
  iterations: number;
  seconds: number;
  warmupSeconds: number;
  /** Set when this combination failed (the others still ran). */
  error?: string;
}

export interface ThroughputResult {
  backend: string;
  peak: PeakMeasurement;
  peakRuns: PeakMeasurement[];
  rows: ThroughputRow[];
  loadSeconds: Record<string, number>;
  memoryAfter: tf.MemoryInfo;
}

const now = () => performance.now();
const yieldToEventLoop = () => new Promise((resolve) => setTimeout(resolve, 0));

/** n×n matMul repeated for ≥ minSeconds after two warm-up calls; GFLOP/s = 2n³ × calls / seconds. */
export async function measurePeak(size: number, minSeconds: number): Promise<PeakMeasurement> {
  const a = tf.randomUniform([size, size], -1, 1, 'float32', 1);
  const b = tf.randomUniform([size, size], -1, 1, 'float32', 2);
  const once = async () => {
    const corner = tf.tidy(() => tf.slice(tf.matMul(a, b), [0, 0], [1, 1]));
    await corner.data();
    corner.dispose();
  };
  try {
    await once();
    await once();
    let iterations = 0;
    const start = now();
    while ((now() - start) / 1000 < minSeconds || iterations < 2) {
      await once();
      iterations++;
    }
    const seconds = (now() - start) / 1000;
    return { size, gflops: (2 * size ** 3 * iterations) / seconds / 1e9, iterations, seconds };
  } finally {
    tf.dispose([a, b]);
  }
}

async function timePredict(model: tf.LayersModel, x: tf.Tensor, minSeconds: number, minIterations: number) {
  let iterations = 0;
  const start = now();
  while ((now() - start) / 1000 < minSeconds || iterations < minIterations) {
    const y = model.predict(x) as tf.Tensor;
    await y.data();
    y.dispose();
    iterations++;
    await yieldToEventLoop();
  }
  return { iterations, seconds: (now() - start) / 1000 };
}

/** Runs on the ACTIVE backend (main.ts activates it). */
export async function measureThroughput(options: ThroughputOptions): Promise<ThroughputResult> {
  const peakRuns = [await measurePeak(options.peakSize, options.peakMinSeconds)];
  const rows: ThroughputRow[] = [];
  const loadSeconds: Record<string, number> = {};
  for (const entry of options.backbones) {
    const spec = getBackbone(entry.id);
    const size = spec.preprocessing.inputSize;
    const t0 = now();
    const model = await loadBackbone(spec, entry.url);
    loadSeconds[entry.id] = (now() - t0) / 1000;
    const cut = cutAt(model, spec.defaultCut);
    // What embedding runs: the frozen cut with BatchNorm folded (runExperiment, runSweep, trainClassifier).
    const embedder = await foldBatchNorm(cut, { keep: spec.blockOutputs });
    const multiplyAdds = multiplyAddsUpTo(estimateModelCost(model.toJSON(undefined, false), size), spec.defaultCut);
    try {
      for (const batch of entry.batches) {
        const row: ThroughputRow = {
          backbone: spec.id,
          inputSize: size,
          cut: spec.defaultCut,
          batch,
          imagesPerSecond: 0,
          msPerImage: 0,
          multiplyAddsPerImage: multiplyAdds,
          gflops: 0,
          iterations: 0,
          seconds: 0,
          warmupSeconds: 0,
        };
        rows.push(row);
        const x = tf.randomUniform([batch, size, size, spec.preprocessing.channels], 0, 1, 'float32', 3);
        try {
          const w0 = now();
          const warm = options.warmupAtBatchOne ? tf.slice(x, 0, 1) : x;
          const y = embedder.predict(warm) as tf.Tensor;
          await y.data();
          tf.dispose([y, warm === x ? [] : warm].flat());
          row.warmupSeconds = (now() - w0) / 1000;
          const { iterations, seconds } = await timePredict(embedder, x, options.minSeconds, options.minIterations);
          row.iterations = iterations;
          row.seconds = seconds;
          row.imagesPerSecond = (iterations * batch) / seconds;
          row.msPerImage = 1000 / row.imagesPerSecond;
          row.gflops = (2 * multiplyAdds * row.imagesPerSecond) / 1e9;
        } catch (error) {
          row.error = (error as Error).message;
        } finally {
          x.dispose();
        }
      }
    } finally {
      embedder.dispose();
      cut.dispose();
      model.dispose();
    }
  }
  peakRuns.push(await measurePeak(options.peakSize, options.peakMinSeconds));
  const peak = peakRuns.reduce((a, b) => (b.gflops > a.gflops ? b : a));
  return { backend: tf.getBackend(), peak, peakRuns, rows, loadSeconds, memoryAfter: tf.memory() };
}
