/**
 * Process memory (peak RSS) of a feature-extraction + fine-tune:1 experiment on N photos (MobileNet v1 0.25 at 224 px,
 * Node WASM), one process per measurement so each peak is its own:
 *   --generate --count N --dir DIR   N photo-like 512×384 JPEGs in 10 class folders (untimed, its own process);
 *   --mode today                     the photos decoded whole and handed to the engine as they are. Run from a copy of
 *                                    the engine as it was before issue 19 (bench/lib/nodeSections.mjs puts this file
 *                                    beside RSS_TODAY_COMMIT's src): every photo held whole (what the CLI held; the
 *                                    studio's worker held its ≤ 512-px RGB, which is what these photos are), each
 *                                    strategy preprocessing from them, full feature maps cached;
 *   --mode fitted                    each photo cropped and resized to 224 px as 8-bit pixels as it is decoded
 *                                    (the CLI's fittingDecoder; the worker's loader does the same), preprocessed once.
 * Peak RSS = the kernel's high-water mark for the process (VmHWM of /proc/self/status, which includes start-up: tsx,
 * WASM). Not getrusage's maxRSS: Linux carries the forking parent's high-water mark into it across fork + exec, so
 * under the bench (a parent of ~1 GB) both modes read the parent's 1,067 MB (run of 2026-12-06);
 * `baselineRssBytes` is the RSS just before the photos are read; `sampledPeakRssBytes` the highest RSS sampled (every
 * 50 ms) while reading and while the experiment runs, to tell where the peak is. The CLI itself is measured by bench/lib (the real
 * binary, `--mode` does not apply there).
 *
 * Usage: node --import tsx bench/node/rss.ts --generate --count 1000 --dir DIR
 *        node --expose-gc --import tsx bench/node/rss.ts --dir DIR --mode today|fitted [--out FILE]
 */
import * as tf from '@tensorflow/tfjs';
import jpeg from 'jpeg-js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getBackbone } from '../../src/core/backbones/catalogue';
import { loadBackbone } from '../../src/core/backbones/load';
import { runExperiment } from '../../src/core/experiment/runExperiment';
import type { ExperimentConfig } from '../../src/core/experiment/types';
import { createRng } from '../../src/core/math/rng';
import { activateNodeBackend, nodeEnvironment } from '../../src/node/backend';
import { nodeDecoder } from '../../src/node/decode';
import { readFolderDataset } from '../../src/node/folderDataset';
import { nodeModelHandler } from '../../src/node/modelLoader';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHARED = process.env.TRANSFER_STUDIO_SHARED ?? path.resolve(repoRoot, '..', 'shared');
const CLASSES = 10;
export const RSS_PHOTO_SIZE = { width: 512, height: 384 };
const MODES = ['today', 'fitted'];

/** The experiment measured: what a studio user runs on a photo dataset, cut short (1 seed, 2 epochs). */
export const RSS_EXPERIMENT: ExperimentConfig = {
  schemaVersion: 1,
  backbone: 'mobilenet_v1_0.25',
  strategies: ['feature-extraction', 'fine-tune:1'],
  seeds: 1,
  epochs: 2,
  batchSize: 16,
  learningRate: 0.001,
  backboneLearningRateScale: 0.1,
  validationFraction: 0.2,
  splitSeed: 1,
  augment: false,
  trainBatchNorm: false,
};

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** A photo-like JPEG: a smooth colour field per class with a blob and noise, so it compresses like a photo. */
function generatePhoto(label: number, seed: number): Uint8Array {
  const { width, height } = RSS_PHOTO_SIZE;
  const rng = createRng(seed);
  const rgba = new Uint8Array(width * height * 4);
  const [cx, cy, r] = [rng.next() * width, rng.next() * height, 40 + rng.next() * 80];
  const hue = (label / CLASSES) * 255;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inside = (x - cx) ** 2 + (y - cy) ** 2 < r * r;
      const noise = (rng.next() - 0.5) * 40;
      const i = (y * width + x) * 4;
      rgba[i] = Math.max(0, Math.min(255, (inside ? 255 - hue : hue) + noise + (x / width) * 60));
      rgba[i + 1] = Math.max(0, Math.min(255, 120 + noise + (y / height) * 80));
      rgba[i + 2] = Math.max(0, Math.min(255, (inside ? hue : 200 - hue / 2) + noise));
      rgba[i + 3] = 255;
    }
  }
  return jpeg.encode({ data: rgba, width, height }, 85).data;
}

/** Bytes of the WASM backend's heap (tensor data lives there; it grows and never shrinks), 0 on other backends. */
function wasmHeapBytes(): number {
  const backend = tf.backend() as { wasm?: { HEAPU8?: Uint8Array } };
  return backend.wasm?.HEAPU8?.buffer.byteLength ?? 0;
}

