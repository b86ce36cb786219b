// Sections 3 and 5 in Node: the existing benchmarks (bench/core.ts, bench/wasmGradients.ts) and the memory and
// scale scripts (bench/node/*.ts), each run as a subprocess through tsx that writes its JSON to a file under
// tmp/bench/, which is folded into the one result. Their progress goes to stderr, prefixed.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, sharedDir, WORK_DIR } from './paths.mjs';
import { studioPeakRss } from './studioRss.mjs';
import { TODAY_COMMIT, todayTree } from './today.mjs';

/** Runs `node [--expose-gc] --import tsx script args`, resolves with the JSON it wrote to its --out file. */
export function runTsx(script, args, { log, tag, exposeGc = false, out = true, timeoutSeconds = 3600, env }) {
  mkdirSync(WORK_DIR, { recursive: true });
  const outFile = path.join(WORK_DIR, `${tag}.json`);
  rmSync(outFile, { force: true });
  const nodeArgs = [
    ...(exposeGc ? ['--expose-gc'] : []),
    '--import',
    'tsx',
    path.join(REPO_ROOT, script),
    ...args,
    ...(out ? ['--out', outFile] : []),
  ];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, nodeArgs, {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: env ? { ...process.env, ...env } : process.env,
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutSeconds * 1000);
    let tail = '';
    const relay = (chunk) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-4000);
      // tfjs's "install tfjs-node" banner (the CPU backend's first use in Node) is noise here.
      const lines = text
        .split('\n')
        .filter((l) => l.trim() && !/^=+$|looks like you are running TensorFlow\.js in Node/.test(l.trim()));
      // A crash prints the whole minified emscripten glue as one line: keep the start of long lines only.
      for (const line of lines) log(`  [${tag}] ${line.length > 300 ? `${line.slice(0, 300)}…` : line}`);
    };
    child.stdout.on('data', relay);
    child.stderr.on('data', relay);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const seconds = (performance.now() - t0) / 1000;
      if (code !== 0) {
        // The first line that says what went wrong (a WASM abort is how running out of its 4 GB heap ends).
        const cause =
          tail
            .split('\n')
            .find((l) => /Aborted\(|^\w*Error\b|out of memory/i.test(l.trim()))
            ?.trim()
            .slice(0, 200) ?? tail.trim().split('\n').pop()?.slice(0, 200);
        const what = /Aborted\(/.test(tail)
          ? 'the WASM backend aborted (out of memory: its heap is capped at 4 GB)'
          : cause;
        return reject(
          new Error(`${script} ${args.join(' ')} exited with ${code ?? signal} after ${seconds.toFixed(0)} s: ${what}`),
        );
      }
      if (!out) return resolve({ seconds });
      if (!existsSync(outFile)) return reject(new Error(`${script} wrote no ${outFile}`));
      resolve({ seconds, json: JSON.parse(readFileSync(outFile, 'utf8')) });
    });
  });
}

/**
 * bench/node/costEstimate.ts: the cost estimate shown before Run against the same run's own seconds, per strategy
 * and in total, on its scenarios (issue #18; target ±30 %). Quick: fewer seeds and epochs.
 */
export async function runCostEstimate({ quick, log }) {
  const args = quick ? ['--quick'] : [];
  const { json, seconds } = await runTsx('bench/node/costEstimate.ts', args, { log, tag: 'cost-estimate' });
  return { ...json, seconds, args };
}

/** bench/core.ts: feature extraction cached vs recomputed (≥ 20×), fine-tune last block cached vs naive (≥ 3×). */
export async function runCaching({ quick, log }) {
  const args = quick ? ['--per-class', '16', '--epochs-cached', '3', '--epochs-naive', '1'] : [];
  const { json, seconds } = await runTsx('bench/core.ts', args, { log, tag: 'core' });
  return { ...json, seconds, args };
}

/**
 * bench/wasmGradients.ts: seconds per epoch of 200, WASM vs CPU in Node. Quick: the real MobileNet top-1 block and
 * digits scratch, CPU extrapolated from steps of 2 (the CPU takes seconds per example); full: every scenario, and
 * bench/node/trainingParity.ts (the accuracy the reduced scenarios reach on WASM vs CPU, ~40 s) as `parity`.
 */
export async function runWasmGradients({ quick, log }) {
  const args = quick
    ? ['--only', 'mobilenet-top1,digits-scratch', '--cpu-batch', '2', '--wasm-epochs', '1']
    : ['--cpu-batch', '8', '--wasm-epochs', '3'];
  const { json, seconds } = await runTsx('bench/wasmGradients.ts', args, { log, tag: 'wasm-gradients' });
  const result = { ...json, seconds, args };
  if (!quick) {
    try {
      const parity = await runTsx('bench/node/trainingParity.ts', [], { log, tag: 'training-parity' });
      result.parity = { ...parity.json, seconds: parity.seconds };
    } catch (error) {
      result.parity = { error: error.message };
    }
  }
  return result;
}

