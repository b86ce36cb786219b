/**
 * Sweeps in the studio: which built-in sweep is picked and its budget, the sweep running now (folded from the
 * worker's sweep events as they stream) and the sweeps finished in this session, newest first. Plain data; pure
 * reducers.
 */
import type { StateCreator } from 'zustand';
import type { SweepPresetId } from '../core/sweep/presets';
import type { CellMetrics, SweepCellKey, SweepConfig, SweepResult, SweepTrial } from '../core/sweep/types';
import type { CurvePoint } from '../core/train/types';
import type { StoredSweep, SweepEngineEvent } from '../worker/protocol/sweep';

export type SweepStatus = 'running' | 'done' | 'cancelled' | 'failed';

export interface SweepRun {
  id: string;
  preset: SweepPresetId;
  config: SweepConfig;
  /** ISO time the sweep started; `startedMs` the same in ms (for the time left). */
  startedAt: string;
  startedMs: number;
  status: SweepStatus;
  /** Known once the worker has planned the grid. */
  cells: SweepCellKey[];
  trialCount: number;
  epochs: number;
  /** Epochs trained so far over all trials (the progress bar's unit) and trials finished. */
  epochsDone: number;
  trialsDone: number;
  /** Per cell: finished trials, the trial in progress, and the cell's metrics once it is complete. */
  trials: SweepTrial[][];
  live: ({ repeat: number; seed: number; curve: CurvePoint[] } | null)[];
  metrics: (CellMetrics | null)[];
  /** The whole result (axes, gains) once done. */
  result: SweepResult | null;
  error: string | null;
  /** ms when it ended (done, cancelled, failed). */
  endedMs: number | null;
}

export interface SweepSettings {
  preset: SweepPresetId;
  seeds: number;
  repeats: number;
  epochs: number;
}

export interface SweepState {
  settings: SweepSettings;
  /** The sweep running or shown; older ones in `history`. */
  current: SweepRun | null;
  history: SweepRun[];
  /** The cell whose learning curves are open, as an index into the shown sweep's cells. */
  openCell: number | null;
}

export interface SweepSlice {
  sweeps: SweepState;
  updateSweepSettings(patch: Partial<SweepSettings>): void;
  startSweep(id: string, preset: SweepPresetId, config: SweepConfig, nowMs: number): void;
  showSweep(id: string): void;
  openSweepCell(cell: number | null): void;
}

/** A budget that finishes the depth sweep in a few minutes on a laptop; more seeds and repeats tighten intervals. */
export const initialSweeps = (): SweepState => ({
  settings: { preset: 'depth', seeds: 2, repeats: 2, epochs: 20 },
  current: null,
  history: [],
  openCell: null,
});

/** Sweeps kept in the session history. */
const HISTORY_LIMIT = 20;

export const createSweepSlice: StateCreator<SweepSlice, [], [], SweepSlice> = (set) => ({
  sweeps: initialSweeps(),
  updateSweepSettings: (patch) =>
    set((s) => ({ sweeps: { ...s.sweeps, settings: { ...s.sweeps.settings, ...patch } } })),
  startSweep: (id, preset, config, nowMs) =>
    set((s) => {
      const history = s.sweeps.current
        ? [s.sweeps.current, ...s.sweeps.history].slice(0, HISTORY_LIMIT)
        : s.sweeps.history;
      const current: SweepRun = {
        id,
        preset,
        config,
        startedAt: new Date(nowMs).toISOString(),
        startedMs: nowMs,
        status: 'running',
        cells: [],
        trialCount: 0,
        epochs: config.epochs,
        epochsDone: 0,
        trialsDone: 0,
        trials: [],
        live: [],
        metrics: [],
        result: null,
        error: null,
        endedMs: null,
      };
      return { sweeps: { ...s.sweeps, current, history, openCell: null } };
    }),
  showSweep: (id) =>
    set((s) => {
      const { current, history } = s.sweeps;
      if (current?.status === 'running') return s;
      const picked = history.find((run) => run.id === id);
      if (!picked) return s;
      const rest = history.filter((r) => r.id !== id);
      return { sweeps: { ...s.sweeps, current: picked, history: current ? [current, ...rest] : rest, openCell: null } };
    }),
  openSweepCell: (cell) => set((s) => ({ sweeps: { ...s.sweeps, openCell: cell } })),
});

