/**
 * A stored ExperimentResult's summary derived again from its trials alone (pure): the same summarizeStrategies call
 * runExperiment and runAdaptation make, with the baseline the result was compared against (source only when it
 * records a source domain, scratch otherwise). A stored summary that differs from this one was made by other code
 * — an older interval rule, or an edit; scripts/storedResults.test.ts compares the two, and `npm run results --
 * --resummarize` rewrites the stored files with it (no training).
 */
import { SCRATCH, summarizeStrategies } from '../metrics/compare';
import type { StrategySummary } from '../metrics/types';
import { ADAPTATION_BASELINE } from './runAdaptation';
import type { ExperimentResult } from './types';

export function resummarizeResult(result: ExperimentResult): StrategySummary[] {
  const context = { validationCount: result.dataset.validationCount, numClasses: result.dataset.classNames.length };
  const baseline = result.source ? ADAPTATION_BASELINE : SCRATCH;
  return summarizeStrategies(result.runs, context, result.config.strategies, baseline);
}
