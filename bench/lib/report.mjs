// The one table: every section's headline numbers as rows of | area | measure | result | target / note |, for the
// terminal and for bench/results/latest.md (which the README includes).
import { latencyRows } from './latency.mjs';

const f = (x, digits = 1) => (x == null || Number.isNaN(x) ? '—' : Number(x).toFixed(digits));
const pct = (x) => (x == null || Number.isNaN(x) ? '—' : `${(100 * x).toFixed(1)} %`);
const mb = (bytes) => (bytes == null ? '—' : `${(bytes / 2 ** 20).toFixed(1)} MB`);
const signedMb = (bytes) =>
  bytes == null ? '—' : `${bytes >= 0 ? '+' : '−'}${(Math.abs(bytes) / 2 ** 20).toFixed(1)} MB`;
const mark = (ok) => (ok ? '✓' : '✗');
const seconds = (s) =>
  s == null ? '—' : s >= 100 ? `${s.toFixed(0)} s` : s >= 10 ? `${s.toFixed(1)} s` : `${s.toFixed(2)} s`;
const failed = (area, measure, error) => [area, measure, `failed: ${String(error).split('\n')[0].slice(0, 160)}`, ''];

function backendRows(probe, throughput) {
  if (!probe || !throughput) return [];
  const d = probe.default ?? {};
  const flagged = probe.withWebGpuFlags ?? {};
  const started = (name) => throughput.find((r) => r.backend === name && r.available);
  const gpuStart = started('webgpu');
  const rows = [];
  rows.push([
    'backends',
    'WebGPU',
    gpuStart
      ? `starts only with ${gpuStart.flags?.join(' ') ?? '(no flags)'} (adapter: ${flagged.webgpu?.adapterInfo?.architecture ?? '?'}, software)`
      : `does not start: ${throughput
          .filter((r) => r.backend === 'webgpu')
          .map((r) => r.problem)
          .join('; ')}`,
    `default browser: ${d.webgpu?.problem ?? (d.webgpu?.adapter ? 'adapter available' : '?')}`,
  ]);
  rows.push([
    'backends',
    'WebGL',
    started('webgl') ? `WebGL ${d.webgl?.version}: ${d.webgl?.renderer}` : `does not start`,
    'software rendering (no GPU)',
  ]);
  const wasm = started('wasm');
  rows.push([
    'backends',
    'WASM',
    wasm
      ? `SIMD ${wasm.wasmFlags?.WASM_HAS_SIMD_SUPPORT ? 'on' : 'off'}, threads ${wasm.wasmFlags?.WASM_HAS_MULTITHREAD_SUPPORT ? 'on' : 'off'}`
      : 'does not start',
    `cross-origin isolated: ${d.crossOriginIsolated ? 'yes' : 'no'}` +
      (wasm?.wasmFlags?.threads != null
        ? `; ${wasm.wasmFlags.threads} thread(s) as the app sets them (src/worker/engine/backend.ts)`
        : ''),
  ]);
  rows.push(['backends', 'CPU', started('cpu') ? 'pure JS, always starts' : 'does not start', '']);
  return rows;
}

function throughputTableRows(throughput) {
  if (!throughput) return [];
  const rows = [];
  for (const r of throughput.filter((x) => x.available)) {
    const peak = r.result.peak;
    rows.push([
      'throughput',
      `${r.backend} matMul ${peak.size}² peak`,
      `${f(peak.gflops, 2)} GFLOP/s`,
      `runs: ${r.result.peakRuns.map((p) => f(p.gflops, 2)).join(', ')}`,
    ]);
    const byBackbone = new Map();
    for (const row of r.result.rows) {
      if (!byBackbone.has(row.backbone)) byBackbone.set(row.backbone, []);
      byBackbone.get(row.backbone).push(row);
    }
    for (const [backbone, list] of byBackbone) {
      const ok = list.filter((x) => !x.error);
      const best = ok.reduce((a, b) => (!a || b.gflops > a.gflops ? b : a), null);
      const speeds = list
        .map((x) => `b${x.batch} ${x.error ? 'error' : f(x.imagesPerSecond, x.imagesPerSecond < 10 ? 2 : 1)}`)
        .join(' · ');
      rows.push([
        'throughput',
        `${r.backend} · ${backbone} (${f(list[0].multiplyAddsPerImage / 1e6, 1)} M mult-adds/img)`,
        `${speeds} img/s`,
        best
          ? `${f(best.gflops, 2)} GFLOP/s at b${best.batch} = ${f((100 * best.gflops) / peak.gflops, 0)} % of peak`
          : list.map((x) => x.error).join('; '),
      ]);
    }
  }
  return rows;
}

