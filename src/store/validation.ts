/**
 * The Strategy panel's validation IS the core config schema: the store's selections become an ExperimentConfig
 * (selectExperimentConfig) and parseExperimentConfig judges it; its issues are mapped to the panel's fields.
 */
import { ConfigError, parseExperimentConfig } from '../core/experiment/config';
import { selectExperimentConfig, type StudioState } from './index';

/** Fields of the panel that the schema can flag. */
export type StrategyField =
  'strategies' | 'seeds' | 'repeats' | 'epochs' | 'batchSize' | 'learningRate' | 'imageSize' | 'validationFraction';

/** Every StrategyField once: the typechecker fails when the type gains a field this list lacks. */
const FIELDS = Object.keys({
  strategies: true,
  seeds: true,
  repeats: true,
  epochs: true,
  batchSize: true,
  learningRate: true,
  imageSize: true,
  validationFraction: true,
} satisfies Record<StrategyField, true>) as StrategyField[];

/** The schema's reason (English) per flagged field; empty when the config is valid. */
export type FieldIssues = Partial<Record<StrategyField | 'other', string>>;

export function configIssues(state: Pick<StudioState, 'dataset' | 'backbone' | 'strategy'>): FieldIssues {
  try {
    parseExperimentConfig(selectExperimentConfig(state));
    return {};
  } catch (error) {
    if (!(error instanceof ConfigError)) return { other: error instanceof Error ? error.message : String(error) };
    const issues: FieldIssues = {};
    for (const issue of error.issues) {
      // "strategies[2]" → strategies
      const field = FIELDS.find((f) => issue.field === f || issue.field.startsWith(`${f}[`)) ?? 'other';
      issues[field] ??= issue.reason;
    }
    return issues;
  }
}

/** Why Run cannot start now (a translation key under strategyPanel.blocked), or null. */
export type RunBlocker =
  'invalid' | 'backboneLoading' | 'modelMissing' | 'importInterrupted' | 'tooFewClasses' | 'emptyClass';

/**
 * A stored dataset must have at least two classes with images, and no empty class (the stratified split needs an
 * example of every class): checked here so Run is blocked with a reason instead of failing after it starts. A
 * dataset whose import was interrupted by a reload is refused until the user finishes, keeps or removes it.
 */
export function selectRunBlocker(
  state: Pick<StudioState, 'dataset' | 'backbone' | 'strategy' | 'workspace'>,
): RunBlocker | null {
  if (state.backbone.pending) return 'backboneLoading';
  if (state.backbone.missing) return 'modelMissing';
  if (state.dataset.kind === 'workspace') {
    const summary = state.workspace.datasets.find((d) => d.id === state.dataset.datasetId);
    if (summary) {
      if (summary.interruptedImport) return 'importInterrupted';
      if (summary.counts.filter((n) => n > 0).length < 2) return 'tooFewClasses';
      if (summary.counts.some((n) => n === 0)) return 'emptyClass';
    }
  }
  return Object.keys(configIssues(state)).length > 0 ? 'invalid' : null;
}
