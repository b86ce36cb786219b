#!/usr/bin/env node
// "Against the peers": the time from "images added" to "trained", and the validation accuracy, of Transfer Studio
// and its peers on the same data (shared/datasets/flowers, 5 classes x 40), the same split (TM's stratified 85/15
// with a fixed seed), the same backbone (MobileNet v1 0.25, 224, answered from shared/models through page.route),
// in headless Chromium (Debian's /usr/bin/chromium), one fresh browser per measurement.
//
//   node bench/peers/run.mjs [--full] [--repeats N] [--out FILE] [--no-write] [--verbose]
//
// Peers:
//   teachable-machine   @teachablemachine/image 0.8.5 on its pinned @tensorflow/tfjs 1.3.1 (WebGL), its own
//                       UMD bundles; installed apart from the app with `npm ci --prefix bench/peers`.
//   tfjs-webcam-example the tensorflow/tfjs-examples webcam-transfer-learning approach on tfjs 4.22 (WebGL).
// Ours: `oursRunner` (default: a plain-tfjs STAND-IN of the engine's feature-extraction path, on WebGL for the
// like-for-like rows and WASM, our fastest CPU backend here).
//
// Timing: t0 = every image decoded into an <img> element, backbone loaded and warmed up (one forward pass, as each
// page does when the backbone has loaded); t1 = the peer's train call has resolved. Everything in between is the
// peer's own flow (crop to 224, embed, build its dataset, train, its own per-epoch validation if it has one).
// Validation accuracy is scored after t1 on the same validation images for every row.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import { startStaticServer } from './server.mjs';
import { listDataset, tmCompatibleSplit } from './split.mjs';

const PEERS_DIR = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = resolve(PEERS_DIR, '..', '..');

export const MODEL_URL = 'https://storage.googleapis.com/tfjs-models/tfjs/mobilenet_v1_0.25_224/model.json';
const MODEL_URL_PREFIX = MODEL_URL.slice(0, MODEL_URL.lastIndexOf('/') + 1);
export const SPLIT_SEED_WORD = 'transfer-studio-peers';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const PINNED = { '@teachablemachine/image': '0.8.5', '@tensorflow/tfjs': '1.3.1' };

/**
 * @typedef {object} PeerRow
 * @property {string} name
 * @property {string} backend
 * @property {number} timeToTrainedSeconds median over repeats
 * @property {number} valAccuracy mean over repeats
 * Extra fields: ours, standIn, tfjsVersion, repeats, runs[] (each page's full result), embedSeconds, trainSeconds…
 */

/**
 * @typedef {object} OursRunnerContext
 * @property {'webgl'|'wasm'} backend
 * @property {string[]} classNames
 * @property {{url: string, path: string, file: string, className: string, label: number, split: 'train'|'validation'}[]} images
 *   all images in add order; `url` is served by the bench's server, `path` is the file on disk
 * @property {string} modelUrl the public MobileNet URL (answered from modelDir in every page this harness opens)
 * @property {string} modelDir
 * @property {string} origin the bench server's origin
 * @property {string} splitSeedWord the seed of this repeat's split (TM's setSeed)
 * @property {(pathOrUrl: string) => Promise<{page: import('@playwright/test').Page, close: () => Promise<void>}>} openPage
 *   a page in a fresh headless Chromium with the model route and the network guard installed
 * @property {(pagePath: string, config: object) => Promise<object>} runInPage opens a page and returns
 *   `await window.runBench(config)`; config gets modelUrl, classNames, images and backend filled in
 * @property {boolean} quick
 * An oursRunner returns at least {timeToTrainedSeconds, valAccuracy} measured the same way (t0 = images decoded
 * and backbone warm; t1 = trained).
 */

/** The default "ours": plain tfjs 4.22 following the engine's design. A STAND-IN until the engine is wired. */
export async function standInOursRunner(ctx) {
  return ctx.runInPage('/pages/ours-standin.html', {
    head: 'gap',
    dropout: 0.2,
    embedBatchSize: 32,
    epochs: 20,
    batchSize: 16,
    learningRate: 0.001,
    denseUnits: 100,
    warmup: true,
  });
}
standInOursRunner.label = 'ours (stand-in: plain tfjs, engine not wired yet)';
standInOursRunner.standIn = true;