/**
 * bench/node/trainingParity.ts (full mode): the reduced training scenarios of src/testing/trainingParity.ts on CPU and
 * WASM, same seed and images. Final validation accuracy side by side, the tolerance ("within seed noise": max of
 * 2 images and the seed-to-seed standard deviation on WASM) and how closely the first steps' losses agree.
 */
function parityRows(parity) {
  if (!parity) return [];
  if (parity.error) return [failed('training parity', 'WASM vs CPU accuracy', parity.error)];
  return parity.cases.map((c) => [
    'training parity',
    `${c.name}: ${c.trainCount} images as one batch, ${c.epochs} steps (accuracy of ${c.validationCount})`,
    `final validation accuracy CPU ${f(c.cpuAccuracy, 3)} · WASM ${f(c.wasmAccuracy, 3)}`,
    `within seed noise (± ${f(c.accuracyTolerance, 3)}) ${mark(c.withinSeedNoise)}; losses of the first ${c.matchingSteps} steps ` +
      `agree to ${Number(c.maxFirstStepsLossDifference).toExponential(1)} (relative); CPU ${seconds(c.cpuSeconds)}, WASM ${seconds(c.wasmSeconds)} for ${c.seedAccuracies.length} seeds`,
  ]);
}

function trainingRows(nodeTraining, browserTraining) {
  const byId = new Map();
  for (const row of nodeTraining?.rows ?? [])
    byId.set(row.id ?? row.scenario, { name: row.scenario, node: row, target: row.target });
  for (const b of (browserTraining ?? []).filter((x) => x.available)) {
    for (const row of b.result.rows) {
      if (!byId.has(row.id)) byId.set(row.id, { name: row.scenario });
      byId.get(row.id)[b.backend] = row;
    }
  }
  const rows = [];
  for (const [, entry] of byId) {
    const parts = [];
    if (entry.node) {
      parts.push(
        `Node WASM ${seconds(entry.node.wasm.epochSeconds)} (CPU time ${seconds(entry.node.wasm.epochCpuSeconds)})`,
      );
      if (!/skipped/.test(entry.node.cpu.backend)) parts.push(`Node CPU ≈ ${seconds(entry.node.cpu.epochSeconds)}`);
    }
    for (const backend of ['wasm', 'webgl', 'webgpu']) {
      const row = entry[backend];
      const approx = row?.epochMethod === 'extrapolated' ? '≈ ' : '';
      if (row)
        parts.push(
          `browser ${backend === 'wasm' ? 'WASM' : backend === 'webgl' ? 'WebGL' : 'WebGPU'} ${row.error ? 'error' : approx + seconds(row.epochSeconds)}`,
        );
    }
    const note =
      entry.node && !/skipped/.test(entry.node.cpu.backend)
        ? `WASM ${f(entry.node.speedup, 0)}× CPU (CPU time ${f(entry.node.cpuTimeSpeedup, 0)}×)${entry.target ? `; target: ${entry.target}` : ''}`
        : (entry.target ?? '');
    rows.push(['training epoch, 200 ex', entry.name, parts.join(' · '), note]);
  }
  return [...rows, ...parityRows(nodeTraining?.parity)];
}

const threadsLabel = (v) =>
  v.variant === 'off' ? 'single-threaded build' : `${v.threads ?? v.variant} thread${v.threads === 1 ? '' : 's'}`;

