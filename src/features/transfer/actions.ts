/** What "How well will it transfer?" asks of the engine (part of EngineActions; src/app/transferActions.ts). */
export interface TransferActions {
  /** Scores the candidates on the current dataset; with `measure`, trains a head at each to check the ranking. */
  estimateTransfer(measure: boolean): void;
  /** Domain shift between `source` (the built-in digits, or a stored dataset's id) and the current dataset. */
  measureShift(source: { kind: 'sample' } | { kind: 'workspace'; datasetId: string }): void;
  /** Stops the running estimate or shift measurement. */
  cancelTransfer(): void;
}
