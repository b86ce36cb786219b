import { createContext, useContext } from 'react';
import type { BackendPreference } from '../worker/protocol/engine';
import type { BackboneActions } from './backbone/actions';
import type { DatasetActions } from './dataset/actions';
import type { FewShotActions } from './fewshot/actions';
import type { LabActions } from './fewshotLab/actions';
import type { ClassifierActions } from './predict/actions';
import type { RunsActions } from './runs/actions';
import type { TransferActions } from './transfer/actions';
import type { SweepActions } from './sweeps/actions';

/**
 * What the UI can ask of the engine. src/app/engine.ts implements it with the worker client and the store;
 * components get it from context, so they stay free of workers and tests can pass a fake.
 */
export interface EngineActions
  extends
    BackboneActions,
    DatasetActions,
    RunsActions,
    ClassifierActions,
    FewShotActions,
    LabActions,
    TransferActions,
    SweepActions {
  /** Starts the experiment the store's current selections describe; returns its run id. */
  runExperiment(): string;
  /**
   * Starts a stored run again with its own settings and dataset: `resume` keeps the trials it finished (same run
   * id; its record is replaced as it goes), `rerun` starts a new run from the start. Returns the running run's id,
   * or null when the run cannot be started (store `restartBlock` says why).
   */
  restartRun(runId: string, mode: 'resume' | 'rerun'): string | null;
  cancel(): void;
  selectBackend(preference: BackendPreference): void;
}

export const EngineActionsContext = createContext<EngineActions | null>(null);

export function useEngineActions(): EngineActions {
  const actions = useContext(EngineActionsContext);
  if (!actions) throw new Error('useEngineActions needs an <EngineActionsContext.Provider> (see src/app/App.tsx)');
  return actions;
}