/** One row per measure: every variant side by side, and each as a ratio to the threaded build on 1 thread. */
function wasmThreadsRows(wasmThreads) {
  if (!wasmThreads) return [];
  const variants = wasmThreads.variants.filter((v) => v.rounds > 0);
  const measures = [
    ['matMul 1024² peak', 'peakGflops', 'peak', 'GFLOP/s', 1],
    ['MobileNet v1 0.25 forward, batch 8', 'forwardImagesPerSecond', 'forward', 'img/s', 1],
    ['training steps of 32, MobileNet v1 0.25 last block', 'trainStepsPerSecond', 'train', 'steps/s', 2],
  ];
  const rounds = Math.max(...variants.map((v) => v.rounds), 0);
  const loads = wasmThreads.runs
    .filter((r) => r.available)
    .flatMap((r) => [r.loadAverage1m.before, r.loadAverage1m.after]);
  const rows = measures.map(([measure, key, ratioKey, unit, digits]) => [
    'WASM threads',
    `${measure} (${unit})`,
    variants.map((v) => `${threadsLabel(v)} ${f(v[key], digits)}`).join(' · '),
    `÷ 1 thread: ${variants
      .filter((v) => v.variant !== '1')
      .map((v) => `${threadsLabel(v)} ${f(v.vsOneThread[ratioKey], 2)}×`)
      .join(', ')}`,
  ]);
  if (rows.length)
    rows[rows.length - 1][3] +=
      `; median of ${rounds} round(s), load ${f(Math.min(...loads), 1)}–${f(Math.max(...loads), 1)}`;
  for (const v of wasmThreads.variants.filter((x) => x.problems.length))
    rows.push(failed('WASM threads', `?wasmThreads=${v.variant}`, v.problems[0]));
  return rows;
}

function cachingRows(caching) {
  if (!caching) return [];
  const fe = caching.featureExtraction;
  const ft = caching.fineTuneLastBlock;
  return [
    [
      'caching',
      `feature extraction s/epoch, cached vs recomputed (${caching.model?.id}, ${caching.environment?.backend})`,
      `${f(fe.cachedEpochSeconds, 3)} vs ${f(fe.naiveEpochSeconds, 2)} s = ${f(fe.ratio, 1)}×`,
      `≥ 20× ${mark(fe.ratio >= 20)}; cache ${seconds(fe.cacheSeconds)} pays off after ${f(fe.breakEvenEpochs, 1)} epochs`,
    ],
    [
      'caching',
      'fine-tune last block s/epoch, cached boundary vs full forward',
      `${f(ft.cachedEpochSeconds, 2)} vs ${f(ft.naiveEpochSeconds, 2)} s = ${f(ft.ratio, 1)}×`,
      `≥ 3× ${mark(ft.ratio >= 3)}; cache ${seconds(ft.cacheSeconds)}`,
    ],
  ];
}

/** Issue 14's sweep targets (bench/lib/sweeps.mjs): wall seconds of the whole command, per training, cache reuse. */
function sweepRows(sweeps) {
  if (!sweeps) return [];
  return sweeps.rows.map((row) =>
    row.error
      ? failed('sweeps', row.label, row.error)
      : [
          'sweeps',
          `${row.label} (${row.backend})`,
          `${f(row.wallSeconds, 1)} s; ${f(row.secondsPerTrial, 2)} s per training (${row.trials}), ${f(row.secondsPerCell, 1)} s per cell (${row.cells})`,
          `< ${row.targetSeconds} s ${mark(row.met)}; cache reuse ${f(row.reuseRatio, 1)}× (${row.blockPasses} of ${row.naiveBlockPasses} image×block passes, ${seconds(row.cacheSeconds)})`,
        ],
  );
}

/** Issue 16 (bench/lib/transferability.mjs): each score's Kendall τ (weighted τ) with measured accuracy; speed. */
export function transferabilityRows(t) {
  if (!t) return [];
  const tau = (x) => (x == null || Number.isNaN(x) ? '—' : `${x < 0 ? '−' : '+'}${Math.abs(x).toFixed(2)}`);
  const perScore = (agreement) => agreement.map((a) => `${a.score} ${tau(a.kendall)} (${tau(a.weighted)})`).join(', ');
  const rows = [];
  for (const d of t.datasets) {
    if (d.error) {
      rows.push(failed('transferability', d.name, d.error));
      continue;
    }
    rows.push([
      'transferability',
      `${d.name}: Kendall τ (weighted τ) of each score with measured accuracy, ${d.candidates} candidates`,
      perScore(d.agreement),
      `${d.scoredImages} images scored; measured with 2 seeds (${d.backend}), ${seconds(d.wallSeconds)} in all`,
    ]);
    rows.push([
      'transferability',
      `${d.name}: all scores, ${d.scoredImages} images × ${d.candidates} candidates, after embedding (${d.backend})`,
      seconds(d.scoreSeconds),
      `< ${t.scoreTargetSeconds} s for 200 × 6 ${mark(d.scoreSeconds < t.scoreTargetSeconds)}; embedding ${seconds(d.embeddingSeconds)}`,
    ]);
  }
  if (t.overall.length > 0) {
    rows.push([
      'transferability',
      'mean over datasets: Kendall τ (weighted τ)',
      perScore(t.overall),
      `${Math.max(...t.overall.map((o) => o.datasets))} dataset(s); 1 = the score orders the candidates as measured`,
    ]);
  }
  if (t.shift?.error) rows.push(failed('transferability', 'shift meter', t.shift.error));
  else if (t.shift)
    rows.push([
      'transferability',
      `shift meter digits-mnist → digits-mnistm, ${t.shift.images} images, after embedding (${t.shift.backend})`,
      seconds(t.shift.meterSeconds),
      `< ${t.shiftTargetSeconds} s ${mark(t.shift.met)}; proxy A-distance ${f(t.shift.proxyADistance, 2)} (${t.shift.level})`,
    ]);
  return rows;
}

