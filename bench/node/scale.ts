/**
 * Import + embedding of `--count` generated images through the core's own import path, in Node (WASM), one
 * process per size so each peak is its own:
 *   generate (untimed, its own process with `--generate`, so its memory is not in the peak): `count` PNGs (or
 *   JPEGs, like photos) of `--side` px in 10 class folders, zipped (fflate, stored), written to `--zip FILE`;
 *   listZip (central directory, checks, inflate) → planImport (folders → classes) → decode (checkImageBytes +
 *   the Node decoder) → preprocess (imagesToTensor at the backbone's size) → embed (computeBoundary through the
 *   frozen cut model, batches of 32).
 * `--mode engine` is runExperiment's way: rows made on demand (imageBatches), so each batch of 32 is preprocessed
 * on its way into computeBoundary and only the embeddings accumulate; `--mode all-at-once` is how the engine did it
 * until 2026-11: every image preprocessed into one [n, size, size, c] tensor first (one tidy per image), then
 * embedded. (The first full run also had the original one-tidy-for-all engine, which aborted WASM at 1,000 photos.)
 * Peak memory: RSS sampled after every phase, every 256 decoded images and every embedded batch (WASM's heap only
 * grows, so RSS keeps its high-water mark), above the RSS before the import; tensor memory at its peak inside
 * preprocessing and embedding (tf.profile's peakBytes, which sees the intermediates a tf.tidy holds); the JS heap.
 * (getrusage's max RSS is recorded too, but start-up — tsx compiling, WASM set-up — already peaks higher.)
 *
 * Usage: node --import tsx bench/node/scale.ts --generate --count 1000 [--side 64] [--format png|jpeg] --zip FILE
 *        node --expose-gc --import tsx bench/node/scale.ts --zip FILE [--backbone digits-vgg] [--mode engine|all-at-once]
 *        [--out FILE]
 */
import * as tf from '@tensorflow/tfjs';
import { zipSync } from 'fflate';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { activateNodeBackend, nodeEnvironment } from '../../src/node/backend';
import { createNodeDecoder } from '../../src/node/decode';
import { nodeModelHandler } from '../../src/node/modelLoader';
import { getBackbone } from '../../src/core/backbones/catalogue';
import { loadBackbone } from '../../src/core/backbones/load';
import { cutAt } from '../../src/core/backbones/truncate';
import { planImport } from '../../src/core/data/importPlan';
import { imageBatches } from '../../src/core/data/inputBatches';
import { imagesToTensor } from '../../src/core/data/preprocess';
import type { LabeledImage } from '../../src/core/data/types';
import type { BackboneSpec } from '../../src/core/backbones/types';
import { listZip } from '../../src/core/data/zipImport';
import { createRng } from '../../src/core/math/rng';
import { computeBoundary } from '../../src/core/train/boundaryCache';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHARED = process.env.TRANSFER_STUDIO_SHARED ?? path.resolve(repoRoot, '..', 'shared');
const CLASSES = 10;
const EMBED_BATCH = 32;
const MODES = ['engine', 'all-at-once'];

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** A `side`×`side` image: light paper, a dark bar whose angle depends on the class, noise from the seed. */
function generateImage(label: number, seed: number, side: number, format: 'png' | 'jpeg'): Uint8Array {
  const rng = createRng(seed);
  const rgba = new Uint8Array(side * side * 4);
  const angle = (Math.PI * label) / CLASSES + (rng.next() - 0.5) * 0.3;
  const [cx, cy] = [side / 2 + (rng.next() - 0.5) * side * 0.2, side / 2 + (rng.next() - 0.5) * side * 0.2];
  const [dx, dy] = [Math.cos(angle), Math.sin(angle)];
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const distance = Math.abs((x - cx) * dy - (y - cy) * dx);
      const ink = distance < side * 0.08 ? 200 : 0;
      const v = Math.max(0, Math.min(255, 235 - ink + Math.round((rng.next() - 0.5) * 30)));
      const i = (y * side + x) * 4;
      rgba[i] = v;
      rgba[i + 1] = Math.max(0, v - label * 8);
      rgba[i + 2] = v;
      rgba[i + 3] = 255;
    }
  }
  if (format === 'jpeg') return jpeg.encode({ data: rgba, width: side, height: side }, 85).data;
  const png = new PNG({ width: side, height: side });
  png.data.set(rgba);
  return PNG.sync.write(png);
}

interface EmbedContext {
  cut: tf.LayersModel;
  spec: BackboneSpec;
  size: number;
  timed: <T>(name: string, fn: () => T | Promise<T>) => Promise<T>;
  track: () => void;
}

/** The embeddings [n, ...] of `examples`, preprocessed and embedded as `mode` says (see the module comment). */
async function preprocessAndEmbed(
  mode: string,
  examples: LabeledImage[],
  { cut, spec, size, timed, track }: EmbedContext,
): Promise<tf.Tensor> {
  const images = examples.map((e) => e.image);
  if (mode === 'engine') {
    const rows = imageBatches(images, spec.preprocessing, size);
    return timed('preprocess+embed', () => computeBoundary(cut, rows, { batchSize: EMBED_BATCH, onProgress: track }));
  }
  const inputs = await timed('preprocess', () => imagesToTensor(images, spec.preprocessing, size));
  try {
    return await timed('embed', () => computeBoundary(cut, inputs, { batchSize: EMBED_BATCH, onProgress: track }));
  } finally {
    inputs.dispose();
  }
}

function memoryNow() {
  const m = process.memoryUsage();
  return { tfBytes: tf.memory().numBytes, heapUsedBytes: m.heapUsed, rssBytes: m.rss };
}

