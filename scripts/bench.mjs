#!/usr/bin/env node
// `npm run bench [-- --quick] [--only a,b] [--skip a,b] [--no-write]`: every benchmark of Transfer Studio in one
// run — Node and headless Chromium — printed as one table and written to bench/results/<ISO time>.json, plus
// bench/results/latest.json, latest.md and the README's highlights (a complete run only; bench/lib/readme.mjs).
// What each row means: bench/README.md.
// `npm run bench -- --render FILE.json` prints the table of an earlier result again (and, for latest.json, rewrites
// latest.md), e.g. after a change to the table's wording.
//
// Sections, in order (each measures its ratios side by side in the same run, so a busy machine slows both sides):
//   throughput      backbone images/s per browser backend × backbone × batch, and GFLOP/s against a matMul peak
//   training        seconds per training epoch of 200 examples: browser WebGL/WASM(/WebGPU) and Node WASM vs CPU
//   wasm-threads    WASM single-threaded build vs threaded on 1 / hardwareConcurrency / 4 threads: forward, training
//   caching         bench/core.ts: embed once (feature extraction) and the cached freeze boundary (fine-tune)
//   sweeps          `transfer-studio sweep`: digits and flowers depth sweeps, seconds (per training, per cell), reuse
//   transferability `transfer-studio score --measure`: each score's Kendall τ / weighted τ with measured accuracy per
//                   dataset and on average; seconds for all scores and for the shift meter after embedding
//   peers           bench/peers/run.mjs: Teachable Machine and the tfjs webcam example vs the engine
//   responsiveness  the built studio's main thread while the digits demo trains; time to the first curve point
//   memory          10 consecutive runs: tensors and heap (Node and browser)
//   scale           import + embedding of 100, 1,000 and 5,000 generated images: time, peak memory, growth
//   latency         cancel → stopped (engine, import; Node and studio), webcam frames/s, studio import time and stalls
//   steps           Node WASM: whole-network step ÷ forward, fine-tune step new ÷ old (Tile) gradient, top-5 kernels
//   rss             peak RSS of feature-extraction + fine-tune:1 on 100 / 1,000 / 5,000 photos: core path then/now,
//                   CLI, and the studio's renderer process (the page and its workers) in Chromium
// Then `targets`: issue 19's done-when ratios with their targets (bench/lib/targets.mjs), and `load`: `uptime` before
// and after, and whether the run was measured under load: a 1-min load average above 1 at the start. (The end's
// average is the bench's own last section, the studio importing and training 5,000 photos, so it is reported only.)
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeMachine } from '../bench/lib/machine.mjs';
import { runBrowserMemory } from '../bench/lib/memory.mjs';
import {
  runCaching,
  runCostEstimate,
  runNodeMemory,
  runRss,
  runScale,
  runStepProfile,
  runWasmGradients,
} from '../bench/lib/nodeSections.mjs';
import { computeTargets, embeddingPeakFractions } from '../bench/lib/targets.mjs';
import {
  readmeHighlights,
  replaceHighlights,
  replaceTransferability,
  transferabilityBlock,
} from '../bench/lib/readme.mjs';
import { REPO_ROOT, RESULTS_DIR, WORK_DIR } from '../bench/lib/paths.mjs';
import { runPeers } from '../bench/lib/peers.mjs';
import { machineLines, markdownReport, markdownTable, TABLE_HEAD, tableRows, underLoad } from '../bench/lib/report.mjs';
import { runLatency } from '../bench/lib/latency.mjs';
import { runDemoVsToday } from '../bench/lib/demoVsToday.mjs';
import { runResponsiveness } from '../bench/lib/responsiveness.mjs';
import { buildApp, buildBenchPages, serve } from '../bench/lib/servers.mjs';
import { probeBrowsers, runThroughput, throughputRows } from '../bench/lib/throughput.mjs';
import { runBrowserTraining } from '../bench/lib/training.mjs';
import { runWasmThreads } from '../bench/lib/wasmThreads.mjs';
import { runSweeps } from '../bench/lib/sweeps.mjs';
import { runTransferability } from '../bench/lib/transferability.mjs';

const SECTIONS = [
  'throughput',
  'training',
  'wasm-threads',
  'caching',
  'sweeps',
  'transferability',
  'peers',
  'responsiveness',
  'demo',
  'memory',
  'scale',
  'latency',
  'steps',
  'rss',
  'cost',
];