const PEERS = [
  {
    name: 'teachable-machine',
    label: '@teachablemachine/image 0.8.5 (tfjs 1.3.1)',
    backend: 'webgl',
    run: (ctx) =>
      ctx.runInPage('/pages/tm.html', {
        alpha: 0.25,
        splitSeedWord: ctx.splitSeedWord,
        // Teachable Machine's defaults (website "Advanced" panel and the library's tests).
        epochs: 50,
        batchSize: 16,
        learningRate: 0.001,
        denseUnits: 100,
        warmup: true,
      }),
  },
  {
    // The website's defaults above are tuned for MobileNet v2 (the website's backbone); the library's own tests
    // train v1 0.25 with lr 0.0001 for 20 epochs (test/image.test.ts, testMobilenet). Full mode runs both.
    name: 'teachable-machine-v1-test-settings',
    label: "@teachablemachine/image 0.8.5, its tests' v1 settings (lr 1e-4, 20 epochs)",
    backend: 'webgl',
    fullOnly: true,
    run: (ctx) =>
      ctx.runInPage('/pages/tm.html', {
        alpha: 0.25,
        splitSeedWord: ctx.splitSeedWord,
        epochs: 20,
        batchSize: 16,
        learningRate: 0.0001,
        denseUnits: 100,
        warmup: true,
      }),
  },
  {
    name: 'tfjs-webcam-example',
    label: 'tfjs-examples webcam-transfer-learning (tfjs 4.22)',
    backend: 'webgl',
    run: (ctx) =>
      ctx.runInPage('/pages/webcam-example.html', {
        // The example page's default dropdowns.
        epochs: 20,
        batchSizeFraction: 0.4,
        learningRate: 0.0001,
        denseUnits: 100,
        warmup: true,
      }),
  },
];

function readVersion(pkgJson) {
  try {
    return JSON.parse(readFileSync(pkgJson, 'utf8')).version;
  } catch {
    return null;
  }
}