/** bench/node/memory.ts: 10 consecutive runExperiment calls, tensors and heap after each. */
export async function runNodeMemory({ quick, log }) {
  const args = ['--runs', '10', '--epochs', quick ? '2' : '5'];
  const { json, seconds } = await runTsx('bench/node/memory.ts', args, { log, tag: 'memory-node', exposeGc: true });
  return { ...json, seconds };
}

/**
 * bench/node/scale.ts for 100, 1,000 and 5,000 generated images through digits-vgg, and MobileNet v1 0.25 on
 * photo-like 384-px JPEGs (the studio's decoder keeps up to 512 px) at 100 images (quick) or 100 and 1,000 (full),
 * each as the engine does it ('engine': preprocessed a batch at a time on the way into the cache) and as it did
 * before ('all-at-once': the whole input tensor first); a size that runs out of memory is then the result.
 */
export async function runScale({ quick, log }) {
  const plan = [];
  for (const mode of ['engine', 'all-at-once'])
    for (const count of [100, 1000, 5000]) plan.push({ count, side: 64, format: 'png', backbone: 'digits-vgg', mode });
  for (const mode of ['engine', 'all-at-once']) {
    for (const count of quick ? [100] : [100, 1000])
      plan.push({ count, side: 384, format: 'jpeg', backbone: 'mobilenet_v1_0.25', mode });
  }
  const rows = [];
  for (const item of plan) {
    const zip = path.join(WORK_DIR, `scale-${item.count}-${item.side}-${item.format}.zip`);
    if (!existsSync(zip)) {
      const args = [
        '--generate',
        '--count',
        String(item.count),
        '--side',
        String(item.side),
        '--format',
        item.format,
        '--zip',
        zip,
      ];
      await runTsx('bench/node/scale.ts', args, { log, tag: 'scale-generate', out: false });
    }
    const tag = `scale-${item.backbone}-${item.mode}-${item.count}`;
    try {
      const { json } = await runTsx(
        'bench/node/scale.ts',
        ['--zip', zip, '--backbone', item.backbone, '--mode', item.mode],
        { log, tag, exposeGc: true },
      );
      rows.push(json);
      log(
        `[scale] ${item.backbone} ${item.mode} ${item.count}: ${json.seconds.total.toFixed(2)} s, ` +
          `peak RSS +${(json.peakRssAboveBaselineBytes / 2 ** 20).toFixed(0)} MB, peak tensors ${(json.peakTensorBytes / 2 ** 20).toFixed(0)} MB`,
      );
    } catch (error) {
      rows.push({ ...item, error: error.message });
      log(`[scale] ${tag} failed: ${error.message}`);
    }
  }
  return { rows, growth: scaleGrowth(rows) };
}

/**
 * Growth per backbone and mode, from the smallest size to the largest (linear = the count ratio), and the time per
 * image at each size. "No worse than linear" is judged between the two largest sizes, where fixed costs (start-up
 * of the phases, the first batch) no longer dominate: CPU time per image (wall time swings with the shared
 * machine's load; the import runs on one thread) and peak tensor memory per image may not grow by more than 25 %.
 */