/** Writes the zip of `count` generated `side`-px images (PNG, or JPEG like photos) in 10 class folders. */
function generateZip(file: string, count: number, side: number, format: 'png' | 'jpeg'): void {
  const entries: Record<string, [Uint8Array, { level: 0 }]> = {};
  for (let i = 0; i < count; i++) {
    const label = i % CLASSES;
    const name = `generated/class${label}/img${String(i).padStart(5, '0')}.${format === 'jpeg' ? 'jpg' : 'png'}`;
    entries[name] = [generateImage(label, i + 1, side, format), { level: 0 }];
  }
  writeFileSync(file, zipSync(entries));
}

async function main(): Promise<void> {
  const zipFile = option('zip', '');
  if (!zipFile) throw new Error('--zip FILE is required');
  if (process.argv.includes('--generate')) {
    generateZip(
      zipFile,
      Number(option('count', '100')),
      Number(option('side', '64')),
      option('format', 'png') === 'jpeg' ? 'jpeg' : 'png',
    );
    return;
  }
  const backboneId = option('backbone', 'digits-vgg');
  const mode = option('mode', 'engine');
  if (!MODES.includes(mode)) throw new Error(`--mode must be one of ${MODES.join(', ')}, got ${mode}`);
  const environment = nodeEnvironment(await activateNodeBackend('wasm'));
  const spec = getBackbone(backboneId);
  const modelJson =
    backboneId === 'digits-vgg'
      ? path.join(repoRoot, 'public', spec.modelUrl)
      : path.join(SHARED, 'models', `${backboneId}_224`, 'model.json');
  const backbone = await loadBackbone(spec, nodeModelHandler(modelJson));
  const cut = cutAt(backbone, spec.defaultCut);
  const size = spec.preprocessing.inputSize;
  const warm = cut.predict(tf.zeros([EMBED_BATCH, size, size, spec.preprocessing.channels])) as tf.Tensor;
  await warm.data();
  warm.dispose();

  const zip = new Uint8Array(readFileSync(zipFile));
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = { ...memoryNow(), maxRssBytes: process.resourceUsage().maxRSS * 1024 };
  const peaks = { ...memoryNow() };
  const track = () => {
    const m = memoryNow();
    peaks.tfBytes = Math.max(peaks.tfBytes, m.tfBytes);
    peaks.heapUsedBytes = Math.max(peaks.heapUsedBytes, m.heapUsedBytes);
    peaks.rssBytes = Math.max(peaks.rssBytes, m.rssBytes);
  };
  const seconds: Record<string, number> = {};
  const timed = async <T>(name: string, fn: () => T | Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const value = await fn();
    seconds[name] = (performance.now() - t0) / 1000;
    track();
    return value;
  };

  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const listing = await timed('listZip', () => listZip(zip, 'generated.zip'));
  const plan = await timed('planImport', () =>
    planImport(listing.files.map((f) => ({ path: f.path, size: f.bytes.length }))),
  );
  if (plan.blocked) throw new Error(`import blocked: ${plan.blocked}`);
  const count = plan.imageCount;
  const bytesByPath = new Map(listing.files.map((f) => [f.path, f.bytes]));
  const decoder = createNodeDecoder();
  const examples = await timed('decode', async () => {
    const out: LabeledImage[] = [];
    for (const [label, planned] of plan.classes.entries()) {
      for (const file of planned.files) {
        out.push({
          id: file.path,
          label,
          source: file.path,
          image: await decoder.decode(bytesByPath.get(file.path)!, file.path),
        });
        if (out.length % 256 === 0) track();
      }
    }
    return out;
  });
  bytesByPath.clear();
  let embeddings!: tf.Tensor;
  // tf.profile only to read the peak tensor memory (intermediates inside tf.tidy included).
  const profile = await tf.profile(async () => {
    embeddings = await preprocessAndEmbed(mode, examples, { cut, spec, size, timed, track });
    return [];
  });
  await embeddings.data();
  const totalSeconds = (performance.now() - t0) / 1000;
  const cpuUsed = process.cpuUsage(cpu0);
  // Node runs this on one thread (WASM without threads), so CPU time is the work, whatever else the machine does.
  const cpuSeconds = (cpuUsed.user + cpuUsed.system) / 1e6;
  track();
  const embeddingBytes = embeddings.size * 4;
  embeddings.dispose();
  cut.dispose();
  backbone.dispose();

  const result = {
    schemaVersion: 1,
    bench: 'scale-node',
    backend: environment.backend,
    backbone: backboneId,
    inputSize: size,
    mode,
    count,
    imageSide: examples[0]?.image.width,
    zipBytes: zip.length,
    classes: plan.classes.length,
    images: examples.length,
    problems: listing.problems.length + plan.problems.length,
    seconds: { ...seconds, total: totalSeconds },
    cpuSeconds,
    imagesPerSecond: count / totalSeconds,
    embeddingBytes,
    baseline,
    peak: { ...peaks, maxRssBytes: process.resourceUsage().maxRSS * 1024 },
    /** Sampled peak RSS above the RSS before the import: what the import + embedding cost the process. */
    peakRssAboveBaselineBytes: peaks.rssBytes - baseline.rssBytes,
    /** Peak tensor memory during preprocessing + embedding, intermediates included (tf.profile). */
    peakTensorBytes: profile.peakBytes,
  };
  const out = option('out', '');
  const json = `${JSON.stringify(result, null, 2)}\n`;
  if (out) writeFileSync(out, json);
  else process.stdout.write(json);
}

await main();