const uptime = () => {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return `load average: ${os.loadavg().join(', ')}`;
  }
};

function parseArgs(argv) {
  const args = { quick: false, only: null, skip: [], write: true, render: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') args.quick = true;
    else if (a === '--full') args.quick = false;
    else if (a === '--only') args.only = argv[++i].split(',').filter(Boolean);
    else if (a === '--skip') args.skip = argv[++i].split(',').filter(Boolean);
    else if (a === '--no-write') args.write = false;
    else if (a === '--render') args.render = argv[++i];
    else if (a === '--help' || a === '-h') {
      process.stdout.write(
        'usage: npm run bench [-- --quick] [--only a,b] [--skip a,b] [--no-write] | [-- --render RESULT.json]\n' +
          `sections: ${SECTIONS.join(', ')}\n` +
          'A complete run writes bench/results/<time>.json, latest.json and latest.md; a partial one (--only/--skip) only the first.\n',
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${a} (see --help)`);
  }
  for (const name of [...(args.only ?? []), ...args.skip]) {
    if (!SECTIONS.includes(name)) throw new Error(`unknown section ${name}; sections: ${SECTIONS.join(', ')}`);
  }
  return args;
}

const README = path.join(REPO_ROOT, 'README.md');
const log = (message) => process.stderr.write(`${message}\n`);

/** Prints the table of an earlier result; rewrites latest.md when it is latest.json. */
function render(file) {
  const result = JSON.parse(readFileSync(file, 'utf8'));
  process.stdout.write(
    `${markdownTable(TABLE_HEAD, tableRows(result))}\n\n${machineLines(result.machine).join('\n')}\n`,
  );
  if (path.resolve(file) === path.join(RESULTS_DIR, 'latest.json')) {
    writeFileSync(path.join(RESULTS_DIR, 'latest.md'), markdownReport(result));
    process.stdout.write('rewrote bench/results/latest.md\n');
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.render) return render(args.render);
  const wanted = (name) => (args.only ? args.only.includes(name) : true) && !args.skip.includes(name);
  const complete = SECTIONS.every(wanted);
  const t0 = performance.now();
  const date = new Date();
  const mode = args.quick ? 'quick' : 'full';
  const result = {
    schemaVersion: 1,
    kind: 'transfer-studio-bench',
    mode,
    command: `npm run bench${args.quick ? ' -- --quick' : ''}`,
    date: date.toISOString(),
    seconds: 0,
    complete,
    machine: describeMachine(),
    load: { uptimeBefore: uptime(), loadAverage1mBefore: os.loadavg()[0] },
    sections: {},
  };
  log(`Transfer Studio benchmarks, ${mode} mode: ${SECTIONS.filter(wanted).join(', ')}`);
  log(machineLines(result.machine).join('\n'));

  /** Runs one section, recording its time and the load average around it; a failure is recorded, not fatal. */
  async function section(name, fn) {
    if (!wanted(name)) return;
    const started = performance.now();
    const loadBefore = os.loadavg()[0];
    log(`\n== ${name} ==`);
    const record = { loadAverage1m: { before: loadBefore } };
    result.sections[name] = record;
    try {
      await fn();
    } catch (error) {
      record.error = error?.message ?? String(error);
      log(`[${name}] FAILED: ${error?.stack ?? error}`);
    }
    record.seconds = Math.round((performance.now() - started) / 100) / 10;
    record.loadAverage1m.after = os.loadavg()[0];
    log(`[${name}] ${record.seconds} s`);
  }

  mkdirSync(WORK_DIR, { recursive: true });
  const needsPages = ['throughput', 'training', 'wasm-threads', 'peers', 'memory'].some(wanted);
  let pages = null;
  let app = null;
  try {
    if (needsPages) {
      const buildSeconds = await buildBenchPages(path.join(WORK_DIR, 'pages'));
      pages = await serve(path.join(WORK_DIR, 'pages'));
      log(`bench page built in ${buildSeconds.toFixed(1)} s, served at ${pages.origin}`);
    }

    await section('throughput', async () => {
      const probe = await probeBrowsers(pages.origin);
      result.backends = { probe };
      const perBackend = await runThroughput(pages.origin, { quick: args.quick, log });
      result.throughput = { rows: throughputRows(perBackend), perBackend };
    });

    await section('training', async () => {
      result.training = { browser: await runBrowserTraining(pages.origin, { quick: args.quick, log }) };
      result.training.node = await runWasmGradients({ quick: args.quick, log });
    });

    await section('wasm-threads', async () => {
      result.wasmThreads = await runWasmThreads(pages.origin, { quick: args.quick, log });
    });

    await section('caching', async () => {
      result.caching = await runCaching({ quick: args.quick, log });
    });

    await section('sweeps', async () => {
      result.sweeps = await runSweeps({ quick: args.quick, log });
    });

    await section('transferability', async () => {
      result.transferability = await runTransferability({ quick: args.quick, log });
    });

    await section('peers', async () => {
      const report = await runPeers(pages.origin, { quick: args.quick, log });
      result.peers = report.peers;
      result.peersReport = report;
    });

    /** The built studio (as npm start builds it): built and served once, by the first section that opens it. */
    let appBuildSeconds = null;
    const studioOrigin = async () => {
      if (!app) {
        appBuildSeconds = await buildApp(path.join(WORK_DIR, 'app'));
        app = await serve(path.join(WORK_DIR, 'app'));
        log(`studio built in ${appBuildSeconds.toFixed(1)} s (as npm start), served at ${app.origin}`);
      }
      return app.origin;
    };

    await section('responsiveness', async () => {
      const origin = await studioOrigin();
      result.responsiveness = {
        buildSeconds: appBuildSeconds,
        ...(await runResponsiveness(origin, { quick: args.quick, log })),
      };
    });

    await section('demo', async () => {
      result.demo = await runDemoVsToday({ quick: args.quick, log, studioOrigin });
    });

    await section('memory', async () => {
      result.memory = {};
      try {
        result.memory.node = await runNodeMemory({ quick: args.quick, log });
      } catch (error) {
        result.memory.node = { error: error.message };
      }
      result.memory.browser = await runBrowserMemory(pages.origin, { quick: args.quick, log });
    });

    await section('scale', async () => {
      result.scale = await runScale({ quick: args.quick, log });
    });

    await section('latency', async () => {
      result.latency = await runLatency(await studioOrigin(), { quick: args.quick, log });
    });

    await section('steps', async () => {
      result.steps = await runStepProfile({ quick: args.quick, log });
    });

    await section('rss', async () => {
      result.rss = await runRss({ quick: args.quick, log, studioOrigin });
    });

    await section('cost', async () => {
      result.cost = await runCostEstimate({ quick: args.quick, log });
    });
  } finally {
    await pages?.close();
    await app?.close();
  }

  result.seconds = Math.round((performance.now() - t0) / 100) / 10;
  result.load.uptimeAfter = uptime();
  result.load.loadAverage1mAfter = os.loadavg()[0];
  result.load.measuredUnderLoad = underLoad(result.load);
  if (result.throughput) result.embeddingPeakFractions = embeddingPeakFractions(result);
  result.targets = computeTargets(result);
  const table = markdownTable(TABLE_HEAD, tableRows(result));
  process.stdout.write(
    `\n${table}\n\n${machineLines(result.machine).join('\n')}\n${mode} mode, ${result.seconds} s in all.\n`,
  );

  if (args.write) {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const stamp = result.date.replace(/[:.]/g, '-');
    const json = `${JSON.stringify(result, null, 2)}\n`;
    const files = [path.join(RESULTS_DIR, `${stamp}.json`)];
    writeFileSync(files[0], json);
    if (complete) {
      files.push(path.join(RESULTS_DIR, 'latest.json'), path.join(RESULTS_DIR, 'latest.md'));
      writeFileSync(files[1], json);
      writeFileSync(files[2], markdownReport(result));
      writeFileSync(README, replaceHighlights(readFileSync(README, 'utf8'), readmeHighlights(result)));
      files.push(README);
    }
    // A full-mode transferability section (every dataset) is kept on its own and feeds the README's τ table.
    if (result.transferability && !args.quick) {
      files.push(path.join(RESULTS_DIR, 'transferability-latest.json'));
      writeFileSync(files.at(-1), json);
      const readme = readFileSync(README, 'utf8');
      writeFileSync(README, replaceTransferability(readme, transferabilityBlock(result)));
      if (!files.includes(README)) files.push(README);
    }
    process.stdout.write(
      `wrote ${files.map((f) => path.relative(REPO_ROOT, f)).join(', ')}${complete ? '' : ' (partial run: latest.* untouched)'}\n`,
    );
  }
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