export function scaleGrowth(rows) {
  const ok = rows.filter((r) => !r.error);
  const groups = new Map();
  for (const r of ok) {
    const key = `${r.backbone}|${r.mode}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(r);
  }
  return [...groups.entries()].map(([key, rs]) => {
    const sorted = [...rs].sort((a, b) => a.count - b.count);
    const base = sorted[0];
    const largest = sorted[sorted.length - 1];
    const previous = sorted[Math.max(0, sorted.length - 2)];
    const perImage = (r) => (r.cpuSeconds ?? r.seconds.total) / r.count;
    const tensorsPerImage = (r) => (r.peakTensorBytes ?? 0) / r.count;
    const [backbone, mode] = key.split('|');
    return {
      backbone,
      mode,
      from: base.count,
      to: largest.count,
      countRatio: largest.count / base.count,
      timeRatio: largest.seconds.total / base.seconds.total,
      peakTensorRatio: (largest.peakTensorBytes ?? 0) / Math.max(1, base.peakTensorBytes ?? 0),
      peakRssRatio: largest.peakRssAboveBaselineBytes / Math.max(1, base.peakRssAboveBaselineBytes),
      /** CPU milliseconds per image (wall when CPU time was not recorded). */
      millisecondsPerImage: sorted.map((r) => ({ count: r.count, ms: 1000 * perImage(r) })),
      peakTensorBytesPerImage: sorted.map((r) => ({ count: r.count, bytes: tensorsPerImage(r) })),
      noWorseThanLinear:
        sorted.length < 2 ||
        (perImage(largest) <= 1.25 * perImage(previous) &&
          tensorsPerImage(largest) <= 1.25 * tensorsPerImage(previous)),
    };
  });
}

/** bench/node/stepProfile.ts: forward vs whole-network step, fine-tune step old vs new, top-5 kernels (Node WASM). */
export async function runStepProfile({ quick, log }) {
  const args = quick ? ['--steps', '3', '--finetune-steps', '3', '--rounds', '1'] : [];
  const { json, seconds } = await runTsx('bench/node/stepProfile.ts', args, { log, tag: 'steps' });
  return { ...json, seconds, args };
}

/** The photo folder of `count` generated 512×384 JPEGs for the rss section (generated once, kept in tmp/bench). */
async function rssPhotos(count, log) {
  const dir = path.join(WORK_DIR, `rss-photos-${count}`);
  if (!existsSync(path.join(dir, 'done'))) {
    rmSync(dir, { recursive: true, force: true });
    await runTsx('bench/node/rss.ts', ['--generate', '--count', String(count), '--dir', dir], {
      log,
      tag: 'rss-generate',
      out: false,
    });
    writeFileSync(path.join(dir, 'done'), '');
  }
  return dir;
}

/**
 * Peak RSS (the kernel's high-water mark, via GNU time's %M) of the real CLI binary running the same experiment as
 * bench/node/rss.ts (RSS_EXPERIMENT: feature-extraction + fine-tune:1, 1 seed, 2 epochs) on `dir`.
 */
function cliPeakRss(dir, log) {
  const timeFile = path.join(WORK_DIR, 'rss-cli.time');
  const outDir = path.join(WORK_DIR, 'rss-cli-out');
  const model = path.join(sharedDir(), 'models/mobilenet_v1_0.25_224/model.json');
  const args = ['-f', '%M %e', '-o', timeFile, process.execPath, path.join(REPO_ROOT, 'bin/transfer-studio.mjs')];
  args.push('run', '--dataset', dir, '--backbone', 'mobilenet_v1_0.25', '--model-url', model);
  args.push('--strategies', 'feature-extraction,fine-tune:1', '--seeds', '1', '--epochs', '2', '--batch-size', '16');
  args.push('--backend', 'wasm', '--quiet', '--out', outDir);
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', args, { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let tail = '';
    child.stderr.on('data', (chunk) => (tail = (tail + chunk.toString()).slice(-2000)));
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`the CLI exited with ${code}: ${tail.trim().split('\n').pop()}`));
      const [kb, wall] = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
      log(`  [rss-cli] peak RSS ${(kb / 1024).toFixed(0)} MB, ${wall} s`);
      resolve({ peakRssBytes: kb * 1024, seconds: wall });
    });
  });
}

/**
 * TODAY_COMMIT's `src` with today's bench/node/rss.ts beside it: the same harness then imports that commit's engine,
 * so the 'today' row is the old code itself, measured in the same run. Returns the script path for runTsx.
 */
function todayRssScript() {
  const dir = todayTree('rss', ['src']);
  mkdirSync(path.join(dir, 'bench/node'), { recursive: true });
  copyFileSync(path.join(REPO_ROOT, 'bench/node/rss.ts'), path.join(dir, 'bench/node/rss.ts'));
  return path.relative(REPO_ROOT, path.join(dir, 'bench/node/rss.ts'));
}

/**
 * Process memory of a feature-extraction + fine-tune:1 experiment on 100 / 1,000 / 5,000 photos (quick: 1,000, the
 * size of the `rss-1000-photos-ratio` target):
 * the core path in Node as it was ('today': TODAY_COMMIT's engine (bench/lib/today.mjs), photos decoded whole,
 * preprocessed per strategy, full feature maps cached) and as it is ('fitted': 224-px 8-bit pixels preprocessed once,
 * pooled feature-extraction cache, batches written into one heap tensor; what the studio's worker loader does too),
 * and the real CLI binary. One process per measurement; a size that fails (out of memory) is recorded as its row's
 * error. With `studioOrigin` (resolves to where the built studio is served), also the studio: the page's renderer
 * process, which hosts its workers, in a fresh Chromium per size (bench/lib/studioRss.mjs).
 */
export async function runRss({ quick, log, studioOrigin }) {
  const rows = [];
  for (const photos of quick ? [1000] : [100, 1000, 5000]) {
    const dir = await rssPhotos(photos, log);
    for (const mode of ['today', 'fitted']) {
      try {
        const script = mode === 'today' ? todayRssScript() : 'bench/node/rss.ts';
        const { json } = await runTsx(script, ['--dir', dir, '--mode', mode], {
          log,
          tag: `rss-${mode}-${photos}`,
          exposeGc: true,
          env: { TRANSFER_STUDIO_SHARED: sharedDir() },
        });
        rows.push({ path: 'core', mode, photos, ...(mode === 'today' ? { commit: TODAY_COMMIT } : {}), ...json });
      } catch (error) {
        rows.push({ path: 'core', mode, photos, error: error.message });
      }
    }
    try {
      rows.push({ path: 'cli', mode: 'fitted', photos, ...(await cliPeakRss(dir, log)) });
    } catch (error) {
      rows.push({ path: 'cli', mode: 'fitted', photos, error: error.message });
    }
    if (!studioOrigin) continue;
    try {
      const row = await studioPeakRss(await studioOrigin(), dir, { photos, log });
      rows.push({ path: 'studio', mode: 'fitted', photos, ...row });
    } catch (error) {
      rows.push({ path: 'studio', mode: 'fitted', photos, error: error.message, ...error.details });
    }
  }
  return studioOrigin ? { rows } : { rows, worker: 'not measured (runRss without studioOrigin)' };
}
