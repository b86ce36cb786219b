// Section `sweeps`: issue 14's performance targets, measured by running `transfer-studio sweep` as users do (a
// subprocess, WASM, progress off) and reading its sweep.json: wall seconds of the whole command (loading, caching
// and training), seconds per training and per cell, and the cache reuse ratio (image × block passes a
// trial-by-trial run would make ÷ the passes this sweep made; core/sweep/types.ts SweepCacheStats).
//   digits:  4 depths + scratch × 3 seeds × 20 epochs on the built-in digits (10 per digit), target < 120 s;
//   flowers: MobileNet v1 0.25 over its last 4 blocks (depths 0–4: feature extraction, then 1–4 fine-tuned) on
//            ../shared/datasets/flowers, 20 per class, 3 seeds × 20 epochs, no scratch (not part of a depth sweep
//            of a pretrained network), target < 300 s. Full mode only.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, sharedDir, WORK_DIR } from './paths.mjs';

/** The two sweeps, their arguments (without --out) and their targets in seconds. */
export function sweepScenarios(quick) {
  const scenarios = [
    {
      name: 'digits-depth',
      label: 'digits depth sweep (4 depths + scratch × 3 seeds × 20 epochs)',
      targetSeconds: 120,
      args: ['--preset', 'digits-ab', '--depths', '0-3', '--per-class', '10', '--seeds', '3', '--epochs', '20'],
    },
  ];
  if (!quick) {
    const shared = sharedDir();
    scenarios.push({
      name: 'flowers-depth',
      label: 'flowers + MobileNet v1 0.25 depth sweep, last 4 blocks (3 seeds × 20 epochs)',
      targetSeconds: 300,
      args: [
        '--dataset',
        path.join(shared, 'datasets', 'flowers'),
        '--backbone',
        'mobilenet_v1_0.25',
        '--model-url',
        path.join(shared, 'models', 'mobilenet_v1_0.25_224', 'model.json'),
        '--depths',
        '0-4',
        '--per-class',
        '20',
        '--seeds',
        '3',
        '--epochs',
        '20',
        '--no-scratch',
      ],
    });
  }
  return scenarios;
}

function runCli(args, { log, tag }) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'transfer-studio.mjs'), 'sweep', ...args], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let tail = '';
    child.stderr.on('data', (chunk) => (tail = (tail + chunk.toString()).slice(-2000)));
    child.stdout.on('data', (chunk) => (tail = (tail + chunk.toString()).slice(-2000)));
    child.on('close', (code) => {
      const seconds = (performance.now() - t0) / 1000;
      if (code !== 0)
        return reject(new Error(`sweep ${args.join(' ')} exited with ${code}: ${tail.trim().slice(-300)}`));
      log(`  [${tag}] done in ${seconds.toFixed(1)} s`);
      resolve(seconds);
    });
  });
}

/** One row per scenario: seconds, per training and per cell, cache reuse, target met. */
export async function runSweeps({ quick, log }) {
  const rows = [];
  for (const scenario of sweepScenarios(quick)) {
    const out = path.join(WORK_DIR, `sweep-${scenario.name}`);
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    try {
      const wallSeconds = await runCli([...scenario.args, '--quiet', '--out', out], { log, tag: scenario.name });
      const result = JSON.parse(readFileSync(path.join(out, 'sweep.json'), 'utf8'));
      const { cache } = result;
      rows.push({
        name: scenario.name,
        label: scenario.label,
        command: `transfer-studio sweep ${scenario.args.join(' ')}`,
        wallSeconds,
        sweepSeconds: result.seconds,
        cells: result.cells.length,
        trials: cache.trials,
        secondsPerTrial: result.seconds / cache.trials,
        secondsPerCell: result.seconds / result.cells.length,
        reuseRatio: cache.reuseRatio,
        blockPasses: cache.blockPasses,
        naiveBlockPasses: cache.naiveBlockPasses,
        cacheSeconds: cache.cacheSeconds,
        backend: result.environment.backend,
        targetSeconds: scenario.targetSeconds,
        met: wallSeconds < scenario.targetSeconds,
      });
    } catch (error) {
      rows.push({ name: scenario.name, label: scenario.label, error: error.message });
    }
  }
  return { rows };
}
