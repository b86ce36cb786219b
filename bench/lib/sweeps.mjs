// Section `sweeps`: issue 14's performance targets, measured by running `transfer-studio sweep` as users do (a
// subprocess, WASM, progress off) and reading its sweep.json: wall seconds of the whole command (loading, caching
// and training), seconds per training and per cell, and the cache reuse ratio (image × block passes a
// trial-by-trial run would make ÷ the passes this sweep made; core/sweep/types.ts SweepCacheStats).
//   digits:  4 depths + scratch × 3 seeds × 20 epochs on the built-in digits (10 per digit), target < 120 s;
//   flowers: MobileNet v1 0.25 over its last 4 blocks (depths 0–4: feature extraction, then 1–4 fine-tuned) on
//            ../shared/datasets/flowers, 20 per class, 3 seeds × 20 epochs, no scratch (not part of a depth sweep
//            of a pretrained network), target < 300 s. Full mode only.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { freshDir, runCli } from './cli.mjs';
import { sharedDir } from './paths.mjs';

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

/** One row per scenario: seconds, per training and per cell, cache reuse, target met. */
export async function runSweeps({ quick, log }) {
  const rows = [];
  for (const scenario of sweepScenarios(quick)) {
    const out = freshDir(`sweep-${scenario.name}`);
    try {
      const wallSeconds = await runCli('sweep', [...scenario.args, '--quiet', '--out', out], {
        log,
        tag: scenario.name,
      });
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
