/** What the Sweeps step asks of the engine (implemented in src/app/sweepActions.ts). */
export interface SweepActions {
  /** Starts the sweep the store's sweep settings describe; returns its id (the running one's when one runs). */
  runSweep(): string;
  cancelSweep(): void;
}
