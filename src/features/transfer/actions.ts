/** Where a transfer tool's source domain comes from: the built-in sample or a stored dataset. */
export type SourceChoice = { kind: 'sample' } | { kind: 'workspace'; datasetId: string };

/**
 * The unlabelled target of the domain-adaptation preset: the built-in digits on synthetic colour backgrounds (made
 * in the engine, offline; core/data/colourDigits.ts) or the current dataset (e.g. real MNIST-M, imported).
 */
export type AdaptationTarget = 'synthetic' | 'current';

/** What "How well will it transfer?" asks of the engine (part of EngineActions; src/app/transferActions.ts). */
export interface TransferActions {
  /** Scores the candidates on the current dataset; with `measure`, trains a head at each to check the ranking. */
  estimateTransfer(measure: boolean): void;
  /** Domain shift between `source` (the built-in digits, or a stored dataset's id) and the current dataset. */
  measureShift(source: SourceChoice): void;
  /**
   * Starts the domain-adaptation preset (core/experiment/adaptationPreset.ts) as a run: `source` (the built-in
   * MNIST 0–9, or a stored dataset's id) labelled, `target` unlabelled. Returns the run id; the run's curves and
   * summary are the Run & results step's. No-op (returning the running id) while a run runs.
   */
  runAdaptation(source: SourceChoice, target: AdaptationTarget): string;
  /** Stops the running estimate or shift measurement. */
  cancelTransfer(): void;
}