function generate(dir: string, count: number): void {
  for (let i = 0; i < count; i++) {
    const label = i % CLASSES;
    const folder = path.join(dir, `class${label}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, `photo${String(i).padStart(5, '0')}.jpg`), generatePhoto(label, i + 1));
  }
}

/** This process's own peak RSS: VmHWM (Linux), else getrusage's maxRSS (which may include a parent's, see above). */
function highWaterRssBytes(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

async function main(): Promise<void> {
  const dir = option('dir', '');
  if (!dir) throw new Error('--dir DIR is required');
  if (process.argv.includes('--generate')) return generate(dir, Number(option('count', '1000')));
  const mode = option('mode', 'fitted');
  if (!MODES.includes(mode)) throw new Error(`--mode must be one of ${MODES.join(', ')}, got ${mode}`);

  const environment = nodeEnvironment(await activateNodeBackend('wasm'));
  const spec = getBackbone(RSS_EXPERIMENT.backbone);
  const model = await loadBackbone(
    spec,
    nodeModelHandler(path.join(SHARED, 'models/mobilenet_v1_0.25_224/model.json')),
  );
  (globalThis as { gc?: () => void }).gc?.();
  const baselineRssBytes = process.memoryUsage().rss;
  // Where the peak is: RSS sampled every 50 ms (when the event loop turns), per phase.
  const sampledPeakRssBytes = { read: baselineRssBytes, experiment: 0 };
  // What the RSS is made of, highest sample per phase: the WASM heap (it never shrinks), JS array buffers outside it
  // (pixels, typed arrays in flight) and the JS heap.
  const parts = () => ({ wasmHeap: wasmHeapBytes(), ...process.memoryUsage() });
  const sampledPeakParts = { read: parts(), experiment: parts() };
  let phase: keyof typeof sampledPeakRssBytes = 'read';
  const sampler = setInterval(() => {
    sampledPeakRssBytes[phase] = Math.max(sampledPeakRssBytes[phase], process.memoryUsage().rss);
    const now = parts();
    const peak = sampledPeakParts[phase];
    for (const key of Object.keys(now) as (keyof typeof now)[]) peak[key] = Math.max(peak[key], now[key]);
  }, 50);
  const t0 = performance.now();
  // Imported here: the 'today' tree (before fitImages existed) runs this file too.
  const decoder =
    mode === 'fitted'
      ? (await import('../../src/core/data/fitImages')).fittingDecoder(
          nodeDecoder,
          spec.preprocessing,
          spec.preprocessing.inputSize,
        )
      : nodeDecoder;
  const { dataset } = await readFolderDataset(dir, decoder);
  const readSeconds = (performance.now() - t0) / 1000;
  const heldPixelBytes = dataset.examples.reduce((sum, e) => sum + e.image.data.byteLength, 0);
  phase = 'experiment';
  const result = await runExperiment(RSS_EXPERIMENT, {
    dataset,
    spec,
    environment,
    loadBackbone: async () => model,
  });
  clearInterval(sampler);
  const report = {
    mode,
    photos: dataset.examples.length,
    photoSize: RSS_PHOTO_SIZE,
    experiment: RSS_EXPERIMENT,
    backend: tf.getBackend(),
    peakRssBytes: highWaterRssBytes(),
    baselineRssBytes,
    sampledPeakRssBytes,
    sampledPeakParts,
    tensorBytesAfter: tf.memory().numBytes,
    heldPixelBytes,
    readSeconds,
    experimentSeconds: result.seconds,
    cacheSeconds: Object.fromEntries(result.runs.map((r) => [r.strategy, r.cacheSeconds])),
  };
  const out = option('out', '');
  if (out) writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(
    `${mode}: ${report.photos} photos, peak RSS ${(report.peakRssBytes / 2 ** 20).toFixed(0)} MB ` +
      `(baseline ${(baselineRssBytes / 2 ** 20).toFixed(0)} MB, sampled peak while reading ` +
      `${(sampledPeakRssBytes.read / 2 ** 20).toFixed(0)} MB, in the experiment ${(sampledPeakRssBytes.experiment / 2 ** 20).toFixed(0)} MB, pixels held ${(heldPixelBytes / 2 ** 20).toFixed(0)} MB; ` +
      `experiment peaks: WASM heap ${mb(sampledPeakParts.experiment.wasmHeap)}, array buffers ${mb(sampledPeakParts.experiment.arrayBuffers)}, JS heap ${mb(sampledPeakParts.experiment.heapUsed)} MB), ` +
      `read ${readSeconds.toFixed(1)} s, experiment ${result.seconds.toFixed(1)} s\n`,
  );
  model.dispose();
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
