/**
 * One shape for "a run to show", whether it is the current run growing live (the store's `run`) or one read back
 * from the workspace (the history's StoredRun): its config, curves and result. Pure builders plus a hook that picks
 * the focused run and the runs chosen for comparison.
 */
import { useMemo } from 'react';
import type { ExperimentConfig, ExperimentResult } from '../../core/experiment/types';
import { useStudioStore, type CurveRecord, type RunState } from '../../store';
import type { StoredRun } from '../../worker/protocol/runs';

export interface RunView {
  id: string;
  status: StoredRun['status'];
  config: ExperimentConfig | null;
  curves: CurveRecord[];
  result: ExperimentResult | null;
  datasetId: string | null;
  datasetName: string | null;
  /** ms since the epoch. */
  startedAt: number;
  progress: StoredRun['progress'];
  /** True for the store's current run (its curves grow while it runs). */
  live: boolean;
  /** Classes of its dataset (chance accuracy is 1 / classCount); null when unknown. */
  classCount: number | null;
  /** The results file it came from when it ran elsewhere (StoredRun.importedFrom); else null. */
  importedFrom: string | null;
}

export function viewOfStored(run: StoredRun): RunView {
  return {
    id: run.id,
    status: run.status,
    config: run.config ?? run.result?.config ?? null,
    // A run without a result shows the epochs it finished (stored as each completed).
    curves: run.result
      ? run.result.runs.map((trial) => ({ strategy: trial.strategy, seed: trial.seed, points: trial.curve }))
      : (run.partialCurves ?? []),
    result: run.result,
    datasetId: run.datasetId,
    datasetName: run.datasetName,
    startedAt: run.startedAt,
    progress: run.progress,
    live: false,
    classCount: run.result?.dataset.classNames.length ?? run.classCount ?? null,
    importedFrom: run.importedFrom,
  };
}

export function viewOfLive(run: RunState, stored: StoredRun | undefined): RunView {
  return {
    id: run.runId,
    status: run.status === 'error' ? 'failed' : run.status,
    config: run.config,
    curves: run.curves.filter((c): c is CurveRecord => c !== undefined),
    result: run.result,
    datasetId: stored?.datasetId ?? null,
    datasetName: stored?.datasetName ?? null,
    startedAt: stored?.startedAt ?? Date.parse(run.requestedAt),
    progress: { trialsDone: run.trialsDone, trialCount: run.trialCount },
    live: true,
    classCount: run.result?.dataset.classNames.length ?? run.classCount,
    // The current run is an imported one when start-up restored it from the history (the newest done run).
    importedFrom: stored?.importedFrom ?? null,
  };
}

/** True when a run has curves to show or compare. */
export const hasCurves = (run: StoredRun, current: RunState | null) =>
  run.result !== null || (run.partialCurves?.length ?? 0) > 0 || current?.runId === run.id;

/**
 * The run whose details are shown (the focused one; else the current run; else the newest with a result) and the
 * runs chosen for comparison that have curves, in the order they were chosen.
 */
export function useRunViews(): { focused: RunView | null; compared: RunView[] } {
  const run = useStudioStore((s) => s.run);
  const history = useStudioStore((s) => s.history);
  return useMemo(() => {
    const byId = new Map(history.runs.map((r) => [r.id, r]));
    const view = (id: string): RunView | null => {
      if (run?.runId === id) return viewOfLive(run, byId.get(id));
      const stored = byId.get(id);
      return stored ? viewOfStored(stored) : null;
    };
    let focused = history.focus ? view(history.focus) : null;
    if (!focused && run) focused = viewOfLive(run, byId.get(run.runId));
    if (!focused) {
      const newest = history.runs.find((r) => r.result);
      focused = newest ? viewOfStored(newest) : null;
    }
    const compared = history.compare.map(view).filter((v): v is RunView => v !== null && v.curves.length > 0);
    return { focused, compared };
  }, [run, history]);
}
