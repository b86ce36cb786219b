/**
 * The studio's store: zustand slices of plain, serialisable data (no tensors, models or workers). Worker events
 * arrive in batches (batcher.ts) and are folded in with one `set` per batch.
 */
import { create } from 'zustand';
import { DIGITS_AB } from '../core/experiment/digitsAb';
import { CONFIG_DEFAULTS } from '../core/experiment/config';
import type { ExperimentConfig } from '../core/experiment/types';
import { isBackboneEvent } from '../worker/protocol/backbone';
import { isDatasetWorkerEvent, type DatasetWorkerEvent } from '../worker/protocol/dataset';
import type { EngineEvent } from '../worker/protocol/engine';
import { reduceBackboneEvent } from './backboneEvents';
import { createBackboneSlice, initialBackbone, type BackboneSlice } from './backboneSlice';
import { isClassifierEvent } from '../worker/protocol/classifier';
import { isRunsEvent } from '../worker/protocol/runs';
import { isTransferEvent } from '../worker/protocol/transferability';
import { isSweepEvent } from '../worker/protocol/sweep';
import { createSweepSlice, initialSweeps, reduceSweep, type SweepSlice } from './sweepSlice';
import { createClassifierSlice, initialClassifier, reduceClassifier, type ClassifierSlice } from './classifierSlice';
import { createHistorySlice, initialHistory, reduceHistory, upsertRun, type HistorySlice } from './historySlice';
import { createDatasetSlice, initialDataset, type DatasetSlice } from './datasetSlice';
import { createRun, reduceRun, type RunState } from './runs';
import { createSettingsSlice, initialSettings, type SettingsSlice } from './settingsSlice';
import { createStrategySlice, initialStrategy, type StrategySlice } from './strategySlice';
import { createTransferSlice, initialTransfer, reduceTransfer, type TransferSlice } from './transferSlice';
import {
  createWorkspaceSlice,
  initialWorkspace,
  reduceSelection,
  reduceWorkspace,
  type WorkspaceSlice,
} from './workspaceSlice';

export interface RunsSlice {
  /** The latest run (running or finished); null before the first. */
  run: RunState | null;
  /**
   * A run starts: on the selected dataset, or (`origin`, a stored run resumed or run again) on the dataset it
   * names, with that dataset's class count.
   */
  startRun(
    runId: string,
    config: ExperimentConfig,
    origin?: { dataset: { id: string | null; name: string | null }; classCount: number | null },
  ): void;
  /** Folds in events of either worker (engine and dataset), in the order they arrived. */
  applyEngineEvents(events: readonly StudioEvent[]): void;
}

/** What the store folds in: the events of both workers. */
type StudioEvent = EngineEvent | DatasetWorkerEvent;

export type StudioState = SettingsSlice &
  DatasetSlice &
  BackboneSlice &
  StrategySlice &
  RunsSlice &
  WorkspaceSlice &
  HistorySlice &
  ClassifierSlice &
  TransferSlice &
  SweepSlice;

export const useStudioStore = create<StudioState>()((...a) => {
  const [set] = a;
  return {
    ...createSettingsSlice(...a),
    ...createDatasetSlice(...a),
    ...createBackboneSlice(...a),
    ...createStrategySlice(...a),
    ...createWorkspaceSlice(...a),
    ...createHistorySlice(...a),
    ...createClassifierSlice(...a),
    ...createTransferSlice(...a),
    ...createSweepSlice(...a),
    run: null,
    startRun: (runId, config, origin) =>
      set((state) => ({
        run: origin
          ? { ...createRun(runId, config, new Date().toISOString(), origin.classCount), dataset: origin.dataset }
          : createRun(runId, config, new Date().toISOString(), state.dataset.classNames.length || null),
      })),
    applyEngineEvents: (events) =>
      set((state) => {
        let { run, settings, backbone, strategy, workspace, dataset, history, classifier, transfer, sweeps } = state;
        for (const event of events) {
          if ((event.type === 'engine.error' && event.runId === undefined) || event.type === 'datasetWorker.error') {
            // A failure outside any run: backend setup, or a worker that could not start.
            settings = { ...settings, engineError: event.message };
          } else if (isSweepEvent(event)) {
            sweeps = reduceSweep(sweeps, event, Date.now());
          } else if (isRunsEvent(event)) {
            history = reduceHistory(history, event);
          } else if (isClassifierEvent(event)) {
            classifier = reduceClassifier(classifier, event);
          } else if (isTransferEvent(event)) {
            transfer = reduceTransfer(transfer, event);
          } else if (isDatasetWorkerEvent(event)) {
            const importing = workspace.import?.status === 'running' ? workspace.import.datasetId : null;
            workspace = reduceWorkspace(workspace, event);
            dataset = reduceSelection(dataset, event, importing);
          } else if (isBackboneEvent(event)) {
            ({ backbone, strategy } = reduceBackboneEvent({ backbone, strategy }, event));
          } else if (event.type === 'backend.selected') {
            const { backend, measurements, reason, crossOriginIsolated, wasmThreads, measuring } = event;
            settings = {
              ...settings,
              backend: { backend, measurements, reason, crossOriginIsolated, wasmThreads, measuring },
              engineError: null,
            };
          } else if (run) {
            run = reduceRun(run, event);
          }
        }
        // The current run is part of the history as it happens (its stored record catches up on the next list).
        if (run)
          history = upsertRun(
            history,
            run,
            run.dataset ?? {
              id: state.dataset.datasetId,
              name: workspace.datasets.find((d) => d.id === state.dataset.datasetId)?.name ?? null,
            },
          );
        return { run, settings, backbone, strategy, workspace, dataset, history, classifier, transfer, sweeps };
      }),
  };
});