function peerRows(peersReport) {
  if (!peersReport) return [];
  const ours = peersReport.rows.filter((r) => r.ours);
  const rows = peersReport.peers.map((p) => [
    'peers',
    `${p.name} (${p.backend}) vs ours (${p.oursBackend ?? '—'})`,
    `${seconds(p.timeToTrainedSeconds)}, ${pct(p.valAccuracy)} vs ${seconds(p.oursTimeToTrainedSeconds)}, ${pct(p.oursValAccuracy)} → ${f(p.speedup, 2)}×`,
    p.oursFastest
      ? `vs ours fastest (${p.oursFastest.backend}, ${seconds(p.oursFastest.timeToTrainedSeconds)}): ${f(p.oursFastest.speedup, 2)}×`
      : '',
  ]);
  rows.push([
    'peers',
    'ours = ',
    peersReport.oursSource === 'engine'
      ? 'the engine (core feature extraction, embed once + head)'
      : peersReport.oursSource,
    `${peersReport.dataset.name}: ${peersReport.dataset.trainCount} train / ${peersReport.dataset.validationCount} val, ${peersReport.repeats} split(s); ours: ` +
      ours.map((o) => `${o.backend} ${seconds(o.timeToTrainedSeconds)}`).join(', '),
  ]);
  return rows;
}

function responsivenessRows(r) {
  if (!r) return [];
  const c = r.trainingCpu;
  return [
    [
      'responsiveness',
      'longest main-thread task while the digits demo trains (wall)',
      `${f(r.training.longestMs, 0)} ms (TBT ${f(r.training.totalBlockingTimeMs, 0)} ms, ${r.training.count} long tasks in ${f(r.watchedSeconds, 0)} s)`,
      `≤ 100 ms ${mark(r.meetsTarget)}; run ${r.status}, backend ${r.backend}`,
    ],
    [
      'responsiveness',
      'the same tasks on main-thread CPU time (trace)',
      c
        ? `longest ${f(c.longestCpuMs, 0)} ms CPU (the longest wall task: ${f(c.longestWallMs, 0)} ms wall / ${f(c.cpuOfLongestWallMs, 0)} ms CPU); ` +
          `TBT ${f(c.totalBlockingCpuMs, 0)} ms; main thread busy ${f(c.mainThreadCpuPerMinuteMs / 600, 1)} % of the time`
        : '—',
      c ? `≤ 100 ms ${mark(r.meetsTargetOnCpuTime)}: wall − CPU = waiting for a core on this shared machine` : '',
    ],
    [
      'responsiveness',
      'navigation → first curve point (digits demo)',
      `${seconds(r.navigationToFirstCurvePointSeconds)} (first trained epoch ${seconds(r.navigationToFirstTrainedPointSeconds)})`,
      `backend chosen at ${seconds(r.navigationToBackendSeconds)}; page load: longest task ${f(r.pageLoad.longestMs, 0)} ms`,
    ],
  ];
}

