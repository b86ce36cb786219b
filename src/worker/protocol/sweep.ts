/**
 * The sweeps part of the engine worker's protocol (engine.ts unions these in): run a grid of trainings as one job
 * (core's runSweep) and stream its events. Plain, structured-cloneable data.
 */
import type { SweepConfig, SweepEvent, SweepResult } from '../../core/sweep/types';
import type { DatasetSource } from './engine';
import { isListed, type Message, type MessageList } from './messages';

export type SweepCommand =
  /**
   * Run a sweep on `dataset` (and `auxiliary` for a multi-task arm). A series' modelUrl is app-relative (resolved
   * against the dataset's baseUrl). Answered by sweep.event events, then exactly one of sweep.result /
   * sweep.cancelled / sweep.failed. Refused while an experiment or a classifier trains.
   */
  | {
      type: 'sweep.run';
      sweepId: string;
      /** What the studio calls it (a built-in preset's id), stored with the result. */
      label: string;
      config: SweepConfig;
      dataset: DatasetSource;
      auxiliary?: DatasetSource;
    }
  /** Cancel a running sweep; a no-op when `sweepId` is not running. */
  | { type: 'sweep.cancel'; sweepId: string }
  /** The finished sweeps stored in the workspace; answered by sweep.listed. */
  | { type: 'sweep.list' };

/** A finished sweep as the workspace keeps it (newest first, at most STORED_SWEEPS_LIMIT). */
export interface StoredSweep {
  id: string;
  label: string;
  /** ms since the epoch. */
  startedAt: number;
  result: SweepResult;
}

/** Finished sweeps the workspace keeps (each is a few hundred kB with its curves). */
export const STORED_SWEEPS_LIMIT = 10;

export type SweepEngineEvent =
  | { type: 'sweep.event'; sweepId: string; event: SweepEvent }
  | { type: 'sweep.result'; sweepId: string; result: SweepResult }
  | { type: 'sweep.cancelled'; sweepId: string }
  /** The sweep could not run or failed; user-facing message. */
  | { type: 'sweep.failed'; sweepId: string; message: string }
  | { type: 'sweep.listed'; sweeps: StoredSweep[] };

const SWEEP_COMMANDS = {
  'sweep.run': true,
  'sweep.cancel': true,
  'sweep.list': true,
} as const satisfies MessageList<SweepCommand>;

const SWEEP_EVENTS = {
  'sweep.event': true,
  'sweep.result': true,
  'sweep.cancelled': true,
  'sweep.failed': true,
  'sweep.listed': true,
} as const satisfies MessageList<SweepEngineEvent>;

export function isSweepCommand<C extends Message>(command: C | SweepCommand): command is SweepCommand {
  return isListed<SweepCommand>(SWEEP_COMMANDS, command);
}

export function isSweepEvent<E extends Message>(event: E | SweepEngineEvent): event is SweepEngineEvent {
  return isListed<SweepEngineEvent>(SWEEP_EVENTS, event);
}