/** Installs bench/peers' own dependencies (TM + tfjs 1.3.1) from the npm registry when they are missing. */
export function ensurePeersInstalled({ log = console.error } = {}) {
  const ok = () =>
    Object.entries(PINNED).every(
      ([name, version]) => readVersion(join(PEERS_DIR, 'node_modules', name, 'package.json')) === version,
    );
  if (ok()) return;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const verb = existsSync(join(PEERS_DIR, 'package-lock.json')) ? 'ci' : 'install';
  log(`[peers] installing ${Object.keys(PINNED).join(', ')} into bench/peers/node_modules (npm ${verb})…`);
  const r = spawnSync(npm, [verb, '--prefix', PEERS_DIR, '--no-audit', '--no-fund', '--loglevel=error'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0 || !ok()) throw new Error(`npm ${verb} --prefix bench/peers failed (exit ${r.status})`);
}

function findSharedDir() {
  const candidates = [process.env.TRANSFER_STUDIO_SHARED, resolve(REPO_ROOT, '..', 'shared'), '/work/shared'].filter(
    Boolean,
  );
  const found = candidates.find((dir) => existsSync(join(dir, 'models', 'mobilenet_v1_0.25_224', 'model.json')));
  if (!found) throw new Error(`shared/ not found (tried ${candidates.join(', ')}); set TRANSFER_STUDIO_SHARED`);
  return found;
}

function packageDir(name, fromDir) {
  return dirname(createRequire(join(fromDir, 'package.json')).resolve(`${name}/package.json`));
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const round = (x, digits = 3) => (x == null || Number.isNaN(x) ? x : Math.round(x * 10 ** digits) / 10 ** digits);

/**
 * Runs every peer and ours, and returns the full report (rows, the peers-vs-ours comparison, environment).
 * quick (default): 1 repeat on the first 16 images per class (~3-4 min here); full: 3 repeats (3 splits) on all
 * images, plus TM with its tests' v1 settings (~25 min here).
 * @param {{quick?: boolean, repeats?: number, perClass?: number, oursRunner?: (ctx: OursRunnerContext) => Promise<object>,
 *   oursBackends?: string[], peers?: string[], datasetDir?: string, modelDir?: string, verbose?: boolean,
 *   log?: (msg: string) => void, pageTimeoutMs?: number}} [options]
 *   oursRunner may carry `.label` and `.standIn` (false for the engine).
 */
export async function runPeerBenchReport(options = {}) {
  const {
    quick = true,
    oursRunner = standInOursRunner,
    oursBackends = ['webgl', 'wasm'],
    peers: peerNames = PEERS.filter((p) => !(quick && p.fullOnly)).map((p) => p.name),
    verbose = false,
    log = console.error,
    pageTimeoutMs = 600_000,
  } = options;
  const repeats = options.repeats ?? (quick ? 1 : 3);
  // WebGL here is SwiftShader (no GPU), so the WebGL rows dominate the run: quick mode takes the first 16 images
  // of each class (by name; TM's split then holds out 3 per class, as many as with 20) to stay under ~4 minutes;
  // full mode takes them all.
  const perClass = options.perClass ?? (quick ? 16 : undefined);
  const unknownPeers = peerNames.filter((n) => !PEERS.some((p) => p.name === n));
  if (unknownPeers.length)
    throw new Error(`unknown peer ${unknownPeers.join(', ')} (known: ${PEERS.map((p) => p.name).join(', ')})`);
  const startedAt = new Date();
  const t0 = performance.now();

  ensurePeersInstalled({ log });
  const shared = options.datasetDir && options.modelDir ? null : findSharedDir();
  const datasetDir = options.datasetDir ?? join(shared, 'datasets', 'flowers');
  const modelDir = options.modelDir ?? join(shared, 'models', 'mobilenet_v1_0.25_224');

  const { classNames, images: everything } = listDataset(datasetDir);
  const taken = new Map();
  const listed = everything.filter((img) => {
    taken.set(img.label, (taken.get(img.label) ?? 0) + 1);
    return perClass === undefined || taken.get(img.label) <= perClass;
  });
  // One split per repeat (repeat 0 uses SPLIT_SEED_WORD itself), the same split for every row within a repeat:
  // 30 validation images give a standard error of ~8 points, so full mode averages accuracy over 3 splits.
  const splitSeedWord = (r) => (r === 0 ? SPLIT_SEED_WORD : `${SPLIT_SEED_WORD}-${r}`);
  const splits = Array.from({ length: repeats }, (_, r) =>
    tmCompatibleSplit(listed, classNames.length, splitSeedWord(r), PEERS_DIR).map((img) => ({
      ...img,
      url: `/data/${encodeURIComponent(img.className)}/${encodeURIComponent(img.file)}`,
    })),
  );
  const images = splits[0];

  const server = await startStaticServer({
    '/pages/': join(PEERS_DIR, 'pages'),
    '/vendor/tfjs/': join(packageDir('@tensorflow/tfjs', REPO_ROOT), 'dist'),
    '/vendor/tfjs-backend-wasm/': join(packageDir('@tensorflow/tfjs-backend-wasm', REPO_ROOT), 'dist'),
    '/vendor/tfjs-1.3.1/': join(PEERS_DIR, 'node_modules', '@tensorflow', 'tfjs', 'dist'),
    '/vendor/teachablemachine-image/': join(PEERS_DIR, 'node_modules', '@teachablemachine', 'image', 'dist'),
    '/data/': datasetDir,
  });
  let chromiumVersion = null;
  const blockedRequests = new Set();

  async function openPage(pathOrUrl) {
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    chromiumVersion ??= browser.version();
    const context = await browser.newContext();
    // Network guard: the bench's own server, the MobileNet URL answered from shared/models, nothing else.
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (url.startsWith(server.origin + '/') || url.startsWith('data:') || url.startsWith('blob:'))
        return route.continue();
      if (url.startsWith(MODEL_URL_PREFIX)) {
        const name = decodeURIComponent(new URL(url).pathname.split('/').pop());
        const file = join(modelDir, name);
        if (!/^[\w.-]+$/.test(name) || !existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
        return route.fulfill({
          status: 200,
          body: readFileSync(file),
          headers: {
            'Content-Type': name.endsWith('.json') ? 'application/json' : 'application/octet-stream',
            'Access-Control-Allow-Origin': '*',
            'Cross-Origin-Resource-Policy': 'cross-origin',
          },
        });
      }
      blockedRequests.add(url);
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    if (verbose) page.on('console', (m) => log(`  [page ${m.type()}] ${m.text()}`));
    const url = /^https?:/.test(pathOrUrl) ? pathOrUrl : server.origin + pathOrUrl;
    await page.goto(url);
    if (errors.length) throw new Error(`page errors at ${pathOrUrl}: ${errors.join('; ')}`);
    return { page, close: () => browser.close() };
  }

  async function runInPageWith(backend, imgs, pagePath, config) {
    const { page, close } = await openPage(pagePath);
    let timer;
    try {
      const full = {
        ...config,
        backend,
        modelUrl: MODEL_URL,
        classNames,
        images: imgs.map(({ url, label, split: s }) => ({ url, label, split: s })),
      };
      return await Promise.race([
        page.evaluate((cfg) => window.runBench(cfg), full),
        new Promise((_, fail) => {
          timer = setTimeout(
            () => fail(new Error(`${pagePath} timed out after ${pageTimeoutMs / 1000} s`)),
            pageTimeoutMs,
          );
        }),
      ]);
    } finally {
      clearTimeout(timer);
      await close();
    }
  }

  const context = (backend, r) => ({
    backend,
    classNames,
    images: splits[r],
    splitSeedWord: splitSeedWord(r),
    modelUrl: MODEL_URL,
    modelDir,
    origin: server.origin,
    openPage,
    runInPage: (pagePath, config) => runInPageWith(backend, splits[r], pagePath, config),
    quick,
  });

  const oursLabel = oursRunner.label ?? 'ours';
  const jobs = [
    ...PEERS.filter((p) => peerNames.includes(p.name)).map((p) => ({
      name: p.name,
      label: p.label,
      backend: p.backend,
      ours: false,
      run: (r) => p.run(context(p.backend, r)),
    })),
    ...oursBackends.map((backend) => ({
      name: 'ours',
      label: oursLabel,
      backend,
      ours: true,
      run: (r) => oursRunner(context(backend, r)),
    })),
  ];
  const runs = new Map(jobs.map((j) => [j, []]));
  try {
    // Round-robin over repeats so slow drift of the machine spreads over every row.
    for (let r = 0; r < repeats; r++) {
      for (const job of jobs) {
        const t = performance.now();
        const loadBefore = os.loadavg()[0];
        const result = await job.run(r);
        // Other work on this machine shows up here: a 1-minute load average well above the core count means
        // the numbers of this run were measured under contention.
        result.loadAverage1m = { before: round(loadBefore, 2), after: round(os.loadavg()[0], 2) };
        result.splitSeedWord = splitSeedWord(r);
        if (result.reportedValAccuracy != null) {
          // TM scores its own held-out 15 %; we score its model on our validation list. Equal only if split.mjs
          // replayed TM's split exactly.
          result.splitCheck =
            Math.abs(result.reportedValAccuracy - result.valAccuracy) < 1e-6 ? 'same split' : 'MISMATCH';
          if (result.splitCheck !== 'same split')
            log(
              `[peers] WARNING: ${job.name}: TM's own validation accuracy differs from ours on the shared split: the split replay is off`,
            );
        }
        runs.get(job).push(result);
        log(
          `[peers] ${job.name} (${job.backend}) run ${r + 1}/${repeats}: ${result.timeToTrainedSeconds.toFixed(2)} s to trained ` +
            `(embed ${result.embedSeconds?.toFixed(2) ?? '?'} s, train ${result.trainSeconds?.toFixed(2) ?? '?'} s), ` +
            `val acc ${(100 * result.valAccuracy).toFixed(1)} %` +
            (result.reportedValAccuracy != null
              ? ` (TM reports ${(100 * result.reportedValAccuracy).toFixed(1)} %)`
              : '') +
            ` [page ${((performance.now() - t) / 1000).toFixed(1)} s]`,
        );
      }
    }
  } finally {
    await server.close();
  }

  /** @type {PeerRow[]} */
  const rows = jobs.map((job) => {
    const rs = runs.get(job);
    const pick = (key) => rs.map((x) => x[key]).filter((v) => typeof v === 'number');
    return {
      name: job.name,
      backend: job.backend,
      timeToTrainedSeconds: round(median(pick('timeToTrainedSeconds'))),
      valAccuracy: round(mean(pick('valAccuracy')), 4),
      label: job.label,
      ours: job.ours,
      standIn: job.ours ? Boolean(oursRunner.standIn) : undefined,
      tfjsVersion: rs[0]?.tfjsVersion,
      embedSeconds: pick('embedSeconds').length ? round(median(pick('embedSeconds'))) : undefined,
      trainSeconds: pick('trainSeconds').length ? round(median(pick('trainSeconds'))) : undefined,
      repeats: rs.length,
      runs: rs,
    };
  });

  const seconds = (performance.now() - t0) / 1000;
  const report = buildReport(rows, {
    quick,
    repeats,
    startedAt: startedAt.toISOString(),
    seconds: round(seconds, 1),
    environment: {
      chromium: chromiumVersion,
      chromiumArgs: CHROMIUM_ARGS,
      webglRenderer: rows.flatMap((r) => r.runs).find((x) => x.webglRenderer)?.webglRenderer ?? null,
      node: process.version,
      cores: os.cpus().length,
      platform: `${os.platform()} ${os.arch()}`,
    },
    dataset: {
      name: basename(datasetDir),
      classNames,
      perClass: perClass ?? null,
      imageCount: listed.length,
      trainCount: images.filter((i) => i.split === 'train').length,
      validationCount: images.filter((i) => i.split === 'validation').length,
      split:
        "Teachable Machine's own: per class (images added in file-name order), Fisher-Yates with seedrandom(seed), the last ceil(15 %) held out",
      splits: splits.map((sp, r) => ({
        repeat: r + 1,
        seed: splitSeedWord(r),
        validationFiles: sp.filter((i) => i.split === 'validation').map((i) => `${i.className}/${i.file}`),
      })),
    },
    backbone: {
      model: 'MobileNet v1 0.25, 224',
      url: MODEL_URL,
      cut: 'conv_pw_13_relu',
      servedFrom: relative(REPO_ROOT, modelDir),
    },
    blockedRequests: [...blockedRequests],
  });
  return report;
}

/** Rows + the peers-vs-ours comparison (speedup = their time / ours on the same backend). */
export function buildReport(rows, meta = {}) {
  const ours = rows.filter((r) => r.ours);
  const fastestOurs = ours.length
    ? ours.reduce((a, b) => (b.timeToTrainedSeconds < a.timeToTrainedSeconds ? b : a))
    : null;
  const peers = rows
    .filter((r) => !r.ours)
    .map((peer) => {
      const same = ours.find((o) => o.backend === peer.backend) ?? null;
      return {
        name: peer.name,
        backend: peer.backend,
        timeToTrainedSeconds: peer.timeToTrainedSeconds,
        valAccuracy: peer.valAccuracy,
        oursBackend: same?.backend ?? null,
        oursTimeToTrainedSeconds: same?.timeToTrainedSeconds ?? null,
        oursValAccuracy: same?.valAccuracy ?? null,
        speedup: same ? round(peer.timeToTrainedSeconds / same.timeToTrainedSeconds, 2) : null,
        oursFastest: fastestOurs && {
          backend: fastestOurs.backend,
          timeToTrainedSeconds: fastestOurs.timeToTrainedSeconds,
          valAccuracy: fastestOurs.valAccuracy,
          speedup: round(peer.timeToTrainedSeconds / fastestOurs.timeToTrainedSeconds, 2),
        },
      };
    });
  return {
    schemaVersion: 1,
    kind: 'peers',
    ...meta,
    oursSource: ours.some((r) => r.standIn) ? 'stand-in (plain tfjs; engine not wired yet)' : 'engine',
    rows,
    peers,
  };
}

export async function runPeerBench(options = {}) {
  return (await runPeerBenchReport(options)).rows;
}

export function formatTable(report) {
  const head = [
    'row',
    'backend',
    'tfjs',
    'to trained (s)',
    'embed (s)',
    'train (s)',
    'val acc',
    'ours same backend',
    'speedup',
    'vs ours fastest',
  ];
  const body = report.rows.map((r) => {
    const p = report.peers.find((x) => x.name === r.name && x.backend === r.backend);
    return [
      r.ours ? `${r.name}${r.standIn ? ' (stand-in)' : ''}` : r.name,
      r.backend,
      r.tfjsVersion ?? '',
      r.timeToTrainedSeconds.toFixed(2),
      r.embedSeconds?.toFixed(2) ?? '',
      r.trainSeconds?.toFixed(2) ?? '',
      `${(100 * r.valAccuracy).toFixed(1)} %`,
      p?.oursTimeToTrainedSeconds != null
        ? `${p.oursTimeToTrainedSeconds.toFixed(2)} s, ${(100 * p.oursValAccuracy).toFixed(1)} %`
        : '',
      p?.speedup != null ? `${p.speedup.toFixed(2)}x` : '',
      p?.oursFastest ? `${p.oursFastest.speedup.toFixed(2)}x (${p.oursFastest.backend})` : '',
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells) => '| ' + cells.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
  return [line(head), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...body.map(line)].join('\n');
}

function readJsonQuiet(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function localDate(d = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

async function main(argv) {
  const args = { quick: true, write: true, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--full') args.quick = false;
    else if (a === '--quick') args.quick = true;
    else if (a === '--no-write') args.write = false;
    else if (a === '--verbose') args.verbose = true;
    else if (a === '--repeats') args.repeats = Number(argv[++i]);
    else if (a === '--per-class') args.perClass = Number(argv[++i]);
    else if (a === '--peers') args.peers = argv[++i].split(',').filter(Boolean);
    else if (a === '--ours-backends') args.oursBackends = argv[++i].split(',').filter(Boolean);
    else if (a === '--out') args.out = argv[++i];
    else if (a === '--help' || a === '-h') {
      console.log(
        'usage: node bench/peers/run.mjs [--quick (default) | --full] [--repeats N] [--per-class N]\n' +
          '         [--peers teachable-machine,tfjs-webcam-example] [--ours-backends webgl,wasm] [--out FILE] [--no-write] [--verbose]',
      );
      return;
    } else throw new Error(`unknown argument ${a}`);
  }
  for (const key of ['repeats', 'perClass']) {
    if (args[key] !== undefined && !(Number.isInteger(args[key]) && args[key] > 0))
      throw new Error(`--${key === 'perClass' ? 'per-class' : key} must be a positive integer`);
  }
  const report = await runPeerBenchReport({
    quick: args.quick,
    repeats: args.repeats,
    perClass: args.perClass,
    peers: args.peers,
    oursBackends: args.oursBackends,
    verbose: args.verbose,
  });
  console.log(formatTable(report));
  console.log(
    `\n${report.dataset.name}: ${report.dataset.perClass ? `first ${report.dataset.perClass} per class, ` : ''}` +
      `${report.dataset.trainCount} train / ${report.dataset.validationCount} validation; ` +
      `${report.repeats} repeat(s); ours = ${report.oursSource}; ${report.seconds} s in all.`,
  );
  if (report.blockedRequests.length) console.log(`blocked requests: ${report.blockedRequests.join(', ')}`);
  if (args.write) {
    let out = resolve(args.out ?? join(REPO_ROOT, 'bench', 'results', `peers-${localDate()}.json`));
    // A quick (smoke) run never replaces today's full run.
    if (!args.out && report.quick && existsSync(out) && readJsonQuiet(out)?.quick === false)
      out = out.replace(/\.json$/, '-quick.json');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
    console.log(`wrote ${relative(process.cwd(), out) || out}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((e) => {
    console.error(e?.stack ?? e);
    process.exit(1);
  });
}