/** The digits demo in the studio, today's (da867ad) and now, side by side (bench/lib/demoVsToday.mjs). */
function demoRows(demo) {
  if (!demo?.today) return [];
  const rounds = demo.runs.now.length;
  return [
    [
      'demo',
      'digits demo in the studio: click → first curve point',
      `today ${seconds(demo.today.firstPointSeconds)} → now ${seconds(demo.now.firstPointSeconds)} (${f(demo.firstPointRatio, 2)})`,
      `no slower ${mark(demo.firstPointRatio <= 1)}; median of ${rounds} round(s), alternating`,
    ],
    [
      'demo',
      'digits demo in the studio: click → run done',
      `today ${seconds(demo.today.doneSeconds)} → now ${seconds(demo.now.doneSeconds)} (${f(demo.doneRatio, 2)})`,
      `no slower ${mark(demo.doneRatio <= 1)}; backend ${demo.runs.now[0]?.backend ?? '?'}`,
    ],
  ];
}

function memoryRows(memory) {
  if (!memory) return [];
  const rows = [];
  const n = memory.node;
  if (n?.error) rows.push(failed('memory', 'Node, 10 runs', n.error));
  else if (n) {
    rows.push([
      'memory',
      `Node ${n.backend}: 10 consecutive runs, growth after run 1`,
      `${n.growthAfterFirstRun.numTensors} tensors, heap ${signedMb(n.growthAfterFirstRun.heapUsedBytes)}, RSS ${signedMb(n.growthAfterFirstRun.rssBytes)}`,
      `no growth ${mark(n.growthAfterFirstRun.numTensors === 0 && n.growthAfterFirstRun.heapUsedBytes < 5 * 2 ** 20)}; ${n.tensorsAfterAllRunsVsBefore} tensors vs before the first run`,
    ]);
  }
  for (const b of memory.browser ?? []) {
    if (!b.available) {
      rows.push(failed('memory', `browser ${b.backend}, 10 runs`, b.problem));
      continue;
    }
    const g = b.result.growthAfterFirstRun;
    rows.push([
      'memory',
      `browser ${b.backend}: 10 consecutive runs, growth after run 1`,
      `${g.numTensors} tensors, ${signedMb(g.numBytes)} tensor memory, JS heap ${g.jsHeapUsedBytes == null ? '—' : signedMb(g.jsHeapUsedBytes)}`,
      `no growth ${mark(g.numTensors === 0 && (g.jsHeapUsedBytes == null || g.jsHeapUsedBytes < 5 * 2 ** 20))}`,
    ]);
  }
  return rows;
}