/** Back to a fresh studio (tests). Keeps the actions, replaces all data. */
export function resetStudioStore(): void {
  useStudioStore.setState({
    settings: initialSettings(),
    dataset: initialDataset(),
    backbone: initialBackbone(),
    strategy: initialStrategy(),
    workspace: initialWorkspace(),
    history: initialHistory(),
    classifier: initialClassifier(),
    transfer: initialTransfer(),
    sweeps: initialSweeps(),
    run: null,
  });
}

/**
 * The ExperimentConfig the current selections describe. Validated again in the worker (parseExperimentConfig)
 * before anything runs.
 */
export function selectExperimentConfig(
  state: Pick<StudioState, 'dataset' | 'backbone' | 'strategy'>,
): ExperimentConfig {
  // The sample is the built-in experiment (core/experiment/digitsAb.ts, the CLI's --preset digits-ab): all its
  // images, validation split off first, then perClass TRAINING examples per class drawn from the rest.
  const { trainPerClass } = state.dataset;
  const { imageSize } = state.strategy;
  // A stored dataset: all its images, split by the chosen validation fraction (the config default otherwise).
  const stored = state.dataset.kind === 'workspace';
  return {
    ...(imageSize !== null ? { imageSize } : {}),
    schemaVersion: 1,
    backbone: state.backbone.id,
    strategies: [...state.strategy.strategies],
    seeds: state.strategy.seeds,
    epochs: state.strategy.epochs,
    batchSize: state.strategy.batchSize,
    learningRate: state.strategy.learningRate,
    backboneLearningRateScale: CONFIG_DEFAULTS.backboneLearningRateScale,
    ...(stored ? {} : { perClass: trainPerClass }),
    validationFraction:
      state.strategy.validationFraction ?? (stored ? CONFIG_DEFAULTS.validationFraction : DIGITS_AB.validationFraction),
    splitSeed: stored ? CONFIG_DEFAULTS.splitSeed : DIGITS_AB.splitSeed,
    ...(state.strategy.repeats !== 1 ? { repeats: state.strategy.repeats } : {}),
    augment: state.strategy.augment,
    trainBatchNorm: CONFIG_DEFAULTS.trainBatchNorm,
  };
}

export type { RunState, CurveRecord } from './runs';
export { restartBlock, type RestartBlock } from './historySlice';
export { LANGUAGES } from './settingsSlice';
export type { Language } from './settingsSlice';

/**
 * True while the engine computes something long in the background of the page: a first visit's backend
 * measurement (or none chosen yet), a run, a sweep, a classifier training or a transferability score. Work that
 * would compete with it for the CPU (the service worker's precaching) waits until this is false.
 */
export function selectEngineComputing(
  state: Pick<StudioState, 'settings' | 'run' | 'sweeps' | 'classifier' | 'transfer'>,
): boolean {
  const backend = state.settings.backend;
  const score = state.transfer.score?.status;
  return (
    backend === null ||
    backend.measuring ||
    state.run?.status === 'running' ||
    state.sweeps.current?.status === 'running' ||
    state.classifier.training !== null ||
    score === 'running' ||
    score === 'measuring' ||
    state.transfer.shift?.status === 'running'
  );
}
