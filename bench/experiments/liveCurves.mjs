#!/usr/bin/env node
// Experiment: what removes the main thread's long tasks while the digits demo trains? The profile (Chrome CPU
// profile of the built studio during the demo) puts nearly all main-thread time in React + recharts re-rendering
// the learning-curve chart on every batch of worker events: 3 strategies × (band + 3 seed lines + mean) = 15
// recharts series, each with its own store subscriptions and passive effects, re-rendered per animation frame.
//
// Variants, each a candidate change applied to the build by a Vite transform (the source files are not touched;
// a transform fails loudly when its file no longer contains what it replaces), measured alternately with
// bench/lib/responsiveness.mjs, so every variant sees the same machine:
//   as-built   the studio as `npm start` builds it;
//   means-live LearningCurveChart draws only the 3 mean lines while the run is live (markers empty), bands and seed
//              lines once it has finished;
//   throttle   the store's event batcher (src/store/batcher.ts) delivers at most every 500 ms instead of every
//              animation frame;
//   deferred   CurvesFigure feeds the chart through React's useDeferredValue and LearningCurveChart is React.memo'd
//              (a concurrent, sliced render instead of a synchronous one).
//
//   node bench/experiments/liveCurves.mjs [--rounds 2] [--variants as-built,means-live,throttle,deferred]
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { WORK_DIR } from '../lib/paths.mjs';
import { runResponsiveness } from '../lib/responsiveness.mjs';
import { buildApp, serve } from '../lib/servers.mjs';

function replaceOnce(code, before, after, file) {
  if (!code.includes(before))
    throw new Error(`${file} no longer contains ${JSON.stringify(before.slice(0, 80))}: update the experiment`);
  return code.replace(before, after);
}

/** A Vite plugin that rewrites the files named in `edits` ({file suffix: code => code}). */
function patch(name, edits) {
  return {
    name: `bench-experiment-${name}`,
    enforce: 'pre',
    transform(code, id) {
      const file = id.split('?')[0];
      const suffix = Object.keys(edits).find((s) => file.endsWith(s));
      return suffix ? edits[suffix](code, file) : null;
    },
  };
}

export const VARIANTS = {
  'as-built': [],
  'means-live': [
    patch('means-live', {
      'src/features/runs/LearningCurveChart.tsx': (code, file) => {
        let out = replaceOnce(
          code,
          '{series.map((s) => (\n            <Area',
          '{(markers.length === 0 ? [] : series).map((s) => (\n            <Area',
          file,
        );
        out = replaceOnce(
          out,
          's.seeds.map((seed) => (',
          '(markers.length === 0 ? [] : s.seeds).map((seed) => (',
          file,
        );
        return out;
      },
    }),
  ],
  throttle: [
    patch('throttle', {
      'src/store/batcher.ts': (code, file) =>
        replaceOnce(
          code,
          'requestAnimationFrame(() => callback());',
          'setTimeout(() => requestAnimationFrame(() => callback()), 500);',
          file,
        ),
    }),
  ],
  deferred: [
    patch('deferred', {
      'src/features/runs/CurvesFigure.tsx': (code, file) => {
        let out = replaceOnce(
          code,
          "import { useMemo } from 'react';",
          "import { useDeferredValue, useMemo } from 'react';",
          file,
        );
        return replaceOnce(
          out,
          'const { rows, series } = useMemo(() => buildCurveRows(run.curves, strategies, view), [run.curves, strategies, view]);',
          'const deferredCurves = useDeferredValue(run.curves);\n  const { rows, series } = useMemo(() => buildCurveRows(deferredCurves, strategies, view), [deferredCurves, strategies, view]);',
          file,
        );
      },
      'src/features/runs/LearningCurveChart.tsx': (code, file) => {
        const out = replaceOnce(code, 'export function LearningCurveChart(', 'function LearningCurveChartImpl(', file);
        return `import { memo as benchMemo } from 'react';\n${out}\nexport const LearningCurveChart = benchMemo(LearningCurveChartImpl);\n`;
      },
    }),
  ],
};

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

async function main() {
  const rounds = Number(option('rounds', '2'));
  const names = option('variants', Object.keys(VARIANTS).join(',')).split(',');
  const log = (m) => process.stderr.write(`${m}\n`);
  const servers = {};
  const results = Object.fromEntries(names.map((n) => [n, []]));
  try {
    for (const name of names) {
      if (!VARIANTS[name]) throw new Error(`unknown variant ${name}; known: ${Object.keys(VARIANTS).join(', ')}`);
      const dir = path.join(WORK_DIR, `exp-${name}`);
      await buildApp(dir, { plugins: VARIANTS[name] });
      servers[name] = await serve(dir);
    }
    for (let round = 0; round < rounds; round++) {
      // Alternate the order each round, so drift of the machine's load spreads over every variant.
      for (const name of round % 2 === 0 ? names : [...names].reverse()) {
        const r = await runResponsiveness(servers[name].origin, { quick: true, log: () => {} });
        results[name].push(r);
        log(
          `${name}: longest ${r.training.longestMs.toFixed(0)} ms, TBT ${r.training.totalBlockingTimeMs.toFixed(0)} ms, ` +
            `${r.training.count} long tasks (${r.training.over100ms} > 100 ms) in ${r.watchedSeconds.toFixed(0)} s, ${r.status}; ` +
            `CPU: longest ${r.trainingCpu.longestCpuMs.toFixed(0)} ms, main thread ${(r.trainingCpu.mainThreadCpuPerMinuteMs / 1000).toFixed(1)} s per minute`,
        );
      }
    }
  } finally {
    await Promise.all(Object.values(servers).map((s) => s.close()));
  }
  const summary = Object.fromEntries(
    Object.entries(results).map(([name, list]) => [
      name,
      {
        longestMs: list.map((r) => Math.round(r.training.longestMs)),
        totalBlockingTimeMs: list.map((r) => Math.round(r.training.totalBlockingTimeMs)),
        longTasks: list.map((r) => r.training.count),
        over100ms: list.map((r) => r.training.over100ms),
        trainingSeconds: list.map((r) => Math.round(r.watchedSeconds)),
        tbtPerMinuteMs: list.map((r) => Math.round((60 * r.training.totalBlockingTimeMs) / r.watchedSeconds)),
        longestCpuMs: list.map((r) => Math.round(r.trainingCpu.longestCpuMs)),
        totalBlockingCpuMs: list.map((r) => Math.round(r.trainingCpu.totalBlockingCpuMs)),
        mainThreadCpuPerMinuteMs: list.map((r) => Math.round(r.trainingCpu.mainThreadCpuPerMinuteMs)),
      },
    ]),
  );
  process.stdout.write(
    `${JSON.stringify({ experiment: 'live-curves', rounds, date: new Date().toISOString(), summary }, null, 2)}\n`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