function scaleRows(scale) {
  if (!scale) return [];
  const groups = new Map();
  for (const r of scale.rows) {
    const key = `${r.backbone} · ${r.mode}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(r);
  }
  const rows = [];
  for (const [key, list] of groups) {
    const sorted = [...list].sort((a, b) => a.count - b.count);
    const growth = scale.growth.find((g) => `${g.backbone} · ${g.mode}` === key);
    const failures = sorted
      .filter((r) => r.error)
      .map(
        (r) =>
          `${r.count.toLocaleString('en')} failed: ${r.errorCause ?? r.error.replace(/^.*exited with /, 'exited with ')}`,
      );
    rows.push([
      'scale (import + embed)',
      `${key}: ${sorted.map((r) => r.count.toLocaleString('en')).join(' / ')} images`,
      sorted
        .map((r) =>
          r.error
            ? 'failed'
            : `${seconds(r.seconds.total)}, tensors ${mb(r.peakTensorBytes)}, RSS +${mb(r.peakRssAboveBaselineBytes)}`,
        )
        .join(' / ') + ' (time, peak)',
      growth
        ? growth.countRatio > 1
          ? `CPU ms/image ${growth.millisecondsPerImage.map((x) => f(x.ms, 2)).join(' / ')}; peak tensors/image ` +
            `${growth.peakTensorBytesPerImage.map((x) => f(x.bytes / 2 ** 10, 0)).join(' / ')} KB → ${growth.noWorseThanLinear ? 'no worse than linear ✓' : 'worse than linear ✗'}`
          : `${f(sorted[0].peakTensorBytes / sorted[0].count / 2 ** 20, 2)} MB of tensors per image at the peak`
        : '',
    ]);
    if (failures.length) rows[rows.length - 1][3] += `${rows[rows.length - 1][3] ? '; ' : ''}${failures.join('; ')}`;
  }
  return rows;
}

/** Issue 19's step ratios and the top-5 kernels of both steps (bench/node/stepProfile.ts). */
function stepRows(steps) {
  if (!steps?.fineTune) return [];
  const { fineTune, scratch } = steps;
  return [
    [
      'steps',
      'last-block fine-tune step (batch 32, Node WASM, CPU time): ours vs tfjs’s Tile BatchNorm gradient',
      `${f(1000 * fineTune.new.cpuSeconds, 0)} ms vs ${f(1000 * fineTune.old.cpuSeconds, 0)} ms = ${f(fineTune.ratioCpu, 2)}`,
      `≤ 0.65 ${mark(fineTune.ratioCpu <= 0.65)}`,
    ],
    [
      'steps',
      'fine-tune step top-5 kernels (tf.profile)',
      fineTune.profile.topKernels.map((k) => `${k.name} ${f(k.ms, 0)} ms (${pct(k.share)})`).join(', '),
      '',
    ],
    [
      'steps',
      'MobileNet v1 0.25 whole-network step ÷ forward (batch 32, 224 px, Node WASM, CPU time)',
      `${seconds(scratch.step.cpuSeconds)} ÷ ${seconds(scratch.forward.cpuSeconds)} = ${f(scratch.ratioCpu, 1)}×`,
      `≤ 4 ${mark(scratch.ratioCpu <= 4)}`,
    ],
    ...(scratch.tfjsStep
      ? [
          [
            'steps',
            'the same whole-network step: ours vs tfjs’s own batch norm, relu6 and Conv2D layer (CPU time)',
            `${seconds(scratch.step.cpuSeconds)} vs ${seconds(scratch.tfjsStep.cpuSeconds)} = ${f(scratch.stepToTfjsCpu, 2)}`,
            '',
          ],
        ]
      : []),
    ...(scratch.profile
      ? [
          [
            'steps',
            'whole-network step top-5 kernels (tf.profile)',
            scratch.profile.topKernels.map((k) => `${k.name} ${f(k.ms, 0)} ms (${pct(k.share)})`).join(', '),
            '',
          ],
        ]
      : []),
  ];
}

/**
 * The studio's row for one photo count (bench/lib/studioRss.mjs): the peak RSS of the Chromium renderer process that
 * hosts the page and its workers, its RSS before the import, import and run seconds; the GPU and utility processes'
 * own peaks beside it.
 */
function studioRssRow(row) {
  const measure = `studio peak RSS (Chromium renderer: page + workers), ${row.photos.toLocaleString('en')} photos`;
  if (row.error) return failed('rss', measure, row.error);
  const errors = row.pageErrors?.length ? `; ${row.pageErrors.length} page error(s)` : '';
  return [
    'rss',
    measure,
    `${mb(row.peakRssBytes)} (before import ${mb(row.rssBeforeImportBytes)}); ` +
      `${row.imported?.toLocaleString('en') ?? '?'} imported in ${seconds(row.importSeconds)}, run ${seconds(row.runSeconds)}${errors}`,
    `other processes’ own peaks: GPU ${mb(row.gpu?.sumOfPeaksBytes)}, utility ${mb(row.utility?.sumOfPeaksBytes)}` +
      ` (${row.utility?.count ?? 0}); ${row.backend ?? '?'} backend`,
  ];
}

/**
 * Peak RSS per photo count: core path today vs fitted, and the CLI (bench/lib/nodeSections.mjs runRss); then the
 * studio's renderer process.
 */
function rssRows(rss) {
  if (!rss?.rows) return [];
  const counts = [...new Set(rss.rows.map((r) => r.photos))].sort((a, b) => a - b);
  const cell = (row) => (!row ? '—' : row.error ? 'failed' : mb(row.peakRssBytes));
  const studio = rss.rows.filter((r) => r.path === 'studio').sort((a, b) => a.photos - b.photos);
  const node = counts.map((photos) => {
    const find = (p, mode) => rss.rows.find((r) => r.path === p && r.mode === mode && r.photos === photos);
    const [today, fitted, cli] = [find('core', 'today'), find('core', 'fitted'), find('cli', 'fitted')];
    const ratio = today?.peakRssBytes && fitted?.peakRssBytes ? fitted.peakRssBytes / today.peakRssBytes : null;
    return [
      'rss',
      `peak RSS, feature extraction + fine-tune:1 on ${photos.toLocaleString('en')} photos`,
      `core then ${cell(today)} → now ${cell(fitted)} (${f(ratio, 2)}); CLI ${cell(cli)}`,
      photos === 1000 ? `now ÷ then ≤ 0.5 ${ratio == null ? '' : mark(ratio <= 0.5)}` : '',
    ];
  });
  return [...node, ...studio.map(studioRssRow)];
}

/** The cost estimate's error per scenario (estimate ÷ actual − 1), in total and per strategy; target ±30 %. */
function costRows(cost) {
  if (!cost?.scenarios) return [];
  const pct = (x) => (Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${(x * 100).toFixed(0)} %` : '—');
  return cost.scenarios.map((row) => [
    'cost',
    `cost estimate error, ${row.name}`,
    `total ${pct(row.error)} (${f(row.estimateSeconds, 1)} s est. vs ${f(row.actualSeconds, 1)} s); ` +
      row.strategies.map((x) => `${x.strategy} ${pct(x.error)}`).join(', '),
    `within ±30 % ${mark(row.withinTarget)}`,
  ]);
}

