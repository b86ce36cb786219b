import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SweepResult } from '../core/sweep/types';
import { runCli, runInProcess, TEST_CACHE_DIR, useTempDir } from '../testing/cli';
import { main } from './program';
import { SWEEP_CELL_COLUMNS, SWEEP_CURVE_COLUMNS } from './sweepReport';

/**
 * `transfer-studio sweep` on the digits preset (a small grid, a few epochs): the sweep through the command line's
 * `main` in-process (src/testing/cli.ts runInProcess), the refused flag below spawned as users run it.
 */
const tmp = useTempDir('transfer-studio-sweep-');

describe('transfer-studio sweep', () => {
  it('writes sweep.json with every cell (strategy, depth, perClass, metrics with mean and ci95) and the CSVs', async () => {
    const out = path.join(tmp(), 'digits');
    const args = ['sweep', '--preset', 'digits-ab', '--depths', '0,3', '--per-class', '2,5', '--seeds', '1'];
    const { code, stdout, stderr } = await runInProcess(
      main,
      [...args, '--repeats', '2', '--epochs', '2', '--out', out],
      TEST_CACHE_DIR,
    );
    expect(code, stderr).toBe(0);
    const result = JSON.parse(await readFile(path.join(out, 'sweep.json'), 'utf8')) as SweepResult;
    expect(result).toMatchObject({ schemaVersion: 1, kind: 'sweep' });
    expect(result.cells.map((c) => [c.strategy, c.depth ?? null, c.perClass])).toEqual([
      ['feature-extraction', 0, 2],
      ['feature-extraction', 0, 5],
      ['fine-tune:3', 3, 2],
      ['fine-tune:3', 3, 5],
      ['scratch', null, 2],
      ['scratch', null, 5],
    ]);
    for (const cell of result.cells) {
      expect(cell.trials).toHaveLength(2);
      for (const metric of ['start', 'plateau', 'auc'] as const) {
        expect(cell.metrics[metric]).toMatchObject({ mean: expect.any(Number), method: 't-repeats' });
        expect(cell.metrics[metric].ci95).toHaveLength(2);
      }
    }
    expect(result.axes.depth.map((a) => a.perClass)).toEqual([2, 5]);
    expect(result.axes.perClass.map((a) => a.depth)).toEqual([0, 3]);
    expect(result.cache.reuseRatio).toBeGreaterThan(1);

    const cells = (await readFile(path.join(out, 'cells.csv'), 'utf8')).trimEnd().split('\n');
    expect(cells[0]).toBe(SWEEP_CELL_COLUMNS.join(','));
    expect(cells).toHaveLength(1 + 6);
    const curves = (await readFile(path.join(out, 'sweep-curves.csv'), 'utf8')).trimEnd().split('\n');
    expect(curves[0]).toBe(SWEEP_CURVE_COLUMNS.join(','));
    expect(curves).toHaveLength(1 + 6 * 2 * 3);
    expect(stdout).toMatch(/2 per class:/);
    expect(stdout).toMatch(/reuse \d+\.\d×/);
  }, 240_000);

  it('names a bad flag and exits 2 before loading anything', async () => {
    const out = path.join(tmp(), 'bad');
    const depths = await runCli(['sweep', '--preset', 'digits-ab', '--depths', '0-9', '--out', out]);
    expect(depths.code).toBe(2);
    expect(depths.stderr).toMatch(/depths \(--depths\): digits-vgg has 3 blocks .* depths must be 0\.\.3 \(got 4, 5/);
    // The same main in-process (src/testing/cli.ts runInProcess): the spawn above proves the launcher's exit code.
    const list = await runInProcess(
      main,
      ['sweep', '--preset', 'digits-ab', '--per-class', 'ten', '--out', out],
      TEST_CACHE_DIR,
    );
    expect(list.code).toBe(2);
    expect(list.stderr).toMatch(/--per-class: expected numbers and ranges/);
  }, 60_000);
});
