/**
 * The backend probe worker's protocol (probe/probe.worker.ts). On a first visit the engine starts training on WASM at
 * once and hands the measurement of every backend to this worker, so measuring never holds up the first run; the
 * engine switches to the winner between runs. Plain structured-cloneable data.
 */
import type { MeasuredSpeed } from '../../core/backends/chooseBackend';
import { isListed, type Message, type MessageList } from './messages';

export type ProbeCommand =
  /**
   * Measure `candidates` (capability check, warm-up, timed run each), pick the fastest at training and store the
   * choice in the per-device cache the engine reads. Answered by backends.measured or probe.error.
   */
  { type: 'backends.measure'; candidates: string[]; deviceKey: string };

export type ProbeEvent =
  | {
      type: 'backends.measured';
      /** The fastest backend at training here. */
      backend: string;
      /** One sentence on why (the winner's speed, the runner-up, exclusions). */
      reason: string;
      measurements: MeasuredSpeed[];
    }
  /** Measuring failed (no backend could train, the worker could not start); user-facing message. */
  | { type: 'probe.error'; message: string };

const PROBE_COMMANDS = { 'backends.measure': true } as const satisfies MessageList<ProbeCommand>;
const PROBE_EVENTS = { 'backends.measured': true, 'probe.error': true } as const satisfies MessageList<ProbeEvent>;

export function isProbeCommand<C extends Message>(command: C | ProbeCommand): command is ProbeCommand {
  return isListed<ProbeCommand>(PROBE_COMMANDS, command);
}

export function isProbeEvent<E extends Message>(event: E | ProbeEvent): event is ProbeEvent {
  return isListed<ProbeEvent>(PROBE_EVENTS, event);
}