/** The done-when targets (bench/lib/targets.mjs), one row each. */
function targetRows(targets) {
  return (targets ?? []).map((t) => [
    'target',
    t.name,
    t.value == null ? 'not measured in this run' : f(t.value, 3),
    `${t.comparison === '<=' ? '≤' : '≥'} ${t.target} ${t.met == null ? '' : mark(t.met)}`,
  ]);
}

/** Every row of the one table, from the combined result. */
export function tableRows(result) {
  const s = result.sections;
  const errorRows = Object.entries(s)
    .filter(([, v]) => v.error)
    .map(([name, v]) => failed(name, 'section', v.error));
  return [
    ...backendRows(result.backends?.probe, result.throughput?.perBackend),
    ...throughputTableRows(result.throughput?.perBackend),
    ...trainingRows(result.training?.node, result.training?.browser),
    ...wasmThreadsRows(result.wasmThreads),
    ...cachingRows(result.caching),
    ...sweepRows(result.sweeps),
    ...transferabilityRows(result.transferability),
    ...peerRows(result.peersReport),
    ...responsivenessRows(result.responsiveness),
    ...demoRows(result.demo),
    ...memoryRows(result.memory),
    ...scaleRows(result.scale),
    ...latencyRows(result.latency),
    ...stepRows(result.steps),
    ...rssRows(result.rss),
    ...costRows(result.cost),
    ...targetRows(result.targets),
    ...errorRows,
  ];
}

/** A GitHub-flavoured Markdown table (also readable in a terminal). Pipes inside cells are escaped. */
export function markdownTable(head, rows) {
  const cell = (c) => String(c ?? '').replace(/\|/g, '\\|');
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => cell(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => cell(c).padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export const TABLE_HEAD = ['area', 'measure', 'result', 'target / note'];

export function machineLines(machine) {
  return [
    `- CPU: ${machine.cpuModel}, ${machine.cores} cores; memory ${machine.memoryGB} GB; ${machine.gpu}`,
    `- ${machine.chromium ?? 'Chromium ?'}; Node ${machine.node}; TensorFlow.js ${machine.tfjs}; ${machine.platform}`,
    `- load average (1/5/15 min) at the start: ${machine.loadAverage.join(' / ')} — the machine is shared, so absolute times are noisy; ratios within a row were measured side by side`,
  ];
}

/**
 * Whether a run was measured under load: a 1-min load average above 1 when it started. Its end is not judged: the
 * average then counts the bench's own last section (the studio importing and training 5,000 photos).
 */
export function underLoad(load) {
  return load.loadAverage1mBefore > 1;
}

/** `uptime` around the run, and whether it was measured under load (then a quiet-machine re-run is needed). */
export function loadLines(load) {
  if (!load) return [];
  return [
    `- \`uptime\` before: ${load.uptimeBefore}; after: ${load.uptimeAfter ?? '?'} (the bench's own last section)`,
    underLoad(load)
      ? '- measured under load (other processes shared the cores): re-run on an idle machine for the targets'
      : '- measured on an idle machine (1-min load average at most 1 at the start)',
  ];
}

/** bench/results/latest.md: the table and the machine, included by the README. */
export function markdownReport(result) {
  const when = result.date.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  return [
    `### Benchmarks (${result.mode} mode, ${when}, ${Math.round(result.seconds)} s)`,
    '',
    `\`${result.command}\` — what each row means: [bench/README.md](../README.md).`,
    '',
    markdownTable(TABLE_HEAD, tableRows(result)),
    '',
    'Machine:',
    '',
    ...machineLines(result.machine),
    ...loadLines(result.load),
    '',
  ].join('\n');
}