/** Folds one sweep event into the state (events of another sweep than the current one are ignored). */
export function reduceSweep(state: SweepState, event: SweepEngineEvent, nowMs: number): SweepState {
  if (event.type === 'sweep.listed') {
    const shown = new Set([state.current?.id]);
    const stored = event.sweeps.filter((s) => !shown.has(s.id)).map(fromStored);
    return { ...state, history: stored };
  }
  const run = state.current;
  if (!run || run.id !== event.sweepId) return state;
  const next = reduceRun(run, event, nowMs);
  return next === run ? state : { ...state, current: next };
}

function reduceRun(run: SweepRun, event: Exclude<SweepEngineEvent, { type: 'sweep.listed' }>, nowMs: number): SweepRun {
  switch (event.type) {
    case 'sweep.result':
      return { ...run, status: 'done', result: event.result, endedMs: nowMs, live: run.live.map(() => null) };
    case 'sweep.cancelled':
      return { ...run, status: 'cancelled', endedMs: nowMs };
    case 'sweep.failed':
      return { ...run, status: 'failed', error: event.message, endedMs: nowMs };
    case 'sweep.event': {
      const e = event.event;
      switch (e.type) {
        case 'sweep.planned':
          return {
            ...run,
            cells: e.cells,
            trialCount: e.trialCount,
            epochs: e.epochs,
            trials: e.cells.map(() => []),
            live: e.cells.map(() => null),
            metrics: e.cells.map(() => null),
          };
        case 'trial.start': {
          const live = [...run.live];
          live[e.cell] = { repeat: e.repeat, seed: e.seed, curve: [] };
          return { ...run, live };
        }
        case 'trial.epoch': {
          const current = run.live[e.cell];
          if (!current) return run;
          const live = [...run.live];
          live[e.cell] = { ...current, curve: [...current.curve, e.point] };
          return { ...run, live, epochsDone: run.epochsDone + (e.point.epoch > 0 ? 1 : 0) };
        }
        case 'trial.end': {
          const trials = [...run.trials];
          trials[e.cell] = [...(trials[e.cell] ?? []), e.trial];
          const live = [...run.live];
          live[e.cell] = null;
          return { ...run, trials, live, trialsDone: run.trialsDone + 1 };
        }
        case 'cell.end': {
          const metrics = [...run.metrics];
          metrics[e.cell] = e.metrics;
          return { ...run, metrics };
        }
        default:
          return run;
      }
    }
    default:
      return run;
  }
}

const PRESET_IDS: readonly string[] = ['depth', 'size', 'selffer', 'multitask', 'negative'] satisfies SweepPresetId[];
const isPreset = (label: string): label is SweepPresetId => PRESET_IDS.includes(label);

/**
 * The preset a kept sweep is read as: its label for the studio's own sweeps; for an imported sweep.json (labelled
 * with its file name) the one its grid matches — a multi-task arm, re-initialised series (selffer), several sizes at
 * one depth (examples per class), else freeze depth.
 */
export function presetOf(label: string, config: SweepConfig): SweepPresetId {
  if (isPreset(label)) return label;
  if (config.multitask) return 'multitask';
  if (config.series.some((s) => s.upper === 'reinitialised')) return 'selffer';
  return config.perClass.length > 1 && config.depths.length <= 1 ? 'size' : 'depth';
}

/** A sweep the workspace kept, as the history shows it (everything comes from its result). */
function fromStored(stored: StoredSweep): SweepRun {
  const { result } = stored;
  return {
    id: stored.id,
    preset: presetOf(stored.label, result.config),
    config: result.config,
    startedAt: new Date(stored.startedAt).toISOString(),
    startedMs: stored.startedAt,
    status: 'done',
    cells: result.cells.map(({ strategy, series, depth, perClass }) => ({
      strategy,
      perClass,
      ...(series !== undefined ? { series } : {}),
      ...(depth !== undefined ? { depth } : {}),
    })),
    trialCount: result.cache.trials,
    epochs: result.config.epochs,
    epochsDone: result.cache.trials * result.config.epochs,
    trialsDone: result.cache.trials,
    trials: result.cells.map((c) => c.trials),
    live: result.cells.map(() => null),
    metrics: result.cells.map((c) => c.metrics),
    result,
    error: null,
    endedMs: stored.startedAt + result.seconds * 1000,
  };
}

/** Seconds left, from the pace so far (epochs done per second since the start); null before the first epoch. */
export function sweepSecondsLeft(run: SweepRun, nowMs: number): number | null {
  const total = run.trialCount * run.epochs;
  if (run.status !== 'running' || run.epochsDone === 0 || total === 0) return null;
  const perEpoch = (nowMs - run.startedMs) / 1000 / run.epochsDone;
  return Math.max(0, (total - run.epochsDone) * perEpoch);
}
