import { accuracyResolution } from '../math/intervals';
import { planSweep } from './plan';
import { depthAxes, sizeAxes, summarizeCells, sweepTrial } from './summarize';
import type { SweepResult } from './types';

/**
 * A stored sweep's numbers derived again from its curves alone (pure): every trial's metrics from its curve, every
 * cell's metrics, gains and verdicts, and the axes, by the same functions runSweep uses. A stored `sweep.json`
 * whose numbers differ from these was made by other code (or edited); tests of stored results compare the two.
 */
export function resummarizeSweep(result: SweepResult): Pick<SweepResult, 'cells' | 'axes'> {
  const plan = planSweep(result.config);
  const validationCount = result.dataset.validationCount;
  const context = { validationCount, numClasses: result.dataset.classNames.length };
  const trialsByCell = plan.cells.map((planned) => {
    const stored = result.cells.find(
      (c) =>
        c.strategy === planned.key.strategy &&
        c.perClass === planned.key.perClass &&
        c.series === planned.key.series &&
        c.depth === planned.key.depth,
    );
    if (!stored) throw new Error(`stored sweep has no cell ${planned.key.strategy} at ${planned.key.perClass}/class`);
    return stored.trials.map((t) => sweepTrial(t.repeat, t.seed, t.curve, validationCount));
  });
  const cells = summarizeCells(plan.cells, trialsByCell, context);
  const resolution = accuracyResolution(validationCount);
  return {
    cells,
    axes: { depth: depthAxes(result.config, cells, resolution), perClass: sizeAxes(result.config, cells, resolution) },
  };
}
